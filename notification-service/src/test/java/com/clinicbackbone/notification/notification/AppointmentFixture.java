package com.clinicbackbone.notification.notification;

import com.clinicbackbone.notification.appointment.Appointment;
import com.clinicbackbone.notification.appointment.AppointmentStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * Builds appointments for tests; defaults: apt-1 at running-shoe with prac-1 for pat-1, 45 minutes, booked,
 * revision 1, service physio-follow-up (no aftercare).
 */
final class AppointmentFixture {

    private String id = "apt-1";
    private String clinicId = "running-shoe";
    private String practitionerId = "prac-1";
    private String patientId = "pat-1";
    private Instant start = Instant.parse("2026-07-15T15:30:00Z");
    private Duration length = Duration.ofMinutes(45);
    private AppointmentStatus status = AppointmentStatus.BOOKED;
    private long revision = 1;
    private String serviceId = "physio-follow-up";

    static AppointmentFixture anAppointment() {
        return new AppointmentFixture();
    }

    AppointmentFixture id(String value) {
        id = value;
        return this;
    }

    AppointmentFixture clinic(String value) {
        clinicId = value;
        return this;
    }

    AppointmentFixture patient(String value) {
        patientId = value;
        return this;
    }

    AppointmentFixture practitioner(String value) {
        practitionerId = value;
        return this;
    }

    AppointmentFixture startingAt(Instant value) {
        start = value;
        return this;
    }

    AppointmentFixture cancelled() {
        status = AppointmentStatus.CANCELLED;
        return this;
    }

    AppointmentFixture status(AppointmentStatus value) {
        status = value;
        return this;
    }

    AppointmentFixture service(String value) {
        serviceId = value;
        return this;
    }

    AppointmentFixture revision(long value) {
        revision = value;
        return this;
    }

    Appointment build() {
        return new Appointment(id, clinicId, practitionerId, patientId, start, start.plus(length), status, revision,
                serviceId);
    }
}
