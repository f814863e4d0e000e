package com.clinicbackbone.patient.patient.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Which patients hold an email address ({@link PatientEmailDocument}), every access by {@code _id}. Kept like
 * {@link IdentityKeys}: a patient is added before its record is stored with the address and removed after its record
 * lost it, so the list holds at least every active patient with that address; whoever reads it checks each record.
 */
final class EmailKeys {

    private static final String PATIENT_IDS = "patientIds";
    private static final String VERSION = "version";

    private final MongoTemplate mongo;

    EmailKeys(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The ids filed under the address (may include records that no longer hold it). */
    List<String> patientIds(String email) {
        PatientEmailDocument filed = mongo.findById(key(email), PatientEmailDocument.class);
        return filed == null || filed.patientIds() == null ? List.of() : filed.patientIds();
    }

    void add(String email, String patientId) {
        var added = new Update().addToSet(PATIENT_IDS, patientId).inc(VERSION, 1);
        var filed = query(where("_id").is(key(email)));
        try {
            mongo.upsert(filed, added, PatientEmailDocument.class);
        } catch (DuplicateKeyException e) {
            // another write under the same address created the document at the same moment: it exists now
            mongo.updateFirst(filed, added, PatientEmailDocument.class);
        }
    }

    /** Removes the patient; the document goes too once it lists nobody (unless someone was added meanwhile). */
    void remove(String email, String patientId) {
        String key = key(email);
        PatientEmailDocument left = mongo.findAndModify(query(where("_id").is(key)),
                new Update().pull(PATIENT_IDS, patientId).inc(VERSION, 1),
                FindAndModifyOptions.options().returnNew(true), PatientEmailDocument.class);
        if (left != null && (left.patientIds() == null || left.patientIds().isEmpty())) {
            mongo.remove(query(where("_id").is(key).and(VERSION).is(left.version())), PatientEmailDocument.class);
        }
    }

    static String key(String email) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(email.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
