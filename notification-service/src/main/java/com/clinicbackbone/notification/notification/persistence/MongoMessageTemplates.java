package com.clinicbackbone.notification.notification.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.clinicbackbone.notification.notification.MessageTemplate;
import com.clinicbackbone.notification.notification.MessageTemplates;
import com.clinicbackbone.notification.notification.TemplateKey;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Repository;

/**
 * The clinics' templates in the {@code message_templates} collection, one document per template
 * ({@code _id} = {@code <clinicId>:<KIND>:<language>:<CHANNEL>}).
 */
@Repository
class MongoMessageTemplates implements MessageTemplates {

    static final String COLLECTION = "message_templates";

    private final MongoOperations mongo;

    MongoMessageTemplates(MongoOperations mongo) {
        this.mongo = mongo;
    }

    @Override
    public Optional<MessageTemplate> find(TemplateKey key) {
        return Optional.ofNullable(mongo.findById(idOf(key), Document.class, COLLECTION))
                .map(document -> new MessageTemplate(document.getString("subject"), document.getString("text"),
                        document.getString("html")));
    }

    @Override
    public void save(TemplateKey key, MessageTemplate template) {
        Document document = new Document("_id", idOf(key)).append("clinicId", key.clinicId())
                .append("kind", key.kind().name()).append("language", key.language())
                .append("channel", key.channel().name()).append("subject", template.subject())
                .append("text", template.text()).append("html", template.html());
        mongo.findAndReplace(query(where("_id").is(idOf(key))), document, FindAndReplaceOptions.options().upsert(),
                COLLECTION);
    }

    private static String idOf(TemplateKey key) {
        return key.clinicId() + ":" + key.kind() + ":" + key.language() + ":" + key.channel();
    }
}
