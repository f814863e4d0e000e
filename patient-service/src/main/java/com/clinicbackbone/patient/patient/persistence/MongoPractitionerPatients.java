package com.clinicbackbone.patient.patient.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.clinicbackbone.patient.patient.PractitionerPatients;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The practitioner–patient pairs in the {@code practitioner_patients} collection, one document per pair (a unique
 * index on both ids), written with an upsert so a redelivered event changes nothing.
 */
@Repository
class MongoPractitionerPatients implements PractitionerPatients {

    private final MongoTemplate mongo;

    MongoPractitionerPatients(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void add(String practitionerId, String patientId) {
        try {
            mongo.upsert(pair(practitionerId, patientId), new Update().setOnInsert("practitionerId", practitionerId)
                    .setOnInsert("patientId", patientId), PractitionerPatientDocument.class);
        } catch (DuplicateKeyException e) {
            // another consumer inserted the same pair at the same moment: it exists, which is all that was asked
        }
    }

    /** A find on the pair's unique key ({@code exists} would count, which scans on the embedded server). */
    @Override
    public boolean contains(String practitionerId, String patientId) {
        Query pair = pair(practitionerId, patientId);
        pair.fields().include("_id");
        return mongo.findOne(pair, Document.class, PractitionerPatientDocument.COLLECTION) != null;
    }

    @Override
    public Set<String> patientsOf(String practitionerId) {
        Query query = query(where("practitionerId").is(practitionerId));
        query.fields().include("patientId");
        return mongo.find(query, PractitionerPatientDocument.class).stream()
                .map(PractitionerPatientDocument::patientId).collect(Collectors.toUnmodifiableSet());
    }

    /** Pair by pair, so a pair added to {@code fromPatientId} meanwhile is not removed without being moved. */
    @Override
    public void move(String fromPatientId, String toPatientId) {
        if (fromPatientId.equals(toPatientId)) {
            return;
        }
        Query from = query(where("patientId").is(fromPatientId));
        from.fields().include("practitionerId");
        for (PractitionerPatientDocument pair : mongo.find(from, PractitionerPatientDocument.class)) {
            add(pair.practitionerId(), toPatientId);
            mongo.remove(pair(pair.practitionerId(), fromPatientId), PractitionerPatientDocument.class);
        }
    }

    private static Query pair(String practitionerId, String patientId) {
        return query(where("practitionerId").is(practitionerId).and("patientId").is(patientId));
    }
}
