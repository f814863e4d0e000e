package com.clinicbackbone.patient.patient.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.clinicbackbone.patient.patient.AccessEntry;
import com.clinicbackbone.patient.patient.AccessLog;
import java.util.List;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/** The PHI access log in the {@code phi_access_log} collection: this class only ever inserts and reads. */
@Repository
class MongoAccessLog implements AccessLog {

    private final MongoTemplate mongo;

    MongoAccessLog(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void append(AccessEntry entry) {
        mongo.insert(AccessEntryDocument.of(entry));
    }

    @Override
    public List<AccessEntry> entriesFor(String patientId) {
        return mongo.find(query(where("patientId").is(patientId)).with(Sort.by("accessedAt", "_id")),
                AccessEntryDocument.class).stream().map(AccessEntryDocument::toEntry).toList();
    }
}
