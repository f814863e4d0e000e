package com.clinicbackbone.booking.appointment.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicbackbone.booking.appointment.PractitionerCalendar.Claim;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

class MongoPractitionerCalendarTest {

    static final Instant T16 = Instant.parse("2026-03-02T16:00:00Z");
    static final Instant T1605 = Instant.parse("2026-03-02T16:05:00Z");
    static final Instant T1610 = Instant.parse("2026-03-02T16:10:00Z");

    final MongoServer server = new MongoServer(new MemoryBackend());
    final InetSocketAddress address = server.bind();
    final MongoClient client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
    final MongoTemplate mongo = new MongoTemplate(client, "booking");
    final MongoPractitionerCalendar calendar = new MongoPractitionerCalendar(mongo);

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    List<String> holders() {
        return mongo.findAll(Document.class, MongoPractitionerCalendar.COLLECTION).stream()
                .map(claim -> claim.getString("_id") + "=" + claim.getString("appointmentId")).sorted().toList();
    }

    @Test
    void claimsAllOrNothingAndReportsTheConflictingClaim() {
        assertThat(calendar.claim("maya", List.of(T1605), "apt-a", 3)).isEmpty();

        var conflict = calendar.claim("maya", List.of(T16, T1605, T1610), "apt-b", 1);

        assertThat(conflict).contains(new Claim("maya", T1605, "apt-a", 3));
        assertThat(holders()).containsExactly("maya|2026-03-02T16:05:00Z=apt-a");
        assertThat(calendar.claim("noah", List.of(T1605), "apt-c", 1)).isEmpty();
    }

    @Test
    void releasesOnlyTheAppointmentsClaimsUpToTheRevision() {
        calendar.claim("maya", List.of(T16, T1605), "apt-a", 1);
        calendar.claim("maya", List.of(T1610), "apt-a", 2);

        calendar.release("maya", List.of(T16, T1605, T1610), "apt-b", 9);
        calendar.release("maya", List.of(T16, T1605, T1610), "apt-a", 1);

        assertThat(holders()).containsExactly("maya|2026-03-02T16:10:00Z=apt-a");
    }

    @Test
    void releasesExactlyOneClaimOnlyWhileItIsUnchanged() {
        calendar.claim("maya", List.of(T16, T1605), "apt-a", 1);

        calendar.release(new Claim("maya", T16, "apt-a", 2));
        assertThat(holders()).hasSize(2);

        calendar.release(new Claim("maya", T16, "apt-a", 1));
        assertThat(holders()).containsExactly("maya|2026-03-02T16:05:00Z=apt-a");
    }

    @Test
    void releasesClaimsStoredBeforeRevisionsWereRecorded() {
        mongo.insert(new Document("_id", "maya|" + T16).append("practitionerId", "maya").append("bucket", T16)
                .append("appointmentId", "apt-old"), MongoPractitionerCalendar.COLLECTION);
        mongo.insert(new Document("_id", "maya|" + T1605).append("practitionerId", "maya").append("bucket", T1605)
                .append("appointmentId", "apt-old"), MongoPractitionerCalendar.COLLECTION);

        assertThat(calendar.claim("maya", List.of(T16), "apt-new", 1)).contains(new Claim("maya", T16, "apt-old", 0));
        calendar.release(new Claim("maya", T16, "apt-old", 0));
        calendar.release("maya", List.of(T1605), "apt-old", 1);

        assertThat(holders()).isEmpty();
    }

    @Test
    void releasesEveryClaimOfAnAppointment() {
        calendar.claim("maya", List.of(T16, T1605), "apt-a", 1);
        calendar.claim("maya", List.of(T1610), "apt-b", 1);

        calendar.releaseAll("apt-a");

        assertThat(holders()).containsExactly("maya|2026-03-02T16:10:00Z=apt-b");
    }
}
