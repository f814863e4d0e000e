package com.clinicbackbone.notification.contact.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.clinicbackbone.notification.contact.Channel;
import com.clinicbackbone.notification.contact.Contact;
import com.clinicbackbone.notification.contact.Contacts;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/** The contact projection in the {@code contacts} collection ({@code _id} = patient id). */
@Repository
class MongoContacts implements Contacts {

    static final String COLLECTION = "contacts";

    private final MongoOperations mongo;

    MongoContacts(MongoOperations mongo) {
        this.mongo = mongo;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("phone", Sort.Direction.ASC));
    }

    @Override
    public Optional<Contact> find(String patientId) {
        return Optional.ofNullable(mongo.findById(patientId, ContactDocument.class, COLLECTION))
                .map(ContactDocument::toContact);
    }

    @Override
    public boolean saveIfNotOlder(Contact contact) {
        try {
            mongo.upsert(query(where("_id").is(contact.patientId()).and("revision").lte(contact.revision())),
                    new Update()
                            .set("givenName", contact.givenName())
                            .set("email", contact.email())
                            .set("phone", contact.phone())
                            .set("language", contact.language())
                            .set("channels", names(contact.channels()))
                            .set("consents", contact.consents() == null ? null : names(contact.consents()))
                            .set("revision", contact.revision()),
                    COLLECTION);
            return true;
        } catch (DuplicateKeyException newerStored) {
            return false;
        }
    }

    @Override
    public List<Contact> findByPhone(String phone) {
        return mongo.find(query(where("phone").is(phone)), ContactDocument.class, COLLECTION).stream()
                .map(ContactDocument::toContact).toList();
    }

    @Override
    public boolean markSmsOptedOut(String patientId, boolean optedOut) {
        return mongo.updateFirst(query(where("_id").is(patientId)), new Update().set("smsOptedOut", optedOut),
                COLLECTION).getMatchedCount() > 0;
    }

    @Override
    public void delete(String patientId) {
        mongo.remove(query(where("_id").is(patientId)), COLLECTION);
    }

    private static List<String> names(Set<Channel> channels) {
        return channels.stream().map(Channel::name).sorted().toList();
    }

    record ContactDocument(@Id String patientId, String givenName, String email, String phone, String language,
                           List<String> channels, List<String> consents, long revision, Boolean smsOptedOut) {

        Contact toContact() {
            return new Contact(patientId, givenName, email, phone, language, known(channels),
                    consents == null ? null : known(consents), revision, Boolean.TRUE.equals(smsOptedOut));
        }

        private static Set<Channel> known(List<String> names) {
            return (names == null ? List.<String>of() : names).stream()
                    .filter(name -> name.equals("EMAIL") || name.equals("SMS"))
                    .map(Channel::valueOf)
                    .collect(Collectors.toSet());
        }
    }
}
