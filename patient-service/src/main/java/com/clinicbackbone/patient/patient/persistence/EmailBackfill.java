package com.clinicbackbone.patient.patient.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.clinicbackbone.patient.patient.PatientStatus;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Files the patients stored before {@code patient_emails} existed under their email, once per database: at start-up,
 * unless the marker document says it was done (as {@link IdentityBackfill}). Reads the active patients with an email
 * that one time; safe when several instances do it at once (adding is idempotent).
 */
@Component
class EmailBackfill implements SmartInitializingSingleton {

    static final String DONE = "backfill-v1";
    private static final Logger log = LoggerFactory.getLogger(EmailBackfill.class);
    private static final List<String> RETIRED = List.of(PatientStatus.MERGED.name(), PatientStatus.ERASED.name());

    private final MongoTemplate mongo;
    private final EmailKeys emails;

    EmailBackfill(MongoTemplate mongo) {
        this.mongo = mongo;
        this.emails = new EmailKeys(mongo);
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (mongo.findById(DONE, Document.class, PatientEmailDocument.COLLECTION) != null) {
            return;
        }
        Query active = query(where("status").nin(RETIRED).and("email").ne(null));
        active.fields().include("email");
        int filed = 0;
        try (Stream<Document> patients = mongo.stream(active, Document.class, PatientDocument.COLLECTION)) {
            for (Iterator<Document> it = patients.iterator(); it.hasNext(); filed++) {
                Document patient = it.next();
                emails.add(patient.getString("email"), patient.getString("_id"));
            }
        }
        try {
            mongo.insert(new Document("_id", DONE), PatientEmailDocument.COLLECTION);
        } catch (DuplicateKeyException e) {
            // another instance finished first
        }
        if (filed > 0) {
            log.info("Filed {} stored patient(s) under their email", filed);
        }
    }
}
