package com.clinicbackbone.booking.appointment.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The fence a retried idempotent booking puts under the id of an attempt that never stored its appointment. */
class MongoAppointmentsFenceTest {

    final MongoServer server = new MongoServer(new MemoryBackend());
    final InetSocketAddress address = server.bind();
    final MongoClient client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
    final MongoTemplate mongo = new MongoTemplate(client, "booking");
    final MongoAppointments appointments = new MongoAppointments(mongo, null, null, Clock.systemUTC());

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void aFencedIdIsNotFoundAndTakesNoAppointment() {
        assertThat(appointments.fence("apt-1")).isTrue();
        assertThat(appointments.fence("apt-1")).isTrue();

        assertThat(appointments.find("apt-1")).isEmpty();
        assertThat(appointments.findAll(List.of("apt-1"))).isEmpty();
        assertThatThrownBy(() -> mongo.insert(new Document("_id", "apt-1").append("status", "BOOKED"),
                MongoAppointments.COLLECTION)).isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void anIdWithAStoredAppointmentIsNotFenced() {
        mongo.insert(new Document("_id", "apt-2").append("status", "BOOKED").append("revision", 1L),
                MongoAppointments.COLLECTION);

        assertThat(appointments.fence("apt-2")).isFalse();
        assertThat(mongo.findById("apt-2", Document.class, MongoAppointments.COLLECTION).get("fenced")).isNull();
    }
}
