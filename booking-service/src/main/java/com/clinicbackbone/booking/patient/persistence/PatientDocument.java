package com.clinicbackbone.booking.patient.persistence;

import com.clinicbackbone.booking.patient.PatientStatus;
import com.clinicbackbone.booking.patient.RegisteredPatient;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One patient of the registry projection: ids, status and revision, the most recent completed visits and the ids
 * of the patient's appointments that hold free text. The unique index on {@code {_id, revision}} serves the
 * compare-and-set of every change as a key lookup.
 */
@Document(MongoPatientRegistry.COLLECTION)
@CompoundIndex(name = MongoPatientRegistry.REVISION_INDEX, def = "{'_id': 1, 'revision': 1}", unique = true)
record PatientDocument(@Id String id, List<String> clinicIds, PatientStatus status, String survivingPatientId,
                       long revision, List<CompletionEntry> completions, List<String> freeText) {

    /** A completed visit. */
    record CompletionEntry(String clinicId, String serviceId, Instant start) {
    }

    RegisteredPatient toPatient() {
        return new RegisteredPatient(id, clinicIds == null ? Set.of() : Set.copyOf(clinicIds),
                status == null ? PatientStatus.ACTIVE : status, survivingPatientId, revision,
                completions == null ? List.of() : completions.stream().map(it ->
                        new RegisteredPatient.Completion(it.clinicId(), it.serviceId(), it.start())).toList());
    }

    Set<String> freeTextOrNone() {
        return freeText == null ? Set.of() : Set.copyOf(freeText);
    }
}
