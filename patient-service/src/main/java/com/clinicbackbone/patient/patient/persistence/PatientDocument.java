package com.clinicbackbone.patient.patient.persistence;

import com.clinicbackbone.messaging.OutboxEntry;
import com.clinicbackbone.patient.patient.Channel;
import com.clinicbackbone.patient.patient.Language;
import com.clinicbackbone.patient.patient.Patient;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A patient as stored, with the events waiting to be published ({@code outbox}, {@code outboxPending}: see
 * {@link com.clinicbackbone.messaging.Outbox}). The birth date is kept as an ISO string so no time zone can shift it.
 */
@Document(PatientDocument.COLLECTION)
public record PatientDocument(@Id String id, String givenName, String familyName, String birthDate, String email,
                              String phone, String language, List<String> channels, String clinicId,
                              List<String> clinicIds, long revision, Instant registeredAt, List<OutboxEntry> outbox,
                              @Indexed boolean outboxPending) {

    public static final String COLLECTION = "patients";

    static PatientDocument of(Patient patient, List<OutboxEntry> outbox) {
        return new PatientDocument(patient.id(), patient.givenName(), patient.familyName(),
                patient.birthDate().toString(), patient.email(), patient.phone(), patient.language().code(),
                patient.channels().stream().map(Channel::name).toList(), patient.clinicId(), patient.clinicIds(),
                patient.revision(), patient.registeredAt(), outbox, !outbox.isEmpty());
    }

    Patient toPatient() {
        return Patient.restore(id, givenName, familyName, LocalDate.parse(birthDate), email, phone,
                Language.ofCode(language).orElseThrow(),
                channels.stream().map(Channel::valueOf).toList(), clinicId, clinicIds, revision, registeredAt);
    }
}
