package com.clinicbackbone.booking.appointment;

import static com.clinicbackbone.booking.appointment.AppointmentFixture.NOW;
import static com.clinicbackbone.booking.appointment.AppointmentFixture.anAppointment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clinicbackbone.booking.MutableClock;
import com.clinicbackbone.booking.appointment.PractitionerCalendar.Claim;
import com.clinicbackbone.booking.clinic.InMemoryCatalog;
import com.clinicbackbone.booking.clinic.UnknownClinicException;
import com.clinicbackbone.booking.clinic.UnknownPractitionerException;
import com.clinicbackbone.booking.patient.InMemoryPatientRegistry;
import com.clinicbackbone.booking.patient.PatientEligibility;
import com.clinicbackbone.booking.schedule.ExceptionKind;
import com.clinicbackbone.booking.schedule.InMemorySchedules;
import com.clinicbackbone.booking.schedule.ScheduleException;
import com.clinicbackbone.booking.schedule.ScheduleService;
import com.clinicbackbone.events.AppointmentConfirmed;
import com.clinicbackbone.events.AppointmentRescheduled;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reschedule, no-show, late cancellation, walk-ins and day views, with the calendar claims they move. */
class AppointmentServiceLifecycleTest {

    static final ZoneId EDMONTON = ZoneId.of("America/Edmonton");

    final MutableClock clock = new MutableClock(NOW);
    final InMemoryAppointments appointments = new InMemoryAppointments();
    final InMemoryCalendar calendar = new InMemoryCalendar();
    final InMemoryPatientRegistry patients = new InMemoryPatientRegistry()
            .register("patient-1", "running-shoe", "calgary-concussion", "integrative-pain")
            .register("patient-2", "running-shoe", "calgary-concussion");
    final InMemoryCatalog catalog = new InMemoryCatalog();
    final InMemorySchedules schedules = new InMemorySchedules();
    final AppointmentService service = new AppointmentService(catalog, appointments, calendar,
            new PatientEligibility(patients, Duration.ZERO, Duration.ofMillis(10)),
            new ScheduleService(catalog, schedules), clock);

    // --- reschedule

    @Test
    void rescheduleClaimsTheNewTimeAndReleasesTheOldOneKeepingTheId() {
        Appointment booked = service.book(anAppointment().request()); // 16:00-16:30
        Instant newStart = Instant.parse("2026-03-02T16:15:00Z");

        Appointment moved = service.reschedule(booked.id(), newStart, Party.CLINIC);

        assertThat(moved.id()).isEqualTo(booked.id());
        assertThat(service.get(booked.id()).start()).isEqualTo(newStart);
        assertThat(service.get(booked.id()).revision()).isEqualTo(2);
        assertThat(calendar.claims()).hasSize(6).allSatisfy((key, holder) -> assertThat(holder).isEqualTo(booked.id()))
                .containsKeys("maya-chen|2026-03-02T16:15:00Z", "maya-chen|2026-03-02T16:40:00Z")
                .doesNotContainKey("maya-chen|2026-03-02T16:10:00Z");
        assertThat(appointments.published()).last().isEqualTo(new AppointmentRescheduled(booked.id(), "running-shoe",
                "physio-follow-up", "maya-chen", "patient-1", newStart, newStart.plus(Duration.ofMinutes(30)),
                "BOOKED", Instant.parse("2026-03-02T16:00:00Z")));
        // the time it left is free again
        service.book(anAppointment().forPatient("patient-2").startingAt("2026-03-02T15:45:00Z").request());
    }

    @Test
    void rescheduleOntoATakenTimeChangesNothing() {
        Appointment mine = service.book(anAppointment().request());
        extraHours("maya-chen", "calgary-concussion", "2026-03-02T10:00", "2026-03-02T12:00");
        Appointment other = service.book(anAppointment().forPatient("patient-2")
                .at("calgary-concussion", "concussion-follow-up").startingAt("2026-03-02T18:00:00Z").request());
        var claimsBefore = calendar.claims();

        assertThatThrownBy(() -> service.reschedule(mine.id(), Instant.parse("2026-03-02T18:15:00Z"), Party.CLINIC))
                .isInstanceOf(SlotUnavailableException.class);

        assertThat(service.get(mine.id()).start()).isEqualTo(Instant.parse("2026-03-02T16:00:00Z"));
        assertThat(service.get(mine.id()).revision()).isEqualTo(1);
        assertThat(calendar.claims()).isEqualTo(claimsBefore);
        assertThat(appointments.published()).hasSize(2);
        assertThat(service.get(other.id()).revision()).isEqualTo(1);
    }

    @Test
    void aRescheduleThatCannotBeStoredReleasesTheNewTimeAndKeepsTheOld() {
        Appointment booked = service.book(anAppointment().request());
        var claimsBefore = calendar.claims();
        appointments.failNextWrite();

        assertThatThrownBy(() -> service.reschedule(booked.id(), Instant.parse("2026-03-02T20:00:00Z"),
                Party.CLINIC)).isInstanceOf(IllegalStateException.class);

        assertThat(calendar.claims()).isEqualTo(claimsBefore);
        assertThat(service.get(booked.id()).start()).isEqualTo(Instant.parse("2026-03-02T16:00:00Z"));
    }

    @Test
    void aRescheduleStoredWithoutAnAcknowledgementKeepsTheClaimsOfItsNewTime() {
        Appointment booked = service.book(anAppointment().request());
        appointments.failAfterNextWrite();

        assertThatThrownBy(() -> service.reschedule(booked.id(), Instant.parse("2026-03-02T20:00:00Z"),
                Party.CLINIC)).isInstanceOf(IllegalStateException.class);

        Appointment stored = service.get(booked.id());
        assertThat(stored.start()).isEqualTo(Instant.parse("2026-03-02T20:00:00Z"));
        assertThat(calendar.claims()).containsEntry("maya-chen|2026-03-02T20:00:00Z", booked.id())
                .containsEntry("maya-chen|" + stored.calendarStart(), booked.id());
    }

    @Test
    void aRescheduleThatFailsAndCannotBeReadBackKeepsTheClaimsOfItsNewTime() {
        Appointment booked = service.book(anAppointment().request());
        Appointment loaded = service.get(booked.id());
        appointments.failAfterNextWrite();
        appointments.failReads(true);

        assertThatThrownBy(() -> service.reschedule(loaded, Instant.parse("2026-03-02T20:00:00Z"), Party.CLINIC))
                .isInstanceOf(IllegalStateException.class);

        appointments.failReads(false);
        assertThat(service.get(booked.id()).start()).isEqualTo(Instant.parse("2026-03-02T20:00:00Z"));
        assertThat(calendar.claims()).containsEntry("maya-chen|2026-03-02T20:00:00Z", booked.id());
    }

    @Test
    void claimsLeftByARescheduleThatStoppedAfterItsWriteAreReleasedByTheNextBooking() {
        Appointment booked = service.book(anAppointment().request());
        Appointment stored = appointments.find(booked.id()).orElseThrow();
        stored.reschedule(Instant.parse("2026-03-02T19:00:00Z"), Party.CLINIC, Duration.ofHours(24), NOW);
        calendar.put(new Claim("maya-chen", stored.calendarStart(), stored.calendarEnd(), stored.id(),
                stored.revision()));
        appointments.update(stored); // crashed here: the 16:00 claims (revision 1) were never released

        Appointment again = service.book(anAppointment().forPatient("patient-2").request());

        assertThat(calendar.claims()).hasSize(12).allSatisfy((key, holder) -> assertThat(holder)
                .isEqualTo(key.contains("T16:") ? again.id() : booked.id()));
        assertThat(calendar.claims()).containsEntry("maya-chen|2026-03-02T19:25:00Z", booked.id());
    }

    @Test
    void aClaimOfARescheduleStillInFlightIsNotTaken() {
        Appointment booked = service.book(anAppointment().request());
        // the reschedule to 20:00 has claimed (for revision 2) but not stored yet
        calendar.put(new Claim("maya-chen", Instant.parse("2026-03-02T20:00:00Z"),
                Instant.parse("2026-03-02T20:05:00Z"), booked.id(), 2));

        assertThatThrownBy(() -> service.book(anAppointment().forPatient("patient-2")
                .startingAt("2026-03-02T20:00:00Z").request())).isInstanceOf(SlotUnavailableException.class);
        assertThat(calendar.claims()).containsEntry("maya-chen|2026-03-02T20:00:00Z", booked.id());
    }

    @Test
    void aPatientReschedulesOutsideTheWindowOnly() {
        Appointment booked = service.book(anAppointment().request());

        service.reschedule(booked.id(), Instant.parse("2026-03-04T16:00:00Z"), Party.PATIENT);
        clock.set(Instant.parse("2026-03-04T10:00:00Z"));

        assertThatThrownBy(() -> service.reschedule(booked.id(), Instant.parse("2026-03-06T16:00:00Z"),
                Party.PATIENT)).isInstanceOf(LateChangeException.class);
        assertThat(service.get(booked.id()).start()).isEqualTo(Instant.parse("2026-03-04T16:00:00Z"));
        assertThat(calendar.claims()).allSatisfy((key, holder) -> assertThat(key).contains("2026-03-04T16:"));
    }

    // --- cancel, no-show

    @Test
    void aLateCancellationByThePatientIsRefusedAndKeepsTheTime() {
        clock.set(Instant.parse("2026-03-01T18:00:00Z"));
        Appointment booked = service.book(anAppointment().startingAt("2026-03-02T16:00:00Z").request());

        assertThatThrownBy(() -> service.cancel(booked.id(), "stuck at work", Party.PATIENT))
                .isInstanceOf(LateChangeException.class);

        assertThat(service.get(booked.id()).status()).isEqualTo(AppointmentStatus.BOOKED);
        assertThat(calendar.claims()).hasSize(6);
        Appointment byClinic = service.cancel(booked.id(), "stuck at work", Party.CLINIC);
        assertThat(byClinic.late()).isTrue();
        assertThat(calendar.claims()).isEmpty();
    }

    @Test
    void aNoShowGivesTheRestOfTheTimeBackForAWalkIn() {
        clock.set(Instant.parse("2026-03-02T16:00:00Z")); // Monday 09:00 in Edmonton, in maya-chen's hours
        Appointment booked = service.book(anAppointment().startingAt("2026-03-02T16:00:00Z").request());
        clock.set(Instant.parse("2026-03-02T16:10:00Z"));

        service.markNoShow(booked.id());
        Appointment walkIn = service.book(new BookAppointment("running-shoe", "physio-follow-up", "maya-chen",
                "patient-2", null, true));

        assertThat(service.get(booked.id()).status()).isEqualTo(AppointmentStatus.NO_SHOW);
        assertThat(walkIn.start()).isEqualTo(Instant.parse("2026-03-02T16:10:00Z"));
        assertThat(walkIn.walkIn()).isTrue();
        assertThat(calendar.claims()).hasSize(6).allSatisfy((key, holder) -> assertThat(holder)
                .isEqualTo(walkIn.id()));
    }

    @Test
    void aWalkInIsBookedNowRoundedDownAndStillClaimsTheTime() {
        clock.set(Instant.parse("2026-03-02T16:03:20Z"));
        service.book(anAppointment().startingAt("2026-03-02T16:30:00Z").forPatient("patient-2").request());

        Appointment walkIn = service.book(new BookAppointment("running-shoe", "physio-follow-up", "maya-chen",
                "patient-1", null, true));

        assertThat(walkIn.start()).isEqualTo(Instant.parse("2026-03-02T16:00:00Z"));
        assertThatThrownBy(() -> service.book(new BookAppointment("running-shoe", "physio-follow-up", "maya-chen",
                "patient-2", null, true))).isInstanceOf(SlotUnavailableException.class);
        // a walk-in is booked like any other booking: the start rule alone is waived
        assertThatThrownBy(() -> service.book(new BookAppointment("running-shoe", "physio-follow-up", "nobody",
                "patient-1", null, true))).isInstanceOf(UnknownReferenceException.class);
    }

    // --- idempotent bookings

    @Test
    void resumingABookingThatWasStoredReturnsItAndOneThatWasNotReleasesItsClaims() {
        Appointment stored = service.book("apt-stored", anAppointment().request());
        calendar.claim("maya-chen", List.of(Instant.parse("2026-03-02T20:00:00Z")), "apt-lost", 1);

        assertThat(service.resumeBooking("apt-stored", anAppointment().request())).get()
                .extracting(Appointment::id).isEqualTo(stored.id());
        assertThat(service.resumeBooking("apt-lost", anAppointment().startingAt("2026-03-02T20:00:00Z").request()))
                .isEmpty();

        assertThat(calendar.claims()).hasSize(6).doesNotContainValue("apt-lost");
    }

    @Test
    void aStalledFirstAttemptCannotStoreItsBookingOnceARetryReleasedItsClaims() {
        Appointment stalled = anAppointment().id("apt-stalled").book(); // claimed, then stalled before its insert
        calendar.claim("maya-chen", List.of(Instant.parse("2026-03-02T16:00:00Z")), "apt-stalled", 1);

        assertThat(service.resumeBooking("apt-stalled", anAppointment().request())).isEmpty();
        Appointment other = service.book(anAppointment().forPatient("patient-2").request()); // the time is free

        assertThatThrownBy(() -> appointments.add(stalled)).isInstanceOf(IllegalStateException.class);
        assertThat(appointments.find("apt-stalled")).isEmpty();
        assertThat(calendar.claims()).allSatisfy((key, holder) -> assertThat(holder).isEqualTo(other.id()));
    }

    @Test
    void resumingAnIdStoredJustBeforeTheFenceReturnsTheAppointmentAndKeepsItsClaims() {
        Appointment stored = service.book("apt-late", anAppointment().request());
        Appointments storedBetweenReadAndFence = new InMemoryAppointments() {
            @Override
            public Optional<Appointment> find(String id) {
                return reads++ == 0 ? Optional.empty() : appointments.find(id);
            }

            @Override
            public boolean fence(String id) {
                return appointments.fence(id);
            }

            int reads;
        };
        AppointmentService racing = new AppointmentService(catalog, storedBetweenReadAndFence, calendar,
                new PatientEligibility(patients, Duration.ZERO, Duration.ofMillis(10)),
                new ScheduleService(catalog, schedules), clock);

        assertThat(racing.resumeBooking("apt-late", anAppointment().request())).get()
                .extracting(Appointment::id).isEqualTo(stored.id());
        assertThat(calendar.claims()).hasSize(6).allSatisfy((key, holder) -> assertThat(holder)
                .isEqualTo("apt-late"));
    }

    @Test
    void aRacingAttemptOfTheSameIdLeavesTheStoredAppointmentsClaimsAlone() {
        appointments.add(anAppointment().id("apt-same").startingAt("2026-03-02T20:00:00Z").book());
        calendar.claim("maya-chen", List.of(Instant.parse("2026-03-02T20:00:00Z")), "apt-same", 1);

        assertThatThrownBy(() -> service.book("apt-same", anAppointment().request()))
                .isInstanceOf(IllegalStateException.class);

        assertThat(calendar.claims()).hasSize(7).containsValue("apt-same");
    }

    // --- day views

    /** An instant at the clinic-local date and time. */
    static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(EDMONTON).toInstant();
    }

    /** Extra hours of the practitioner at the clinic over the clinic-local range. */
    void extraHours(String practitionerId, String clinicId, String from, String to) {
        schedules.add(new ScheduleException(practitionerId + "|" + from, practitionerId, ExceptionKind.EXTRA_HOURS,
                clinicId, LocalDateTime.parse(from), LocalDateTime.parse(to)));
    }

    /**
     * Books at the clinic-local time, which the day views below put at the edges of days: the practitioner gets
     * extra hours over the whole day first (the day views are about dates, not hours).
     */
    Appointment bookAt(String clinicId, String serviceId, String practitionerId, String localStart) {
        LocalDate date = LocalDateTime.parse(localStart).toLocalDate();
        extraHours(practitionerId, clinicId, date + "T00:00", date.plusDays(1) + "T00:00");
        Instant start = local(localStart);
        return service.book(new BookAppointment(clinicId, serviceId, practitionerId, "patient-1", start));
    }

    @Test
    void theClinicDayIsTheClinicLocalDateSortedByStart() {
        Appointment late = bookAt("running-shoe", "physio-follow-up", "maya-chen", "2026-03-03T23:30");
        Appointment early = bookAt("running-shoe", "massage-60", "sofia-ramirez", "2026-03-03T00:00");
        bookAt("running-shoe", "physio-follow-up", "maya-chen", "2026-03-02T23:30");
        bookAt("running-shoe", "physio-follow-up", "maya-chen", "2026-03-04T00:00");
        bookAt("calgary-concussion", "concussion-follow-up", "noah-tremblay", "2026-03-03T12:00");
        Appointment cancelled = bookAt("running-shoe", "physio-follow-up", "maya-chen", "2026-03-03T12:00");
        service.cancel(cancelled.id(), null, Party.CLINIC);

        List<Appointment> day = service.clinicDay("running-shoe", LocalDate.parse("2026-03-03"));

        assertThat(day).extracting(Appointment::id).containsExactly(early.id(), cancelled.id(), late.id());
        assertThat(late.start()).isEqualTo(Instant.parse("2026-03-04T06:30:00Z"));
    }

    @Test
    void theClinicDayFollowsTheZoneAcrossTheSpringAndFallChanges() {
        // 2026-03-08 has 23 hours in Edmonton, 2026-11-01 has 25
        Appointment spring = bookAt("running-shoe", "physio-follow-up", "maya-chen", "2026-03-08T23:30");
        Appointment afterSpring = bookAt("running-shoe", "physio-follow-up", "maya-chen", "2026-03-09T00:00");
        clock.set(Instant.parse("2026-10-01T12:00:00Z")); // the fall change lies beyond the 90-day horizon
        Appointment fall = bookAt("running-shoe", "physio-follow-up", "maya-chen", "2026-11-01T23:30");
        Appointment afterFall = bookAt("running-shoe", "physio-follow-up", "maya-chen", "2026-11-02T00:00");

        assertThat(service.clinicDay("running-shoe", LocalDate.parse("2026-03-08"))).extracting(Appointment::id)
                .containsExactly(spring.id());
        assertThat(service.clinicDay("running-shoe", LocalDate.parse("2026-03-09"))).extracting(Appointment::id)
                .containsExactly(afterSpring.id());
        assertThat(service.clinicDay("running-shoe", LocalDate.parse("2026-11-01"))).extracting(Appointment::id)
                .containsExactly(fall.id());
        assertThat(service.clinicDay("running-shoe", LocalDate.parse("2026-11-02"))).extracting(Appointment::id)
                .containsExactly(afterFall.id());
        assertThat(spring.start()).isEqualTo(Instant.parse("2026-03-09T05:30:00Z"));
        assertThat(fall.start()).isEqualTo(Instant.parse("2026-11-02T06:30:00Z"));
    }

    @Test
    void thePractitionerDayCoversEveryClinic() {
        Appointment concussion = bookAt("calgary-concussion", "concussion-follow-up", "maya-chen", "2026-03-03T09:00");
        Appointment runningShoe = bookAt("running-shoe", "physio-follow-up", "maya-chen", "2026-03-03T08:00");
        bookAt("running-shoe", "massage-60", "sofia-ramirez", "2026-03-03T08:00");
        bookAt("running-shoe", "physio-follow-up", "maya-chen", "2026-03-04T08:00");

        assertThat(service.practitionerDay("maya-chen", LocalDate.parse("2026-03-03"))).extracting(Appointment::id)
                .containsExactly(runningShoe.id(), concussion.id());
    }

    @Test
    void unknownClinicsAndPractitionersAreNotFound() {
        LocalDate date = LocalDate.parse("2026-03-03");

        assertThatThrownBy(() -> service.clinicDay("nowhere", date)).isInstanceOf(UnknownClinicException.class);
        assertThatThrownBy(() -> service.practitionerDay("nobody", date))
                .isInstanceOf(UnknownPractitionerException.class);
    }

    // --- SMS replies

    @Test
    void aConfirmReplyConfirmsABookedAppointmentOnce() {
        Appointment booked = service.book(anAppointment().request());

        assertThat(service.confirmByReply(booked.id(), "patient-1")).isEqualTo(AppointmentService.ReplyOutcome.CONFIRMED);
        assertThat(service.confirmByReply(booked.id(), "patient-1")).isEqualTo(AppointmentService.ReplyOutcome.IGNORED);

        assertThat(service.get(booked.id()).status()).isEqualTo(AppointmentStatus.CONFIRMED);
        assertThat(service.get(booked.id()).revision()).isEqualTo(2);
        assertThat(appointments.published()).filteredOn(AppointmentConfirmed.class::isInstance).hasSize(1);
    }

    @Test
    void aReplyAboutAnotherPatientsAppointmentChangesNothing() {
        Appointment booked = service.book(anAppointment().request());

        assertThat(service.confirmByReply(booked.id(), "patient-2")).isEqualTo(AppointmentService.ReplyOutcome.IGNORED);
        assertThat(service.cancelByReply(booked.id(), "patient-2")).isEqualTo(AppointmentService.ReplyOutcome.IGNORED);
        assertThat(service.cancelByReply("no-such-id", "patient-1")).isEqualTo(AppointmentService.ReplyOutcome.IGNORED);

        assertThat(service.get(booked.id()).status()).isEqualTo(AppointmentStatus.BOOKED);
        assertThat(service.get(booked.id()).cancellationRequested()).isFalse();
    }

    @Test
    void aCancelReplyOutsideTheLateWindowCancelsAsThePatientOnce() {
        Appointment booked = service.book(anAppointment().startingAt("2026-03-04T16:00:00Z").request());

        assertThat(service.cancelByReply(booked.id(), "patient-1")).isEqualTo(AppointmentService.ReplyOutcome.CANCELLED);
        assertThat(service.cancelByReply(booked.id(), "patient-1")).isEqualTo(AppointmentService.ReplyOutcome.IGNORED);

        Appointment cancelled = service.get(booked.id());
        assertThat(cancelled.status()).isEqualTo(AppointmentStatus.CANCELLED);
        assertThat(cancelled.cancelledBy()).isEqualTo(Party.PATIENT);
        assertThat(cancelled.late()).isFalse();
        assertThat(cancelled.cancellationRequested()).isFalse();
        assertThat(calendar.claims()).isEmpty();
    }

    @Test
    void aCancelReplyInsideTheLateWindowOnlyFlagsTheAppointmentForTheFrontDesk() {
        clock.set(Instant.parse("2026-03-01T18:00:00Z"));
        Appointment booked = service.book(anAppointment().startingAt("2026-03-02T16:00:00Z").request());

        assertThat(service.cancelByReply(booked.id(), "patient-1"))
                .isEqualTo(AppointmentService.ReplyOutcome.CANCELLATION_REQUESTED);
        assertThat(service.cancelByReply(booked.id(), "patient-1"))
                .isEqualTo(AppointmentService.ReplyOutcome.CANCELLATION_REQUESTED);

        Appointment flagged = service.get(booked.id());
        assertThat(flagged.status()).isEqualTo(AppointmentStatus.BOOKED);
        assertThat(flagged.cancellationRequested()).isTrue();
        assertThat(flagged.revision()).isEqualTo(1);
        assertThat(calendar.claims()).hasSize(6);
        assertThat(appointments.published()).hasSize(1);
    }
}
