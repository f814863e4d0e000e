package com.clinicbackbone.booking.appointment;

import static com.clinicbackbone.booking.appointment.AppointmentFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clinicbackbone.booking.MutableClock;
import com.clinicbackbone.booking.clinic.ClinicService;
import com.clinicbackbone.booking.clinic.InMemoryCatalog;
import com.clinicbackbone.booking.clinic.Resource;
import com.clinicbackbone.booking.patient.InMemoryPatientRegistry;
import com.clinicbackbone.booking.patient.RegisteredPatient;
import com.clinicbackbone.booking.patient.PatientEligibility;
import com.clinicbackbone.booking.schedule.Closure;
import com.clinicbackbone.booking.schedule.ExceptionKind;
import com.clinicbackbone.booking.schedule.InMemorySchedules;
import com.clinicbackbone.booking.schedule.ScheduleException;
import com.clinicbackbone.booking.schedule.ScheduleService;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The scheduling rules a booking and a move must follow (issue 4): hours, breaks, leave, closures, the service's grid,
 * horizon and minimum notice, the online flag, who provides it, prerequisites, devices and buffers. A refused
 * booking stores and claims nothing.
 */
class BookingRulesTest {

    static final ZoneId EDMONTON = ZoneId.of("America/Edmonton");

    final MutableClock clock = new MutableClock(NOW); // Sunday 2026-03-01, 05:00 in Edmonton
    final InMemoryAppointments appointments = new InMemoryAppointments();
    final InMemoryCalendar calendar = new InMemoryCalendar();
    final InMemoryCatalog catalog = new InMemoryCatalog();
    final InMemorySchedules schedules = new InMemorySchedules();
    final InMemoryPatientRegistry patients = new InMemoryPatientRegistry()
            .register("patient-1", "running-shoe", "calgary-concussion", "integrative-pain")
            .register("patient-2", "running-shoe", "integrative-pain");
    final AppointmentService service = new AppointmentService(catalog, appointments, calendar,
            new PatientEligibility(patients, Duration.ZERO, Duration.ofMillis(10)),
            new ScheduleService(catalog, schedules), clock);

    static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(EDMONTON).toInstant();
    }

    static BookAppointment request(String clinicId, String serviceId, String practitionerId, String localStart,
                                   Party by) {
        return new BookAppointment(clinicId, serviceId, practitionerId, "patient-1", local(localStart), false, by);
    }

    /** Maya's physiotherapy follow-up at running-shoe (Mon/Wed/Fri 08:00-16:00, break 12:00-12:30). */
    static BookAppointment physio(String localStart, Party by) {
        return request("running-shoe", "physio-follow-up", "maya-chen", localStart, by);
    }

    void assertRefused(ThrowingCallable booking, BookingRule rule, String field) {
        assertThatThrownBy(booking).isInstanceOfSatisfying(BookingRuleException.class, e -> {
            assertThat(e.rule()).isEqualTo(rule);
            assertThat(e.field()).isEqualTo(field);
        });
        assertThat(appointments.count()).isZero();
        assertThat(calendar.claims()).isEmpty();
    }

    @Test
    void aStartOffTheServicesClinicLocalGridIsRefused() {
        assertThatThrownBy(() -> service.book(physio("2026-03-02T09:10", Party.CLINIC)))
                .isInstanceOfSatisfying(InvalidAppointmentException.class, e -> {
                    assertThat(e.field()).isEqualTo("start");
                    assertThat(e.getMessage()).contains("15-minute grid");
                });
        assertThat(appointments.count()).isZero();
        assertThat(service.book(physio("2026-03-02T09:15", Party.CLINIC)).start())
                .isEqualTo(Instant.parse("2026-03-02T16:15:00Z"));
    }

    @Test
    void nobodyBooksBeyondTheHorizon() {
        assertRefused(() -> service.book(physio("2026-06-01T09:00", Party.CLINIC)), BookingRule.BEYOND_HORIZON,
                "start");
        assertThat(service.book(physio("2026-05-29T09:00", Party.CLINIC)).status())
                .isEqualTo(AppointmentStatus.BOOKED);
    }

    @Test
    void patientsBookOutsideTheMinimumNoticeWhileTheDeskMayBookInsideIt() {
        clock.set(local("2026-03-02T08:30"));

        assertRefused(() -> service.book(physio("2026-03-02T10:15", Party.PATIENT)),
                BookingRule.INSIDE_MINIMUM_NOTICE, "start");
        assertThat(service.book(physio("2026-03-02T10:30", Party.PATIENT)).status())
                .isEqualTo(AppointmentStatus.BOOKED);
        assertThat(service.book(physio("2026-03-02T09:00", Party.CLINIC)).status())
                .isEqualTo(AppointmentStatus.BOOKED);
    }

    @Test
    void outsideTheHoursOrInABreakIsRefusedWithTheReason() {
        assertRefused(() -> service.book(physio("2026-03-02T07:45", Party.CLINIC)), BookingRule.OUTSIDE_HOURS,
                "start");
        assertRefused(() -> service.book(physio("2026-03-02T15:45", Party.CLINIC)), BookingRule.OUTSIDE_HOURS,
                "start");
        assertRefused(() -> service.book(physio("2026-03-02T11:45", Party.CLINIC)), BookingRule.IN_BREAK, "start");
        assertRefused(() -> service.book(physio("2026-03-03T09:00", Party.CLINIC)), BookingRule.OUTSIDE_HOURS,
                "start"); // a Tuesday: maya-chen is at the concussion centre
    }

    @Test
    void leaveAndClosuresAreRefused() {
        schedules.add(new ScheduleException("leave", "maya-chen", ExceptionKind.LEAVE, null,
                LocalDateTime.parse("2026-03-02T00:00"), LocalDateTime.parse("2026-03-03T00:00")));
        schedules.add(new Closure("holiday", "running-shoe", LocalDate.parse("2026-03-04"), "Holiday"));

        assertRefused(() -> service.book(physio("2026-03-02T09:00", Party.CLINIC)), BookingRule.ON_LEAVE, "start");
        assertRefused(() -> service.book(physio("2026-03-04T09:00", Party.CLINIC)), BookingRule.CLINIC_CLOSED,
                "start");
        assertThat(service.book(physio("2026-03-06T09:00", Party.CLINIC)).status())
                .isEqualTo(AppointmentStatus.BOOKED);
    }

    @Test
    void aPatientCannotBookAServiceOnlyTheDeskBooks() {
        assertRefused(() -> service.book(request("integrative-pain", "prolotherapy", "liam-okafor",
                "2026-03-02T09:00", Party.PATIENT)), BookingRule.NOT_ONLINE_BOOKABLE, "serviceId");
    }

    @Test
    void aPractitionerWhoDoesNotProvideTheServiceIsRefused() {
        assertRefused(() -> service.book(request("running-shoe", "physio-follow-up", "sofia-ramirez",
                "2026-03-02T10:00", Party.CLINIC)), BookingRule.NOT_PROVIDED, "practitionerId");
    }

    /**
     * A completed consultation of patient-1 at the clinic, at the clinic-local time, remembered with the patient as
     * {@link AppointmentService#complete} does.
     */
    void completedConsultation(String clinicId, String serviceId, String localStart) {
        ClinicService consultation = catalog.service(clinicId, serviceId).orElseThrow();
        Instant start = local(localStart);
        Appointment done = Appointment.book("consultation-" + clinicId, consultation,
                catalog.practitioner("liam-okafor").orElseThrow(), "patient-1", start, start.minusSeconds(60));
        done.checkIn();
        done.complete();
        appointments.add(done);
        patients.recordCompletion("patient-1", new RegisteredPatient.Completion(clinicId, serviceId, start));
    }

    @Test
    void completingAVisitThroughTheServiceSatisfiesThePrerequisiteOfTheNextBooking() {
        clock.set(local("2026-02-23T08:00"));
        Appointment consultation = service.book(request("integrative-pain", "pain-consultation", "liam-okafor",
                "2026-02-23T09:00", Party.CLINIC));
        service.checkIn(consultation.id());
        BookAppointment prolotherapy = request("integrative-pain", "prolotherapy", "liam-okafor",
                "2026-03-02T09:00", Party.CLINIC);
        assertThatThrownBy(() -> service.book(prolotherapy)).isInstanceOfSatisfying(BookingRuleException.class,
                e -> assertThat(e.rule()).isEqualTo(BookingRule.PREREQUISITE_MISSING));

        service.complete(consultation.id());

        assertThat(service.book(prolotherapy).serviceId()).isEqualTo("prolotherapy");
    }

    @Test
    void prolotherapyNeedsACompletedConsultationAtTheSameClinicWithinTheLastSixMonths() {
        BookAppointment prolotherapy = request("integrative-pain", "prolotherapy", "liam-okafor",
                "2026-03-02T09:00", Party.CLINIC);
        completedConsultation("running-shoe", "prolotherapy-consultation", "2026-02-20T09:00"); // another clinic
        int before = appointments.count();

        assertThatThrownBy(() -> service.book(prolotherapy)).isInstanceOfSatisfying(BookingRuleException.class,
                e -> assertThat(e.rule()).isEqualTo(BookingRule.PREREQUISITE_MISSING));
        assertThat(appointments.count()).isEqualTo(before);
        assertThat(calendar.claims()).isEmpty();

        completedConsultation("integrative-pain", "pain-consultation", "2026-02-23T09:00");
        Appointment booked = service.book(prolotherapy);

        assertThat(booked.resourceId()).isEqualTo("ip-ultrasound-1");
    }

    @Test
    void aServiceNeedingADeviceClaimsAFreeOneWithThePractitionerAndNoneIsAConflict() {
        Appointment first = service.book(request("running-shoe", "prp-injection", "amira-haddad",
                "2026-03-04T10:00", Party.CLINIC));
        assertThat(first.resourceId()).isEqualTo("rs-ultrasound-1");
        assertThat(calendar.claims()).containsEntry("resource:rs-ultrasound-1|2026-03-04T17:00:00Z", first.id())
                .containsEntry("amira-haddad|2026-03-04T17:00:00Z", first.id()).hasSize(12);

        // liam-okafor is free, the only ultrasound is not
        assertThatThrownBy(() -> service.book(request("running-shoe", "prp-injection", "liam-okafor",
                "2026-03-04T10:15", Party.CLINIC))).isInstanceOfSatisfying(BookingRuleException.class,
                e -> assertThat(e.rule()).isEqualTo(BookingRule.NO_FREE_RESOURCE));
        assertThat(appointments.count()).isEqualTo(1);
        assertThat(calendar.claims()).hasSize(12).doesNotContainKey("liam-okafor|2026-03-04T17:15:00Z");

        catalog.save(new Resource("rs-ultrasound-2", "running-shoe", "Ultrasound 2", "ULTRASOUND"));
        assertThat(service.book(request("running-shoe", "prp-injection", "liam-okafor", "2026-03-04T10:15",
                Party.CLINIC)).resourceId()).isEqualTo("rs-ultrasound-2");
    }

    @Test
    void theBuffersAreClaimedAsBookedAndAreNotMovedByALaterChangeOfTheService() {
        completedConsultation("integrative-pain", "pain-consultation", "2026-02-23T09:00");
        Appointment prolotherapy = service.book(request("integrative-pain", "prolotherapy", "liam-okafor",
                "2026-03-02T09:00", Party.CLINIC)); // 09:00-09:45, then 15 minutes after

        assertThat(prolotherapy.bufferAfterMinutes()).isEqualTo(15);
        assertThat(calendar.claims()).containsKey("liam-okafor|2026-03-02T16:55:00Z")
                .doesNotContainKey("liam-okafor|2026-03-02T17:00:00Z");
        assertThatThrownBy(() -> service.book(request("integrative-pain", "trigger-point-injection", "liam-okafor",
                "2026-03-02T09:45", Party.CLINIC))).isInstanceOf(SlotUnavailableException.class);
        Appointment next = service.book(request("integrative-pain", "trigger-point-injection", "liam-okafor",
                "2026-03-02T10:00", Party.CLINIC));

        catalog.change("integrative-pain", "prolotherapy", it -> new ClinicService(it.id(), it.clinicId(), it.name(),
                it.durationMinutes(), it.lateCancellationWindow(), 10, 30, it.onlineBookable(), it.minimumNotice(),
                it.bookingHorizon(), it.resourceKind(), it.prerequisite(), it.practitionerIds(), it.slotMinutes(),
                it.aftercare()));
        service.cancel(prolotherapy.id(), null, Party.CLINIC);

        assertThat(calendar.claims()).hasSize(6).allSatisfy((key, holder) -> assertThat(holder)
                .isEqualTo(next.id()));
    }

    @Test
    void aMoveFollowsTheSameRulesAndTakesTheDeviceAlong() {
        Appointment booked = service.book(request("running-shoe", "prp-injection", "amira-haddad",
                "2026-03-04T10:00", Party.CLINIC));
        var claimsBefore = calendar.claims();

        assertThatThrownBy(() -> service.reschedule(booked.id(), local("2026-03-04T12:15"), Party.CLINIC))
                .isInstanceOfSatisfying(BookingRuleException.class,
                        e -> assertThat(e.rule()).isEqualTo(BookingRule.IN_BREAK));
        assertThatThrownBy(() -> service.reschedule(booked.id(), local("2026-03-04T10:10"), Party.CLINIC))
                .isInstanceOf(InvalidAppointmentException.class);
        assertThat(calendar.claims()).isEqualTo(claimsBefore);
        assertThat(service.get(booked.id()).revision()).isEqualTo(1);

        service.reschedule(booked.id(), local("2026-03-04T14:00"), Party.CLINIC);

        assertThat(calendar.claims()).hasSize(12).allSatisfy((key, holder) -> {
            assertThat(holder).isEqualTo(booked.id());
            assertThat(key).contains("2026-03-04T21:");
        }).containsKey("resource:rs-ultrasound-1|2026-03-04T21:00:00Z");
        assertThat(service.get(booked.id()).resourceId()).isEqualTo("rs-ultrasound-1");
    }

    @Test
    void aMoveTakesAnotherDeviceWhenItsOwnIsTakenAtTheNewTime() {
        catalog.save(new Resource("rs-ultrasound-2", "running-shoe", "Ultrasound 2", "ULTRASOUND"));
        Appointment amira = service.book(request("running-shoe", "prp-injection", "amira-haddad",
                "2026-03-04T10:00", Party.CLINIC));
        Appointment liam = service.book(request("running-shoe", "prp-injection", "liam-okafor",
                "2026-03-04T11:00", Party.CLINIC));
        assertThat(List.of(amira.resourceId(), liam.resourceId())).containsOnly("rs-ultrasound-1");

        Appointment moved = service.reschedule(liam.id(), local("2026-03-04T10:15"), Party.CLINIC);

        assertThat(moved.resourceId()).isEqualTo("rs-ultrasound-2");
        var liamsClaims = calendar.claims().entrySet().stream().filter(it -> it.getValue().equals(liam.id()))
                .map(java.util.Map.Entry::getKey).toList();
        assertThat(liamsClaims).hasSize(12).contains("resource:rs-ultrasound-2|2026-03-04T17:15:00Z")
                .doesNotContain("resource:rs-ultrasound-1|2026-03-04T18:00:00Z");
    }

    @Test
    void aWalkInFollowsTheHours() {
        assertRefused(() -> service.book(new BookAppointment("running-shoe", "physio-follow-up", "maya-chen",
                "patient-1", null, true)), BookingRule.OUTSIDE_HOURS, "start");

        clock.set(local("2026-03-02T09:07"));
        Appointment walkIn = service.book(new BookAppointment("running-shoe", "physio-follow-up", "maya-chen",
                "patient-1", null, true));

        assertThat(walkIn.start()).isEqualTo(local("2026-03-02T09:05"));
    }
}
