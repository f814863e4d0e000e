package com.clinicbackbone.patient.patient.persistence;

import com.clinicbackbone.messaging.OutboxEntry;
import com.clinicbackbone.patient.patient.Channel;
import com.clinicbackbone.patient.patient.Consent;
import com.clinicbackbone.patient.patient.Language;
import com.clinicbackbone.patient.patient.Patient;
import com.clinicbackbone.patient.patient.PatientStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A patient as stored, with the events waiting to be published ({@code outbox}, {@code outboxPending}: see
 * {@link com.clinicbackbone.messaging.Outbox}). The birth date is kept as an ISO string so no time zone can shift it.
 * {@code familyKey} and {@code nameKey} are the names reduced for matching and searching. A merged or erased record
 * keeps only id, status, revision, times and (merged) the surviving id: every personal field is absent.
 * A record stored before statuses existed has none and is active. A change is a compare-and-set on
 * {@code {_id, revision}}: its unique index lets the embedded server serve it as a key lookup too. Patients of the same
 * identity key are found through {@link PatientIdentityDocument}, not by a query on this collection.
 */
@Document(PatientDocument.COLLECTION)
@CompoundIndex(name = "revision_cas", def = "{'_id': 1, 'revision': 1}", unique = true)
public record PatientDocument(@Id String id, String status, String givenName, String familyName, String familyKey,
                              String nameKey, String birthDate, @Indexed String email,
                              @Indexed String phone, String language, List<String> channels,
                              List<ConsentDocument> consents, String clinicId, @Indexed List<String> clinicIds,
                              long revision, Instant registeredAt, Instant updatedAt, String mergedInto,
                              Instant erasedAt, List<OutboxEntry> outbox, @Indexed boolean outboxPending) {

    public static final String COLLECTION = "patients";

    /** One consent as stored. */
    record ConsentDocument(String channel, boolean granted, String method, Instant recordedAt) {
    }

    /** A retired patient's document has no lists either (they are empty): nothing but ids, status and times. */
    static PatientDocument of(Patient patient, List<OutboxEntry> outbox) {
        boolean active = patient.isActive();
        return new PatientDocument(patient.id(), patient.status().name(), patient.givenName(), patient.familyName(),
                patient.familyKey(), patient.nameKey(),
                patient.birthDate() == null ? null : patient.birthDate().toString(), patient.email(), patient.phone(),
                patient.language() == null ? null : patient.language().code(),
                active ? patient.channels().stream().map(Channel::name).toList() : null,
                active ? patient.consents().stream().map(consent -> new ConsentDocument(consent.channel().name(),
                        consent.granted(), consent.method(), consent.recordedAt())).toList() : null,
                patient.clinicId(), active ? patient.clinicIds() : null, patient.revision(), patient.registeredAt(),
                patient.updatedAt(), patient.mergedInto(), patient.erasedAt(), outbox, !outbox.isEmpty());
    }

    Patient toPatient() {
        return Patient.restore(id, status == null ? PatientStatus.ACTIVE : PatientStatus.valueOf(status), givenName,
                familyName, birthDate == null ? null : LocalDate.parse(birthDate), email, phone,
                language == null ? null : Language.ofCode(language).orElseThrow(),
                channels == null ? List.of() : channels.stream().map(Channel::valueOf).toList(),
                consents == null ? List.of() : consents.stream().map(consent -> new Consent(
                        Channel.valueOf(consent.channel()), consent.granted(), consent.method(), consent.recordedAt()))
                        .toList(),
                clinicId, clinicIds, revision, registeredAt, updatedAt == null ? registeredAt : updatedAt,
                mergedInto, erasedAt);
    }
}
