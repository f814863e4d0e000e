package com.clinicbackbone.booking.patient.persistence;

import com.clinicbackbone.booking.patient.PatientStatus;
import com.clinicbackbone.booking.patient.RegisteredPatient;
import java.util.List;
import java.util.Set;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** One patient of the registry projection: ids, status and revision only. */
@Document(MongoPatientRegistry.COLLECTION)
record PatientDocument(@Id String id, List<String> clinicIds, PatientStatus status, String survivingPatientId,
                       long revision) {

    RegisteredPatient toPatient() {
        return new RegisteredPatient(id, clinicIds == null ? Set.of() : Set.copyOf(clinicIds),
                status == null ? PatientStatus.ACTIVE : status, survivingPatientId, revision);
    }
}
