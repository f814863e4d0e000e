package com.clinicbackbone.notification.reply.persistence;

import com.clinicbackbone.events.AppointmentReplyReceived;
import com.clinicbackbone.events.Envelope;
import com.clinicbackbone.events.SmsOptOutChanged;
import com.clinicbackbone.events.Topics;
import com.clinicbackbone.events.WaitlistOfferReplyReceived;
import com.clinicbackbone.messaging.OutboxEntry;
import com.clinicbackbone.messaging.OutboxRelay;
import com.clinicbackbone.notification.reply.InboundEntry;
import com.clinicbackbone.notification.reply.InboundLog;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The inbound SMS log in the {@code sms_inbound} collection ({@code _id} = the provider's MessageSid, so a retried
 * webhook cannot be stored twice). Each entry carries its events in its {@code outbox} in the same insert, for the
 * {@link OutboxRelay} to publish on {@link Topics#NOTIFICATIONS}, keyed by patient id (the relay is told the id at
 * once).
 */
@Repository
class MongoInboundLog implements InboundLog {

    static final String COLLECTION = "sms_inbound";
    static final String SOURCE = "/notification-service";

    private final MongoOperations mongo;
    private final JsonMapper json;
    private final ObjectProvider<OutboxRelay> relay;

    MongoInboundLog(MongoOperations mongo, JsonMapper json, ObjectProvider<OutboxRelay> relay) {
        this.mongo = mongo;
        this.json = json;
        this.relay = relay;
        // for retention only (a rare range query; MongoDB serves it from this index)
        mongo.indexOps(COLLECTION).createIndex(new Index().on("receivedAt", Sort.Direction.ASC));
    }

    @Override
    public boolean contains(String messageSid) {
        return mongo.findById(messageSid, InboundDocument.class, COLLECTION) != null;
    }

    @Override
    public boolean add(InboundEntry entry) {
        List<OutboxEntry> outbox = entry.events().stream().map(this::outboxEntry).toList();
        try {
            mongo.insert(new InboundDocument(entry.messageSid(), entry.receivedAt(), entry.keyword(),
                    entry.action().name(), entry.outcome().name(), entry.patientIds(), entry.appointmentId(), outbox,
                    !outbox.isEmpty()), COLLECTION);
            if (!outbox.isEmpty()) {
                relay.ifAvailable(outboxRelay -> outboxRelay.nudge(COLLECTION, entry.messageSid()));
            }
            return true;
        } catch (DuplicateKeyException handledAlready) {
            return false;
        }
    }

    private OutboxEntry outboxEntry(Object event) {
        Envelope envelope;
        if (event instanceof SmsOptOutChanged optOut) {
            envelope = Envelope.of(SmsOptOutChanged.TYPE, SOURCE, optOut.at(), optOut.patientId(), null,
                    optOut.at().toEpochMilli());
        } else if (event instanceof AppointmentReplyReceived reply) {
            envelope = Envelope.of(AppointmentReplyReceived.TYPE, SOURCE, reply.at(), reply.patientId(),
                    reply.clinicId(), reply.at().toEpochMilli());
        } else if (event instanceof WaitlistOfferReplyReceived answer) {
            envelope = Envelope.of(WaitlistOfferReplyReceived.TYPE, SOURCE, answer.at(), answer.patientId(),
                    answer.clinicId(), answer.at().toEpochMilli());
        } else {
            throw new IllegalArgumentException("not an inbound SMS event: " + event.getClass());
        }
        return OutboxEntry.of(Topics.NOTIFICATIONS, envelope, json.writeValueAsString(event));
    }

    /** Ids, the keyword and what was done; never the phone number or the text. */
    record InboundDocument(@Id String messageSid, Instant receivedAt, String keyword, String action, String outcome,
                           List<String> patientIds, String appointmentId, List<OutboxEntry> outbox,
                           boolean outboxPending) {
    }
}
