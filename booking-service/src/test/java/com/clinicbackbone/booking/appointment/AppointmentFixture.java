package com.clinicbackbone.booking.appointment;

import com.clinicbackbone.booking.clinic.ClinicService;
import com.clinicbackbone.booking.clinic.DemoCatalog;
import com.clinicbackbone.booking.clinic.Practitioner;
import java.time.Instant;

/** Builds booked appointments; by default a 30-minute physiotherapy follow-up with maya-chen at running-shoe. */
public final class AppointmentFixture {

    public static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private String id = "apt-1";
    private String clinicId = "running-shoe";
    private String serviceId = "physio-follow-up";
    private String practitionerId = "maya-chen";
    private String patientId = "patient-1";
    private Instant start = Instant.parse("2026-03-02T16:00:00Z");
    private Instant now = NOW;

    public static AppointmentFixture anAppointment() {
        return new AppointmentFixture();
    }

    public AppointmentFixture id(String id) {
        this.id = id;
        return this;
    }

    public AppointmentFixture at(String clinicId, String serviceId) {
        this.clinicId = clinicId;
        this.serviceId = serviceId;
        return this;
    }

    public AppointmentFixture with(String practitionerId) {
        this.practitionerId = practitionerId;
        return this;
    }

    public AppointmentFixture forPatient(String patientId) {
        this.patientId = patientId;
        return this;
    }

    public AppointmentFixture startingAt(String start) {
        this.start = Instant.parse(start);
        return this;
    }

    public AppointmentFixture bookedAt(Instant now) {
        this.now = now;
        return this;
    }

    public BookAppointment request() {
        return new BookAppointment(clinicId, serviceId, practitionerId, patientId, start);
    }

    public Appointment book() {
        return Appointment.book(id, service(), practitioner(), patientId, start, now);
    }

    private ClinicService service() {
        return DemoCatalog.SERVICES.stream()
                .filter(s -> s.clinicId().equals(clinicId) && s.id().equals(serviceId)).findFirst().orElseThrow();
    }

    private Practitioner practitioner() {
        return DemoCatalog.PRACTITIONERS.stream().filter(p -> p.id().equals(practitionerId)).findFirst()
                .orElseThrow();
    }
}
