package com.clinicbackbone.notification.patient.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.clinicbackbone.notification.patient.PatientRegistry;
import java.util.Optional;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The {@code patients} collection: one document per patient id the registry told us about,
 * {@code {_id, erased, mergedInto}}; ids only.
 */
@Repository
class MongoPatientRegistry implements PatientRegistry {

    static final String COLLECTION = "patients";

    private final MongoOperations mongo;

    MongoPatientRegistry(MongoOperations mongo) {
        this.mongo = mongo;
    }

    @Override
    public boolean isErased(String patientId) {
        PatientDocument patient = find(patientId);
        return patient != null && Boolean.TRUE.equals(patient.erased());
    }

    @Override
    public Optional<String> mergedInto(String patientId) {
        PatientDocument patient = find(patientId);
        return Optional.ofNullable(patient == null ? null : patient.mergedInto());
    }

    @Override
    public void markErased(String patientId) {
        mongo.upsert(query(where("_id").is(patientId)), new Update().set("erased", true), COLLECTION);
    }

    @Override
    public void markMerged(String mergedPatientId, String survivingPatientId) {
        mongo.upsert(query(where("_id").is(mergedPatientId)), new Update().set("mergedInto", survivingPatientId),
                COLLECTION);
    }

    private PatientDocument find(String patientId) {
        return mongo.findById(patientId, PatientDocument.class, COLLECTION);
    }

    record PatientDocument(@Id String id, Boolean erased, String mergedInto) {
    }
}
