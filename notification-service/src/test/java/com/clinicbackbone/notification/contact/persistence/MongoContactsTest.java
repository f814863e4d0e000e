package com.clinicbackbone.notification.contact.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicbackbone.notification.contact.Channel;
import com.clinicbackbone.notification.contact.Contact;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

class MongoContactsTest {

    final MongoServer server = new MongoServer(new MemoryBackend());
    final MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort());
    final MongoTemplate template = new MongoTemplate(client, "contacts-test");
    final MongoContacts contacts = new MongoContacts(template);

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void keepsStatedConsentsApartFromConsentsNotStated() {
        contacts.saveIfNotOlder(contact("pat-1", Set.of(Channel.EMAIL), 1));
        contacts.saveIfNotOlder(contact("pat-2", Set.of(), 1));
        contacts.saveIfNotOlder(contact("pat-3", null, 1));

        assertThat(contacts.find("pat-1")).get().satisfies(c -> {
            assertThat(c.consentsTo(Channel.EMAIL)).isTrue();
            assertThat(c.consentsTo(Channel.SMS)).isFalse();
        });
        assertThat(contacts.find("pat-2")).get().satisfies(c -> assertThat(c.consentsTo(Channel.EMAIL)).isFalse());
        assertThat(contacts.find("pat-3")).get().satisfies(c -> {
            assertThat(c.consents()).isNull();
            assertThat(c.consentsTo(Channel.SMS)).isTrue();
        });
    }

    @Test
    void staleRecordIsIgnoredAndDeleteRemovesTheWholeDocument() {
        assertThat(contacts.saveIfNotOlder(contact("pat-1", null, 3))).isTrue();
        assertThat(contacts.saveIfNotOlder(contact("pat-1", Set.of(), 2))).isFalse();
        assertThat(contacts.find("pat-1")).get().satisfies(c -> assertThat(c.revision()).isEqualTo(3));

        contacts.delete("pat-1");

        assertThat(contacts.find("pat-1")).isEmpty();
        assertThat(template.getCollection("contacts").countDocuments()).isZero();
    }

    @Test
    void findsEveryContactOfAPhoneAndKeepsAnSmsOptOutAcrossLaterRecords() {
        contacts.saveIfNotOlder(contact("pat-1", null, 1));
        contacts.saveIfNotOlder(contact("pat-2", null, 1));

        assertThat(contacts.findByPhone("+15875550123")).extracting(Contact::patientId)
                .containsExactlyInAnyOrder("pat-1", "pat-2");
        assertThat(contacts.findByPhone("+15875550999")).isEmpty();
        assertThat(contacts.markSmsOptedOut("pat-1", true)).isTrue();
        assertThat(contacts.markSmsOptedOut("pat-unknown", true)).isFalse();
        contacts.saveIfNotOlder(contact("pat-1", Set.of(Channel.EMAIL, Channel.SMS), 2));

        assertThat(contacts.find("pat-1")).get().satisfies(c -> {
            assertThat(c.smsOptedOut()).isTrue();
            assertThat(c.revision()).isEqualTo(2);
        });
        assertThat(contacts.find("pat-2")).get().satisfies(c -> assertThat(c.smsOptedOut()).isFalse());
        contacts.markSmsOptedOut("pat-1", false);
        assertThat(contacts.find("pat-1")).get().satisfies(c -> assertThat(c.smsOptedOut()).isFalse());
    }

    static Contact contact(String patientId, Set<Channel> consents, long revision) {
        return new Contact(patientId, "Ada", "ada@example.org", "+15875550123", "en",
                Set.of(Channel.EMAIL, Channel.SMS), consents, revision);
    }
}
