package com.clinicbackbone.booking.appointment.persistence;

import com.clinicbackbone.booking.appointment.Appointment;
import com.clinicbackbone.booking.appointment.AppointmentStatus;
import com.clinicbackbone.messaging.OutboxEntry;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/** An appointment with its pending events (the outbox the relay publishes from). */
@Document(MongoAppointments.COLLECTION)
record AppointmentDocument(@Id String id, String clinicId, String serviceId, String practitionerId,
                           @Indexed String patientId, Instant start, Instant end, Instant createdAt,
                           AppointmentStatus status, long revision, Instant cancelledAt, String cancellationReason,
                           List<OutboxEntry> outbox, @Indexed boolean outboxPending) {

    static AppointmentDocument of(Appointment appointment, List<OutboxEntry> outbox) {
        return new AppointmentDocument(appointment.id(), appointment.clinicId(), appointment.serviceId(),
                appointment.practitionerId(), appointment.patientId(), appointment.start(), appointment.end(),
                appointment.createdAt(), appointment.status(), appointment.revision(), appointment.cancelledAt(),
                appointment.cancellationReason(), outbox, !outbox.isEmpty());
    }

    Appointment toAppointment() {
        return Appointment.restore(id, clinicId, serviceId, practitionerId, patientId, start, end, createdAt, status,
                revision, cancelledAt, cancellationReason);
    }
}
