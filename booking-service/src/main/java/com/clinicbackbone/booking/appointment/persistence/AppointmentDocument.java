package com.clinicbackbone.booking.appointment.persistence;

import com.clinicbackbone.booking.appointment.Appointment;
import com.clinicbackbone.booking.appointment.AppointmentStatus;
import com.clinicbackbone.booking.appointment.Party;
import com.clinicbackbone.messaging.OutboxEntry;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An appointment with its pending events (the outbox the relay publishes from). Fields added later are wrappers,
 * null in documents stored before them ({@code walkIn}, {@code cancelledBy}, {@code late}, the buffers,
 * {@code cancellationRequested}, which only {@link MongoAppointments#flagCancellationRequested} writes). The unique
 * index on {@code {_id, revision}} serves the compare-and-set of every change as a key lookup; the other indexes
 * serve screens and jobs, never a request's hot path: the front desk's day view (clinic, start), the practitioner's
 * day across clinics (practitioner, start), a patient's appointments, and the retention job's range over ended
 * appointments (end).
 */
@Document(MongoAppointments.COLLECTION)
@CompoundIndex(name = "id_revision", def = "{'_id': 1, 'revision': 1}", unique = true)
@CompoundIndex(name = "clinic_day", def = "{'clinicId': 1, 'start': 1}")
@CompoundIndex(name = "practitioner_day", def = "{'practitionerId': 1, 'start': 1}")
@CompoundIndex(name = "patient_visits", def = "{'patientId': 1, 'start': 1}")
@CompoundIndex(name = "ended", def = "{'end': 1}")
record AppointmentDocument(@Id String id, String clinicId, String serviceId, String practitionerId,
                           @Indexed String patientId, Instant start, Instant end, Instant createdAt, Boolean walkIn,
                           AppointmentStatus status, long revision, Instant cancelledAt, String cancellationReason,
                           Party cancelledBy, Boolean late, Integer bufferBeforeMinutes, Integer bufferAfterMinutes,
                           String resourceId, List<OutboxEntry> outbox, @Indexed boolean outboxPending,
                           Boolean cancellationRequested) {

    static AppointmentDocument of(Appointment appointment, List<OutboxEntry> outbox) {
        return new AppointmentDocument(appointment.id(), appointment.clinicId(), appointment.serviceId(),
                appointment.practitionerId(), appointment.patientId(), appointment.start(), appointment.end(),
                appointment.createdAt(), appointment.walkIn(), appointment.status(), appointment.revision(),
                appointment.cancelledAt(), appointment.cancellationReason(), appointment.cancelledBy(),
                appointment.late(), appointment.bufferBeforeMinutes(), appointment.bufferAfterMinutes(),
                appointment.resourceId(), outbox, !outbox.isEmpty(),
                appointment.cancellationRequested() ? Boolean.TRUE : null);
    }

    Appointment toAppointment() {
        return Appointment.restore(id, clinicId, serviceId, practitionerId, patientId, start, end, createdAt,
                Boolean.TRUE.equals(walkIn), status, revision, cancelledAt, cancellationReason, cancelledBy, late,
                bufferBeforeMinutes == null ? 0 : bufferBeforeMinutes,
                bufferAfterMinutes == null ? 0 : bufferAfterMinutes, resourceId)
                .withCancellationRequested(Boolean.TRUE.equals(cancellationRequested));
    }
}
