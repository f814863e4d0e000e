package com.clinicbackbone.booking.appointment.persistence;

import com.clinicbackbone.booking.appointment.AppointmentService;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Notes the cancellation reasons stored before cancellations noted them on the patient's registry document (so that
 * an erasure finds them), and clears those of patients erased already: once per database, at start-up, unless the
 * marker document in {@value #COLLECTION} says it was done. Reads the appointments with a reason that one time; safe
 * when several instances do it at once (noting is idempotent). Should it fail, start-up goes on and the next start
 * tries again.
 */
@Component
class FreeTextBackfill implements SmartInitializingSingleton {

    static final String COLLECTION = "backfills";
    static final String DONE = "appointment-free-text-v1";
    private static final Logger log = LoggerFactory.getLogger(FreeTextBackfill.class);

    private final MongoTemplate mongo;
    private final AppointmentService appointments;

    FreeTextBackfill(MongoTemplate mongo, AppointmentService appointments) {
        this.mongo = mongo;
        this.appointments = appointments;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (mongo.findById(DONE, Document.class, COLLECTION) != null) {
            return;
        }
        int noted;
        try {
            noted = appointments.noteStoredFreeText();
        } catch (RuntimeException e) { // ids only: the message of a mapping failure may carry the text
            log.warn("Noting the stored cancellation reasons failed ({}); the next start tries again",
                    e.getClass().getName());
            return;
        }
        try {
            mongo.insert(new Document("_id", DONE), COLLECTION);
        } catch (DuplicateKeyException e) {
            // another instance finished first
        }
        if (noted > 0) {
            log.info("Noted {} stored cancellation reason(s) with their patients", noted);
        }
    }
}
