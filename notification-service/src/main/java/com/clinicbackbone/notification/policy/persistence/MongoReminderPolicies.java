package com.clinicbackbone.notification.policy.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.clinicbackbone.notification.cache.ExpiringCache;
import com.clinicbackbone.notification.contact.Channel;
import com.clinicbackbone.notification.policy.ReminderPolicies;
import com.clinicbackbone.notification.policy.ReminderPolicy;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Repository;

/**
 * Policies in the {@code reminder_policies} collection, one document per clinic ({@code _id} = clinic id);
 * offsets as ISO-8601 durations, quiet hours as {@code HH:mm}. Read through a per-instance cache
 * ({@code notifications.cache-for}, 5 s by default): a change saved here is seen by this instance at once and by
 * the others within that time.
 */
@Repository
class MongoReminderPolicies implements ReminderPolicies {

    static final String COLLECTION = "reminder_policies";

    private final MongoOperations mongo;
    private final ExpiringCache<String, Optional<ReminderPolicy>> cache;

    MongoReminderPolicies(MongoOperations mongo, @Value("${notifications.cache-for:PT5S}") Duration cacheFor) {
        this.mongo = mongo;
        this.cache = new ExpiringCache<>(cacheFor);
    }

    @Override
    public Optional<ReminderPolicy> find(String clinicId) {
        return cache.get(clinicId, id -> Optional.ofNullable(mongo.findById(id, Document.class, COLLECTION))
                .map(MongoReminderPolicies::fromDocument));
    }

    @Override
    public void save(String clinicId, ReminderPolicy policy) {
        mongo.findAndReplace(query(where("_id").is(clinicId)), toDocument(clinicId, policy),
                FindAndReplaceOptions.options().upsert(), COLLECTION);
        cache.put(clinicId, Optional.of(policy));
    }

    @Override
    public void saveIfAbsent(String clinicId, ReminderPolicy policy) {
        try {
            mongo.insert(toDocument(clinicId, policy), COLLECTION);
            cache.put(clinicId, Optional.of(policy));
        } catch (DuplicateKeyException alreadyThere) {
            // seeded before or edited since: keep it
        }
    }

    static Document toDocument(String clinicId, ReminderPolicy policy) {
        return new Document("_id", clinicId)
                .append("confirmations", new Document("booked", policy.confirmations().booked())
                        .append("changed", policy.confirmations().changed())
                        .append("cancelled", policy.confirmations().cancelled()))
                .append("reminders", policy.reminders().stream()
                        .map(reminder -> new Document("offset", reminder.offset().toString())
                                .append("channels", reminder.channels().stream().map(Channel::name).sorted().toList()))
                        .toList())
                .append("aftercare", policy.aftercare())
                .append("quietHours", new Document("start", policy.quietHours().start().toString())
                        .append("end", policy.quietHours().end().toString()))
                .append("senderName", policy.senderName())
                .append("recall", new Document("enabled", policy.recall().enabled())
                        .append("every", policy.recall().every().toString()).append("times", policy.recall().times()));
    }

    static ReminderPolicy fromDocument(Document document) {
        Document confirmations = document.get("confirmations", Document.class);
        Document quiet = document.get("quietHours", Document.class);
        List<ReminderPolicy.Reminder> reminders = document.getList("reminders", Document.class, List.of()).stream()
                .map(reminder -> new ReminderPolicy.Reminder(Duration.parse(reminder.getString("offset")),
                        reminder.getList("channels", String.class).stream().map(Channel::valueOf)
                                .collect(Collectors.toSet())))
                .toList();
        return new ReminderPolicy(new ReminderPolicy.Confirmations(confirmations.getBoolean("booked"),
                confirmations.getBoolean("changed"), confirmations.getBoolean("cancelled")), reminders,
                document.getBoolean("aftercare"), new ReminderPolicy.QuietHours(
                        LocalTime.parse(quiet.getString("start")), LocalTime.parse(quiet.getString("end"))),
                document.getString("senderName"), recall(document.get("recall", Document.class)));
    }

    /** A policy stored before recalls existed has the default ones. */
    private static ReminderPolicy.Recall recall(Document recall) {
        return recall == null ? ReminderPolicy.Recall.DEFAULT : new ReminderPolicy.Recall(
                recall.getBoolean("enabled"), Duration.parse(recall.getString("every")), recall.getInteger("times"));
    }
}
