package com.clinicbackbone.patient.patient.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Which patients were registered under an identity key ({@link PatientIdentityDocument}), every access by
 * {@code _id}. A patient is added before its record is stored and removed after its record was retired, so the list
 * holds at least every active patient with that key; whoever reads it checks each record.
 */
final class IdentityKeys {

    private static final String PATIENT_IDS = "patientIds";
    private static final String VERSION = "version";

    private final MongoTemplate mongo;

    IdentityKeys(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The ids registered under the key, oldest first (may include retired or never stored records). */
    List<String> patientIds(String familyKey, String birthDate) {
        PatientIdentityDocument identity = mongo.findById(key(familyKey, birthDate), PatientIdentityDocument.class);
        return identity == null || identity.patientIds() == null ? List.of() : identity.patientIds();
    }

    void add(String familyKey, String birthDate, String patientId) {
        var added = new Update().addToSet(PATIENT_IDS, patientId).inc(VERSION, 1);
        var identity = query(where("_id").is(key(familyKey, birthDate)));
        try {
            mongo.upsert(identity, added, PatientIdentityDocument.class);
        } catch (DuplicateKeyException e) {
            // another registration under the same key created the document at the same moment: it exists now
            mongo.updateFirst(identity, added, PatientIdentityDocument.class);
        }
    }

    /** Removes the patient; the document goes too once it lists nobody (unless someone was added meanwhile). */
    void remove(String familyKey, String birthDate, String patientId) {
        String key = key(familyKey, birthDate);
        PatientIdentityDocument left = mongo.findAndModify(query(where("_id").is(key)),
                new Update().pull(PATIENT_IDS, patientId).inc(VERSION, 1),
                FindAndModifyOptions.options().returnNew(true), PatientIdentityDocument.class);
        if (left != null && (left.patientIds() == null || left.patientIds().isEmpty())) {
            mongo.remove(query(where("_id").is(key).and(VERSION).is(left.version())), PatientIdentityDocument.class);
        }
    }

    static String key(String familyKey, String birthDate) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((familyKey + "|" + birthDate).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
