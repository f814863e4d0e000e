package com.clinicbackbone.notification.contact.persistence;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.clinicbackbone.notification.contact.Channel;
import com.clinicbackbone.notification.contact.Contact;
import com.clinicbackbone.notification.contact.Contacts;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Repository;

/**
 * The contact projection in the {@code contacts} collection ({@code _id} = patient id). Next to the contacts, one
 * document per phone number, {@code _id = phone|<E.164 number>}, lists the patients using it ({@code patients}),
 * so an inbound SMS finds its senders by key; it is written in the same bulk write as the contact (before it), and
 * left when no patient uses the number any more (a compare-and-set on {@code {_id, v}} deletes it). A contact is
 * written by a compare-and-set on {@code {_id, revision}} (unique indexes: key lookups on both servers).
 */
@Repository
class MongoContacts implements Contacts {

    static final String COLLECTION = "contacts";
    static final String PHONE = "phone|";
    private static final String PATIENTS = "patients";
    private static final String VERSION = "v";
    private static final int MAX_ATTEMPTS = 10;

    private final MongoCollection<Document> collection;

    MongoContacts(MongoOperations mongo) {
        this.collection = mongo.getCollection(COLLECTION);
        var indexes = mongo.indexOps(COLLECTION);
        indexes.createIndex(new Index().on("_id", Sort.Direction.ASC).on("revision", Sort.Direction.ASC).unique()
                .named("contact_revision"));
        indexes.createIndex(new Index().on("_id", Sort.Direction.ASC).on(VERSION, Sort.Direction.ASC).unique()
                .named("phone_version"));
    }

    @Override
    public Optional<Contact> find(String patientId) {
        return Optional.ofNullable(collection.find(eq("_id", patientId)).first()).map(MongoContacts::toContact);
    }

    @Override
    public Map<String, Contact> findAll(Collection<String> patientIds) {
        Map<String, Contact> found = new HashMap<>();
        if (!patientIds.isEmpty()) {
            collection.find(in("_id", List.copyOf(patientIds)))
                    .forEach(document -> found.put(document.getString("_id"), toContact(document)));
        }
        return found;
    }

    /**
     * One read, then one bulk write: the patient added to the number's list, and the contact written if its stored
     * revision is still the one read. A number the patient no longer uses is left afterwards (rare: two more).
     */
    @Override
    public boolean saveIfNotOlder(Contact contact) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Document stored = collection.find(eq("_id", contact.patientId())).first();
            Object revision = stored == null ? null : stored.get("revision");
            if (revision instanceof Number number && number.longValue() > contact.revision()) {
                return false;
            }
            List<WriteModel<Document>> statements = new ArrayList<>();
            if (contact.phone() != null) {
                statements.add(new UpdateOneModel<>(eq("_id", PHONE + contact.phone()), Updates.combine(
                        Updates.addToSet(PATIENTS, contact.patientId()), Updates.inc(VERSION, 1)),
                        new UpdateOptions().upsert(true)));
            }
            statements.add(new UpdateOneModel<>(new Document("_id", contact.patientId()).append("revision", revision),
                    Updates.combine(
                            Updates.set("givenName", contact.givenName()),
                            Updates.set("email", contact.email()),
                            Updates.set("phone", contact.phone()),
                            Updates.set("language", contact.language()),
                            Updates.set("channels", names(contact.channels())),
                            Updates.set("consents", contact.consents() == null ? null : names(contact.consents())),
                            Updates.set("revision", contact.revision())),
                    new UpdateOptions().upsert(stored == null)));
            if (written(statements, stored == null)) {
                String oldPhone = stored == null ? null : stored.getString("phone");
                if (oldPhone != null && !oldPhone.equals(contact.phone())) {
                    leave(oldPhone, contact.patientId());
                }
                return true;
            }
        }
        throw new IllegalStateException("contact " + contact.patientId() + " kept changing while being saved");
    }

    /** Whether the contact's statement (the last) took: upserted when new, matched otherwise. */
    private boolean written(List<WriteModel<Document>> statements, boolean created) {
        int contactStatement = statements.size() - 1;
        try {
            var result = collection.bulkWrite(statements, new BulkWriteOptions().ordered(true));
            if (created) {
                return result.getUpserts().stream().anyMatch(upsert -> upsert.getIndex() == contactStatement);
            }
            boolean phoneUpserted = result.getUpserts().stream().anyMatch(upsert -> upsert.getIndex() < contactStatement);
            int phoneMatched = contactStatement == 1 && !phoneUpserted ? 1 : 0;
            return result.getMatchedCount() - phoneMatched == 1;
        } catch (MongoBulkWriteException createdMeanwhile) {
            return false;
        }
    }

    /** Two reads by key: the number's list of patients, then their contacts (only those still with that number). */
    @Override
    public List<Contact> findByPhone(String phone) {
        Document numbers = collection.find(eq("_id", PHONE + phone)).first();
        List<String> patientIds = numbers == null ? List.of() : numbers.getList(PATIENTS, String.class, List.of());
        return findAll(patientIds).values().stream().filter(contact -> phone.equals(contact.phone()))
                .sorted(java.util.Comparator.comparing(Contact::patientId)).toList();
    }

    @Override
    public boolean markSmsOptedOut(String patientId, boolean optedOut) {
        return collection.updateOne(eq("_id", patientId), Updates.set("smsOptedOut", optedOut)).getMatchedCount() > 0;
    }

    @Override
    public void delete(String patientId) {
        Document removed = collection.findOneAndDelete(eq("_id", patientId));
        if (removed != null && removed.getString("phone") != null) {
            leave(removed.getString("phone"), patientId);
        }
    }

    /**
     * Takes the patient off the number's list; a list left empty is deleted (on the version the removal returned,
     * so a patient added meanwhile keeps it). The number is personal data: nothing keeps it once no contact has it.
     */
    private void leave(String phone, String patientId) {
        Document after = collection.findOneAndUpdate(eq("_id", PHONE + phone),
                Updates.combine(Updates.pull(PATIENTS, patientId), Updates.inc(VERSION, 1)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (after != null && after.getList(PATIENTS, String.class, List.of()).isEmpty()) {
            collection.deleteOne(new Document("_id", after.get("_id")).append(VERSION, after.get(VERSION)));
        }
    }

    private static List<String> names(Set<Channel> channels) {
        return channels.stream().map(Channel::name).sorted().toList();
    }

    private static Contact toContact(Document document) {
        List<String> consents = document.getList("consents", String.class);
        return new Contact(document.getString("_id"), document.getString("givenName"), document.getString("email"),
                document.getString("phone"), document.getString("language"),
                known(document.getList("channels", String.class)), consents == null ? null : known(consents),
                document.get("revision") instanceof Number number ? number.longValue() : 0,
                Boolean.TRUE.equals(document.getBoolean("smsOptedOut")));
    }

    private static Set<Channel> known(List<String> names) {
        return (names == null ? List.<String>of() : names).stream().filter(Objects::nonNull)
                .filter(name -> name.equals("EMAIL") || name.equals("SMS"))
                .map(Channel::valueOf)
                .collect(Collectors.toSet());
    }
}
