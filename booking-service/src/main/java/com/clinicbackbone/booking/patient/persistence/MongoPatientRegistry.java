package com.clinicbackbone.booking.patient.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.clinicbackbone.booking.patient.PatientRegistry;
import com.clinicbackbone.booking.patient.PatientStatus;
import com.clinicbackbone.booking.patient.RegisteredPatient;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The registry in collection {@code patient_registry}. Every operation is a key lookup: a change reads the patient
 * by {@code _id} and writes it with a compare-and-set on {@code {_id, revision}} (unique index
 * {@value #REVISION_INDEX}), or inserts a patient it did not find; a lost race (no match, duplicate key) reads again.
 * Completed visits and free-text ids are added by {@code _id} alone: they commute with everything else.
 */
@Repository
class MongoPatientRegistry implements PatientRegistry {

    static final String COLLECTION = "patient_registry";
    static final String REVISION_INDEX = "id_revision";
    private static final int ATTEMPTS = 20;

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
        return applyIfNewer(patientId, revision, new Update().addToSet("clinicIds", clinicId),
                new PatientDocument(patientId, List.of(clinicId), PatientStatus.ACTIVE, null, revision, null, null))
                != null;
    }

    @Override
    public Erasure applyErased(String patientId, long revision) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            PatientDocument stored = mongo.findById(patientId, PatientDocument.class);
            if (stored == null) {
                if (insert(new PatientDocument(patientId, List.of(), PatientStatus.ERASED, null, revision, null,
                        null))) {
                    return new Erasure(true, Set.of());
                }
                continue;
            }
            if (stored.revision() >= revision) {
                return new Erasure(false, stored.freeTextOrNone());
            }
            // the document as written: it holds every free-text id noted before the erasure (see noteFreeText)
            PatientDocument erased = mongo.findAndModify(query(where("_id").is(patientId)
                            .and("revision").is(stored.revision())),
                    new Update().set("status", PatientStatus.ERASED).set("clinicIds", List.of())
                            .unset("survivingPatientId").set("revision", revision),
                    FindAndModifyOptions.options().returnNew(true), PatientDocument.class);
            if (erased != null) {
                return new Erasure(true, erased.freeTextOrNone());
            }
        }
        throw new IllegalStateException("patient " + patientId + " changes too fast to be erased");
    }

    @Override
    public boolean applyMerged(String mergedPatientId, String survivingPatientId,
                               Collection<String> survivorClinicIds, long revision) {
        Map<String, PatientDocument> both = mongo.find(query(where("_id").in(mergedPatientId, survivingPatientId)),
                PatientDocument.class).stream().collect(Collectors.toMap(PatientDocument::id, Function.identity()));
        if (!survivorClinicIds.isEmpty()) {
            linkSurvivor(survivingPatientId, survivorClinicIds, both.get(survivingPatientId));
        }
        return applyIfNewer(mergedPatientId, revision, both.get(mergedPatientId), new Update()
                        .set("status", PatientStatus.MERGED).set("survivingPatientId", survivingPatientId),
                new PatientDocument(mergedPatientId, List.of(), PatientStatus.MERGED, survivingPatientId, revision,
                        null, null)) != null;
    }

    private void linkSurvivor(String survivingPatientId, Collection<String> clinicIds, PatientDocument stored) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (attempt > 0) {
                stored = mongo.findById(survivingPatientId, PatientDocument.class);
            }
            if (stored == null) {
                if (insert(new PatientDocument(survivingPatientId, List.copyOf(clinicIds), PatientStatus.ACTIVE,
                        null, 0, null, null))) {
                    return;
                }
                continue;
            }
            if (stored.status() == PatientStatus.ERASED) {
                return; // nothing to link
            }
            if (mongo.updateFirst(query(where("_id").is(survivingPatientId).and("revision").is(stored.revision())),
                    new Update().addToSet("clinicIds").each(clinicIds.toArray()), PatientDocument.class)
                    .getMatchedCount() > 0) {
                return;
            }
        }
        throw new IllegalStateException("patient " + survivingPatientId + " changes too fast to be linked");
    }

    @Override
    public void recordCompletion(String patientId, RegisteredPatient.Completion completion) {
        mongo.updateFirst(query(where("_id").is(patientId)), new Update().push("completions")
                .slice(-KEPT_COMPLETIONS).each(new PatientDocument.CompletionEntry(completion.clinicId(),
                        completion.serviceId(), completion.start())), PatientDocument.class);
    }

    @Override
    public boolean noteFreeText(String patientId, String appointmentId) {
        PatientDocument noted = mongo.findAndModify(query(where("_id").is(patientId)),
                new Update().addToSet("freeText", appointmentId), FindAndModifyOptions.options().returnNew(true),
                PatientDocument.class);
        return noted != null && noted.status() == PatientStatus.ERASED;
    }

    private PatientDocument applyIfNewer(String patientId, long revision, Update update, PatientDocument created) {
        return applyIfNewer(patientId, revision, mongo.findById(patientId, PatientDocument.class), update, created);
    }

    /** Applies the change at the revision if it is newer than the stored one; the stored document, or null if not. */
    private PatientDocument applyIfNewer(String patientId, long revision, PatientDocument stored, Update update,
                                         PatientDocument created) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (attempt > 0) {
                stored = mongo.findById(patientId, PatientDocument.class);
            }
            if (stored == null) {
                if (insert(created)) {
                    return created;
                }
                continue;
            }
            if (stored.revision() >= revision) {
                return null;
            }
            if (mongo.updateFirst(query(where("_id").is(patientId).and("revision").is(stored.revision())),
                    update.set("revision", revision), PatientDocument.class).getMatchedCount() > 0) {
                return stored;
            }
        }
        throw new IllegalStateException("patient " + patientId + " changes too fast to be updated");
    }

    private boolean insert(PatientDocument document) {
        try {
            mongo.insert(document);
            return true;
        } catch (DuplicateKeyException raced) {
            return false;
        }
    }
}
