package com.clinicbackbone.booking.appointment.persistence;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One practitioner's bucket held by an appointment, {@code _id = <practitionerId>|<bucket start>}; {@code revision}
 * is the appointment revision the claim was made for (0 in claims stored before revisions were recorded).
 */
@Document(MongoPractitionerCalendar.COLLECTION)
record CalendarClaim(@Id String id, String practitionerId, Instant bucket, @Indexed String appointmentId,
                     Long revision) {

    long revisionOrZero() {
        return revision == null ? 0 : revision;
    }
}
