package com.clinicbackbone.booking.appointment;

import com.clinicbackbone.booking.clinic.Catalog;
import com.clinicbackbone.booking.clinic.ClinicService;
import com.clinicbackbone.booking.clinic.Practitioner;
import com.clinicbackbone.booking.patient.PatientEligibility;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Books and cancels. No double booking: an appointment is stored only after it has claimed every calendar bucket
 * of its practitioner, and a cancellation releases the claims after the cancelled appointment is stored. Only a
 * patient the registry knows as active and linked to the clinic can be booked. Of an erased patient, appointments
 * keep the patient id and nothing else personal (no free text).
 */
public class AppointmentService {

    private final Catalog catalog;
    private final Appointments appointments;
    private final PractitionerCalendar calendar;
    private final PatientEligibility patients;
    private final Clock clock;

    public AppointmentService(Catalog catalog, Appointments appointments, PractitionerCalendar calendar,
                              PatientEligibility patients, Clock clock) {
        this.catalog = catalog;
        this.appointments = appointments;
        this.calendar = calendar;
        this.patients = patients;
        this.clock = clock;
    }

    public Appointment book(BookAppointment request) {
        Instant now = clock.instant();
        Appointment.requireBookableStart(request.start(), now);
        catalog.clinic(request.clinicId()).orElseThrow(
                () -> new UnknownReferenceException("clinicId", "No clinic " + request.clinicId()));
        ClinicService service = catalog.service(request.clinicId(), request.serviceId()).orElseThrow(
                () -> new UnknownReferenceException("serviceId",
                        "Clinic " + request.clinicId() + " offers no service " + request.serviceId()));
        Practitioner practitioner = catalog.practitioner(request.practitionerId()).orElseThrow(
                () -> new UnknownReferenceException("practitionerId", "No practitioner " + request.practitionerId()));
        if (!practitioner.worksAt(service.clinicId())) { // as Appointment.book would, but before the patient wait
            throw new UnknownReferenceException("practitionerId",
                    practitioner.id() + " does not work at clinic " + service.clinicId());
        }
        patients.requireBookable(request.patientId(), request.clinicId());

        Appointment appointment = Appointment.book(UUID.randomUUID().toString(), service, practitioner,
                request.patientId(), request.start(), now);
        claimCalendar(appointment);
        try {
            appointments.add(appointment);
        } catch (RuntimeException e) {
            release(appointment);
            throw e;
        }
        return appointment;
    }

    public Appointment get(String id) {
        return appointments.find(id).orElseThrow(() -> new AppointmentNotFoundException(id));
    }

    /**
     * Cancels; the reason is free text and is not kept for an erased patient. Should the erasure land between the
     * check and the write, the check after the write clears it (the erasure consumer marks the registry before it
     * clears the appointments, so one of the two sees the other).
     */
    public Appointment cancel(String id, String reason) {
        Appointment appointment = get(id);
        boolean erased = patients.isErased(appointment.patientId());
        appointment.cancel(erased ? null : reason, clock.instant());
        appointments.update(appointment);
        release(appointment);
        if (!erased && appointment.cancellationReason() != null && patients.isErased(appointment.patientId())) {
            erasePersonalDataOf(appointment.patientId());
            return get(id);
        }
        return appointment;
    }

    /** Clears every free text of the patient's appointments (idempotent); returns how many were changed. */
    public int erasePersonalDataOf(String patientId) {
        return appointments.erasePersonalDataOf(patientId);
    }

    private void claimCalendar(Appointment appointment) {
        Optional<String> holder = claim(appointment);
        if (holder.isPresent() && releaseIfCancelled(holder.get())) {
            holder = claim(appointment);
        }
        if (holder.isPresent()) {
            throw new SlotUnavailableException("Practitioner " + appointment.practitionerId()
                    + " already has an appointment overlapping " + appointment.start() + " - " + appointment.end());
        }
    }

    private Optional<String> claim(Appointment appointment) {
        return calendar.claim(appointment.practitionerId(), appointment.calendarBuckets(), appointment.id());
    }

    /** Claims left behind by a cancellation that stopped before releasing them. */
    private boolean releaseIfCancelled(String holderId) {
        Optional<Appointment> stale = appointments.find(holderId)
                .filter(holder -> holder.status() == AppointmentStatus.CANCELLED);
        stale.ifPresent(this::release);
        return stale.isPresent();
    }

    private void release(Appointment appointment) {
        calendar.release(appointment.practitionerId(), appointment.calendarBuckets(), appointment.id());
    }
}
