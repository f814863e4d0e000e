package com.clinicbackbone.console.deadletter.persistence;

import com.clinicbackbone.console.deadletter.DeadLetter;
import com.clinicbackbone.console.deadletter.DeadLetter.Header;
import com.clinicbackbone.console.deadletter.DeadLetter.State;
import com.clinicbackbone.console.deadletter.DeadLetters;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/** Collection {@code dead_letters}: one document per dead letter, id = topic/partition/offset. */
@Repository
class MongoDeadLetters implements DeadLetters {

    private final MongoTemplate mongo;

    MongoDeadLetters(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void addIfAbsent(DeadLetter deadLetter) {
        try {
            mongo.insert(DeadLetterDocument.of(deadLetter));
        } catch (DuplicateKeyException e) {
            // read again after a rebalance or restart: the stored one (and its state) stays
        }
    }

    @Override
    public Optional<DeadLetter> find(String id) {
        return Optional.ofNullable(mongo.findById(id, DeadLetterDocument.class)).map(DeadLetterDocument::toDeadLetter);
    }

    @Override
    public List<DeadLetter> all() {
        return mongo.find(new Query().with(Sort.by(Sort.Order.asc("topic"), Sort.Order.desc("receivedAt"))),
                DeadLetterDocument.class).stream().map(DeadLetterDocument::toDeadLetter).toList();
    }

    @Override
    public boolean recordAction(DeadLetter handled) {
        Query stillNew = Query.query(Criteria.where("_id").is(handled.id()).and("state").is(State.NEW.name()));
        Update action = new Update().set("state", handled.state().name()).set("handledBy", handled.handledBy())
                .set("handledAt", handled.handledAt());
        return mongo.updateFirst(stillNew, action, DeadLetterDocument.class).getModifiedCount() == 1;
    }

    @Override
    public void reopen(String id) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), new Update().set("state", State.NEW.name())
                .unset("handledBy").unset("handledAt"), DeadLetterDocument.class);
    }

    @Document("dead_letters")
    record DeadLetterDocument(@Id String id, String topic, int partition, long offset, String originalTopic,
                              byte[] key, List<HeaderDocument> headers, byte[] payload, String errorType,
                              String errorMessage, Instant receivedAt, String state, String handledBy,
                              Instant handledAt) {

        static DeadLetterDocument of(DeadLetter d) {
            return new DeadLetterDocument(d.id(), d.topic(), d.partition(), d.offset(), d.originalTopic(), d.key(),
                    d.headers().stream().map(h -> new HeaderDocument(h.name(), h.value())).toList(), d.payload(),
                    d.errorType(), d.errorMessage(), d.receivedAt(), d.state().name(), d.handledBy(), d.handledAt());
        }

        DeadLetter toDeadLetter() {
            return new DeadLetter(id, topic, partition, offset, originalTopic, key,
                    headers == null ? List.of() : headers.stream().map(h -> new Header(h.name(), h.value())).toList(),
                    payload, errorType, errorMessage, receivedAt, State.valueOf(state), handledBy, handledAt);
        }
    }

    record HeaderDocument(String name, byte[] value) {
    }
}
