package com.clinicbackbone.notification.notification.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.clinicbackbone.notification.cache.ExpiringCache;
import com.clinicbackbone.notification.notification.MessageTemplate;
import com.clinicbackbone.notification.notification.MessageTemplates;
import com.clinicbackbone.notification.notification.TemplateKey;
import java.time.Duration;
import java.util.Optional;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Repository;

/**
 * The clinics' templates in the {@code message_templates} collection, one document per template
 * ({@code _id} = {@code <clinicId>:<KIND>:<language>:<CHANNEL>}). Read through a per-instance cache
 * ({@code notifications.cache-for}, 5 s by default; a template not written is kept as absent too): a template saved
 * here is seen by this instance at once and by the others within that time.
 */
@Repository
class MongoMessageTemplates implements MessageTemplates {

    static final String COLLECTION = "message_templates";

    private final MongoOperations mongo;
    private final ExpiringCache<TemplateKey, Optional<MessageTemplate>> cache;

    MongoMessageTemplates(MongoOperations mongo, @Value("${notifications.cache-for:PT5S}") Duration cacheFor) {
        this.mongo = mongo;
        this.cache = new ExpiringCache<>(cacheFor);
    }

    @Override
    public Optional<MessageTemplate> find(TemplateKey key) {
        return cache.get(key, id -> Optional.ofNullable(mongo.findById(idOf(id), Document.class, COLLECTION))
                .map(document -> new MessageTemplate(document.getString("subject"), document.getString("text"),
                        document.getString("html"))));
    }

    @Override
    public void save(TemplateKey key, MessageTemplate template) {
        Document document = new Document("_id", idOf(key)).append("clinicId", key.clinicId())
                .append("kind", key.kind().name()).append("language", key.language())
                .append("channel", key.channel().name()).append("subject", template.subject())
                .append("text", template.text()).append("html", template.html());
        mongo.findAndReplace(query(where("_id").is(idOf(key))), document, FindAndReplaceOptions.options().upsert(),
                COLLECTION);
        cache.put(key, Optional.of(template));
    }

    private static String idOf(TemplateKey key) {
        return key.clinicId() + ":" + key.kind() + ":" + key.language() + ":" + key.channel();
    }
}
