package com.clinicbackbone.booking.appointment;

import static com.clinicbackbone.booking.appointment.AppointmentFixture.NOW;
import static com.clinicbackbone.booking.appointment.AppointmentFixture.anAppointment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clinicbackbone.booking.clinic.InMemoryCatalog;
import com.clinicbackbone.booking.patient.InMemoryPatientRegistry;
import com.clinicbackbone.booking.patient.PatientEligibility;
import com.clinicbackbone.booking.schedule.ExceptionKind;
import com.clinicbackbone.booking.schedule.InMemorySchedules;
import com.clinicbackbone.booking.schedule.ScheduleException;
import com.clinicbackbone.booking.schedule.ScheduleService;
import com.clinicbackbone.booking.patient.PatientNotBookableException;
import com.clinicbackbone.events.AppointmentBooked;
import com.clinicbackbone.events.AppointmentCancelled;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppointmentServiceTest {

    static final Duration WINDOW = Duration.ofHours(24);

    final InMemoryAppointments appointments = new InMemoryAppointments();
    final InMemoryCalendar calendar = new InMemoryCalendar();
    final InMemoryPatientRegistry patients = new InMemoryPatientRegistry()
            .register("patient-1", "running-shoe", "calgary-concussion", "integrative-pain");
    final InMemoryCatalog catalog = new InMemoryCatalog();
    final InMemorySchedules schedules = new InMemorySchedules();
    final AppointmentService service = new AppointmentService(catalog, appointments, calendar,
            new PatientEligibility(patients, Duration.ZERO, Duration.ofMillis(10)),
            new ScheduleService(catalog, schedules), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void booksAndClaimsEveryBucketOfThePractitioner() {
        Appointment booked = service.book(anAppointment().request());

        assertThat(appointments.find(booked.id())).isPresent();
        assertThat(appointments.published()).singleElement().isInstanceOf(AppointmentBooked.class);
        assertThat(calendar.claims()).hasSize(6).containsEntry("maya-chen|2026-03-02T16:00:00Z", booked.id())
                .containsEntry("maya-chen|2026-03-02T16:25:00Z", booked.id());
    }

    @Test
    void booksEverySessionOfASeriesWhenAllAreFree() {
        var sessions = List.of(anAppointment().request(),
                anAppointment().startingAt("2026-03-09T16:00:00Z").request());

        var booked = service.bookAll(sessions);

        assertThat(booked).hasSize(2).allSatisfy(it -> assertThat(appointments.find(it.id())).isPresent());
        assertThat(calendar.claims()).hasSize(12);
    }

    @Test
    void booksNoSessionOfASeriesWhenOneIsTaken() {
        service.book(anAppointment().startingAt("2026-03-09T16:15:00Z").request());
        var sessions = List.of(anAppointment().request(),
                anAppointment().startingAt("2026-03-09T16:00:00Z").request(),
                anAppointment().startingAt("2026-03-16T16:00:00Z").request());

        assertThatThrownBy(() -> service.bookAll(sessions))
                .isInstanceOfSatisfying(SessionNotBookableException.class, e -> {
                    assertThat(e.index()).isEqualTo(1);
                    assertThat(e.reason()).isInstanceOf(SlotUnavailableException.class);
                });
        assertThat(appointments.count()).isEqualTo(1);
        assertThat(calendar.claims()).hasSize(6);
    }

    @ParameterizedTest
    @CsvSource({
            "nowhere, physio-follow-up, maya-chen, clinicId",
            "running-shoe, concussion-baseline, maya-chen, serviceId",
            "running-shoe, physio-follow-up, nobody, practitionerId",
            "integrative-pain, prolotherapy, maya-chen, practitionerId"})
    void rejectsReferencesThatCannotBeBooked(String clinicId, String serviceId, String practitionerId, String field) {
        var request = new BookAppointment(clinicId, serviceId, practitionerId, "patient-1", anAppointment().request()
                .start());

        assertThatThrownBy(() -> service.book(request))
                .isInstanceOfSatisfying(UnknownReferenceException.class, e -> assertThat(e.field()).isEqualTo(field));
        assertThat(appointments.count()).isZero();
        assertThat(calendar.claims()).isEmpty();
    }

    @Test
    void checksTheStartBeforeTheReferences() {
        var request = new BookAppointment("nowhere", "x", "y", "patient-1", NOW.minusSeconds(300));

        assertThatThrownBy(() -> service.book(request)).isInstanceOf(InvalidAppointmentException.class);
    }

    @Test
    void rejectsAnOverlappingAppointmentOfThePractitionerAtAnotherClinic() {
        // extra hours at the concussion centre on a running-shoe day: the calendar is still one
        schedules.add(new ScheduleException("extra-1", "maya-chen", ExceptionKind.EXTRA_HOURS, "calgary-concussion",
                LocalDateTime.parse("2026-03-02T08:00"), LocalDateTime.parse("2026-03-02T12:00")));
        Appointment first = service.book(anAppointment().request());

        assertThatThrownBy(() -> service.book(anAppointment().at("calgary-concussion", "concussion-follow-up")
                .startingAt("2026-03-02T16:15:00Z").request()))
                .isInstanceOf(SlotUnavailableException.class)
                .hasMessageNotContaining("patient-1").hasMessageNotContaining("running-shoe");
        assertThat(appointments.count()).isEqualTo(1);
        assertThat(calendar.claims()).hasSize(6).allSatisfy((key, holder) -> assertThat(holder).isEqualTo(first.id()));
    }

    @Test
    void anotherPractitionerCanTakeTheSameTime() {
        service.book(anAppointment().startingAt("2026-03-02T17:00:00Z").request());

        service.book(anAppointment().with("sofia-ramirez").at("running-shoe", "massage-60")
                .startingAt("2026-03-02T17:00:00Z").request());

        assertThat(appointments.count()).isEqualTo(2);
    }

    @Test
    void cancellingFreesTheTime() {
        Appointment first = service.book(anAppointment().request());

        Appointment cancelled = service.cancel(first.id(), "patient called", Party.PATIENT);
        Appointment again = service.book(anAppointment().request());

        assertThat(cancelled.status()).isEqualTo(AppointmentStatus.CANCELLED);
        assertThat(appointments.published()).hasSize(3).element(1).isInstanceOf(AppointmentCancelled.class);
        assertThat(calendar.claims()).hasSize(6).containsValue(again.id());
    }

    @Test
    void releasesClaimsLeftByACancellationThatStoppedEarlyAndBooks() {
        Appointment first = service.book(anAppointment().request());
        Appointment crashed = appointments.find(first.id()).orElseThrow();
        crashed.cancel(null, Party.CLINIC, WINDOW, NOW);
        appointments.update(crashed); // the claims were never released

        Appointment again = service.book(anAppointment().startingAt("2026-03-02T16:15:00Z").request());

        assertThat(calendar.claims()).hasSize(6).allSatisfy((key, holder) -> assertThat(holder).isEqualTo(again.id()));
    }

    @Test
    void releasesItsClaimsWhenTheAppointmentCannotBeStored() {
        appointments.failNextWrite();

        assertThatThrownBy(() -> service.book(anAppointment().request())).isInstanceOf(IllegalStateException.class);
        assertThat(calendar.claims()).isEmpty();
    }

    @Test
    void rejectsCancellingTwiceAndKeepsTheFirstCancellation() {
        Appointment first = service.book(anAppointment().request());
        service.cancel(first.id(), "first", Party.CLINIC);

        assertThatThrownBy(() -> service.cancel(first.id(), "second", Party.CLINIC)).isInstanceOf(AppointmentStateException.class);
        assertThat(service.get(first.id()).cancellationReason()).isEqualTo("first");
        assertThat(service.get(first.id()).revision()).isEqualTo(2);
    }

    @Test
    void answersNotFoundForAnUnknownAppointment() {
        assertThatThrownBy(() -> service.cancel("nope", null, Party.CLINIC)).isInstanceOf(AppointmentNotFoundException.class);
    }

    @ParameterizedTest
    @CsvSource({
            "ghost, running-shoe, UNKNOWN",
            "patient-2, integrative-pain, NOT_LINKED",
            "patient-erased, running-shoe, ERASED",
            "patient-merged, running-shoe, MERGED"})
    void refusesAPatientWhoCannotBeBookedAndStoresNothing(String patientId, String clinicId, String reason) {
        patients.register("patient-2", "running-shoe").register("patient-erased", "running-shoe")
                .register("patient-merged", "running-shoe");
        patients.applyErased("patient-erased", 2);
        patients.applyMerged("patient-merged", "patient-2", java.util.List.of(), 2);
        String serviceId = clinicId.equals("running-shoe") ? "physio-follow-up" : "pain-consultation";
        String practitionerId = clinicId.equals("running-shoe") ? "maya-chen" : "liam-okafor";
        var request = new BookAppointment(clinicId, serviceId, practitionerId, patientId,
                anAppointment().request().start());

        assertThatThrownBy(() -> service.book(request)).isInstanceOfSatisfying(PatientNotBookableException.class,
                e -> assertThat(e.reason().name()).isEqualTo(reason));
        assertThat(appointments.count()).isZero();
        assertThat(calendar.claims()).isEmpty();
    }

    @Test
    void checksTheClinicServiceAndPractitionerBeforeThePatient() {
        var request = new BookAppointment("running-shoe", "physio-follow-up", "noah-tremblay", "ghost",
                anAppointment().request().start());

        assertThatThrownBy(() -> service.book(request))
                .isInstanceOfSatisfying(UnknownReferenceException.class,
                        e -> assertThat(e.field()).isEqualTo("practitionerId"));
        assertThat(patients.lookups()).isZero();
    }

    @Test
    void erasureClearsTheCancellationReasonsOfThePatientOnly() {
        patients.register("patient-2", "running-shoe");
        Appointment mine = service.book(anAppointment().request());
        Appointment other = service.book(anAppointment().forPatient("patient-2").with("sofia-ramirez")
                .at("running-shoe", "massage-60").startingAt("2026-03-02T17:00:00Z").request());
        service.cancel(mine.id(), "migraine since the accident", Party.PATIENT);
        service.cancel(other.id(), "car broke down", Party.CLINIC);

        var erasure = patients.applyErased("patient-1", 2);
        assertThat(erasure.appointmentsWithFreeText()).containsExactly(mine.id());
        int cleared = service.erasePersonalData(erasure.appointmentsWithFreeText());

        assertThat(cleared).isEqualTo(1);
        Appointment erased = service.get(mine.id());
        assertThat(erased.cancellationReason()).isNull();
        assertThat(erased.patientId()).isEqualTo("patient-1");
        assertThat(erased.revision()).isEqualTo(2);
        assertThat(service.get(other.id()).cancellationReason()).isEqualTo("car broke down");
        assertThat(service.erasePersonalData(patients.applyErased("patient-1", 2).appointmentsWithFreeText()))
                .isZero();
    }

    @Test
    void aBookingStoredWithoutAnAcknowledgementKeepsItsClaimsWhenItCannotBeReadBack() {
        appointments.failAfterNextWrite();
        appointments.failReads(true);

        assertThatThrownBy(() -> service.book(anAppointment().request())).isInstanceOf(IllegalStateException.class);

        appointments.failReads(false);
        assertThat(appointments.count()).isOne();
        assertThat(calendar.claims()).hasSize(6).allSatisfy((key, holder) -> assertThat(appointments.find(holder))
                .isPresent());
    }

    @Test
    void aReasonStoredByACancellationThatStoppedAfterItsWriteIsFoundByTheErasure() {
        Appointment booked = service.book(anAppointment().request());
        appointments.failAfterNextWrite();

        assertThatThrownBy(() -> service.cancel(booked.id(), "migraine since the accident", Party.PATIENT))
                .isInstanceOf(IllegalStateException.class);
        assertThat(appointments.find(booked.id()).orElseThrow().cancellationReason())
                .isEqualTo("migraine since the accident");

        var erasure = patients.applyErased("patient-1", 2);
        assertThat(erasure.appointmentsWithFreeText()).containsExactly(booked.id());
        service.erasePersonalData(erasure.appointmentsWithFreeText());
        assertThat(service.get(booked.id()).cancellationReason()).isNull();
    }

    @Test
    void theBackfillNotesReasonsStoredWithoutANoteAndClearsThoseOfPatientsErasedAlready() {
        patients.register("patient-2", "running-shoe");
        Appointment mine = service.book(anAppointment().request());
        Appointment other = service.book(anAppointment().forPatient("patient-2").with("sofia-ramirez")
                .at("running-shoe", "massage-60").startingAt("2026-03-02T17:00:00Z").request());
        cancelTheOldWay(mine, "migraine since the accident");
        cancelTheOldWay(other, "car broke down");
        assertThat(patients.applyErased("patient-2", 2).appointmentsWithFreeText()).isEmpty(); // nothing noted

        assertThat(service.noteStoredFreeText()).isEqualTo(2);

        assertThat(service.get(other.id()).cancellationReason()).isNull();
        assertThat(service.get(mine.id()).cancellationReason()).isEqualTo("migraine since the accident");
        assertThat(patients.applyErased("patient-1", 2).appointmentsWithFreeText()).containsExactly(mine.id());
    }

    /** Cancelled with a reason as before reasons were noted with the patient. */
    private void cancelTheOldWay(Appointment booked, String reason) {
        Appointment loaded = appointments.find(booked.id()).orElseThrow();
        loaded.cancel(reason, Party.CLINIC, WINDOW, NOW);
        appointments.update(loaded);
    }

    @Test
    void keepsNoCancellationReasonForAnErasedPatient() {
        Appointment booked = service.book(anAppointment().request());
        patients.applyErased("patient-1", 2);

        Appointment cancelled = service.cancel(booked.id(), "migraine since the accident", Party.CLINIC);

        assertThat(cancelled.status()).isEqualTo(AppointmentStatus.CANCELLED);
        assertThat(cancelled.cancellationReason()).isNull();
        assertThat(service.get(booked.id()).cancellationReason()).isNull();
    }
}
