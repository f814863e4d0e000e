package com.clinicbackbone.booking.patient.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.clinicbackbone.booking.patient.PatientRegistry;
import com.clinicbackbone.booking.patient.PatientStatus;
import com.clinicbackbone.booking.patient.RegisteredPatient;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The registry in collection {@code patient_registry}. Every change is one conditional upsert
 * {@code {_id, revision < r}}: it updates a patient stored at an older revision, inserts an unknown one, and fails
 * with a duplicate key (nothing changed) when the stored revision is the same or newer.
 */
@Repository
class MongoPatientRegistry implements PatientRegistry {

    static final String COLLECTION = "patient_registry";

    private final MongoTemplate mongo;

    MongoPatientRegistry(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Optional<RegisteredPatient> find(String patientId) {
        return Optional.ofNullable(mongo.findById(patientId, PatientDocument.class)).map(PatientDocument::toPatient);
    }

    @Override
    public boolean applyLinked(String patientId, String clinicId, long revision) {
        return upsertIfNewer(patientId, revision, new Update()
                .addToSet("clinicIds", clinicId)
                .setOnInsert("status", PatientStatus.ACTIVE));
    }

    @Override
    public boolean applyErased(String patientId, long revision) {
        return upsertIfNewer(patientId, revision, new Update()
                .set("status", PatientStatus.ERASED)
                .set("clinicIds", List.of())
                .unset("survivingPatientId"));
    }

    @Override
    public boolean applyMerged(String mergedPatientId, String survivingPatientId, long revision) {
        return upsertIfNewer(mergedPatientId, revision, new Update()
                .set("status", PatientStatus.MERGED)
                .set("survivingPatientId", survivingPatientId));
    }

    @Override
    public void addSurvivorLinks(String survivingPatientId, Collection<String> clinicIds) {
        if (clinicIds.isEmpty()) {
            return;
        }
        Update update = new Update().addToSet("clinicIds").each(clinicIds.toArray())
                .setOnInsert("status", PatientStatus.ACTIVE)
                .setOnInsert("revision", 0L);
        try {
            mongo.upsert(query(where("_id").is(survivingPatientId).and("status").ne(PatientStatus.ERASED)), update,
                    PatientDocument.class);
        } catch (DuplicateKeyException erased) {
            // the survivor exists and is erased: nothing to link
        }
    }

    private boolean upsertIfNewer(String patientId, long revision, Update update) {
        try {
            var result = mongo.upsert(query(where("_id").is(patientId).and("revision").lt(revision)),
                    update.set("revision", revision), PatientDocument.class);
            return result.getModifiedCount() > 0 || result.getUpsertedId() != null;
        } catch (DuplicateKeyException notNewer) {
            return false;
        }
    }
}
