package com.clinicbackbone.notification.patient.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.clinicbackbone.notification.patient.PatientRegistry;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The {@code patients} collection: one document per patient id the registry told us about,
 * {@code {_id, erased, mergedInto}}; ids only. Every read and write is by {@code _id}.
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

    /** One read per id on the way: one for a patient never merged. */
    @Override
    public Standing standing(String patientId) {
        String current = patientId;
        Set<String> seen = new HashSet<>();
        for (int hop = 0; hop < MAX_MERGE_HOPS && seen.add(current); hop++) {
            PatientDocument patient = find(current);
            if (patient == null || patient.mergedInto() == null || patient.mergedInto().equals(current)) {
                return new Standing(current, patient != null && Boolean.TRUE.equals(patient.erased()));
            }
            current = patient.mergedInto();
        }
        return new Standing(current, isErased(current));
    }

    @Override
    public boolean isRetired(String patientId) {
        PatientDocument patient = find(patientId);
        return patient != null && (Boolean.TRUE.equals(patient.erased()) || patient.mergedInto() != null);
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
