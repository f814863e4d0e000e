package com.clinicbackbone.booking.appointment.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicbackbone.booking.appointment.PractitionerCalendar.Claim;
import com.clinicbackbone.booking.appointment.PractitionerCalendar.Conflict;
import com.clinicbackbone.booking.appointment.PractitionerCalendar.Snapshot;
import com.clinicbackbone.booking.appointment.PractitionerCalendar.Span;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

class MongoPractitionerCalendarTest {

    /** 09:00 in Edmonton (MST) on Monday 2 March 2026. */
    static final Instant T16 = Instant.parse("2026-03-02T16:00:00Z");

    final MongoServer server = new MongoServer(new MemoryBackend());
    final InetSocketAddress address = server.bind();
    final MongoClient client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
    final MongoTemplate mongo = new MongoTemplate(client, "booking");
    final MongoPractitionerCalendar calendar = new MongoPractitionerCalendar(mongo, "America/Edmonton");

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    static Claim claim(String owner, int fromMinute, int toMinute, String appointmentId, long revision) {
        return new Claim(owner, T16.plus(Duration.ofMinutes(fromMinute)), T16.plus(Duration.ofMinutes(toMinute)),
                appointmentId, revision);
    }

    Optional<Conflict> claim(Claim... wanted) {
        List<Span> spans = List.of(wanted).stream().map(it -> new Span(it.owner(), it.start(), it.end())).toList();
        return calendar.claim(calendar.read(spans), List.of(wanted));
    }

    List<Claim> claimsOf(String owner) {
        return calendar.read(List.of(new Span(owner, T16.minus(Duration.ofDays(2)), T16.plus(Duration.ofDays(2)))))
                .claims(owner, T16.minus(Duration.ofDays(2)), T16.plus(Duration.ofDays(2)));
    }

    @Test
    void claimsAllOrNothingAndReportsTheConflictingClaim() {
        assertThat(claim(claim("maya", 5, 10, "apt-a", 3))).isEmpty();

        var conflict = claim(claim("noah", 0, 15, "apt-b", 1), claim("maya", 0, 15, "apt-b", 1));

        assertThat(conflict).contains(new Conflict(claim("maya", 0, 15, "apt-b", 1), claim("maya", 5, 10, "apt-a", 3)));
        assertThat(claimsOf("maya")).containsExactly(claim("maya", 5, 10, "apt-a", 3));
        assertThat(claimsOf("noah")).isEmpty();
        assertThat(claim(claim("maya", 10, 15, "apt-c", 1), claim("maya", 0, 5, "apt-d", 1))).isEmpty();
        assertThat(claimsOf("maya")).hasSize(3);
    }

    @Test
    void keepsOneDocumentPerOwnerAndDayWhoseVersionEveryClaimRaises() {
        claim(claim("maya", 0, 30, "apt-a", 1));
        long first = day("maya|2026-03-02").get("version", Number.class).longValue();
        claim(claim("maya", 30, 60, "apt-b", 1));

        Document day = day("maya|2026-03-02");
        assertThat(day.get("version", Number.class).longValue()).isEqualTo(first + 1);
        assertThat(day.getList("intervals", Document.class)).hasSize(2);
        assertThat(mongo.getCollection(MongoPractitionerCalendar.COLLECTION).countDocuments()).isEqualTo(1);
    }

    @Test
    void aClaimReadBeforeAnotherWasMadeChecksAgainAndSeesIt() {
        Snapshot stale = calendar.read(List.of(new Span("maya", T16, T16.plus(Duration.ofHours(1)))));
        claim(claim("maya", 0, 30, "apt-a", 1));

        var conflict = calendar.claim(stale, List.of(claim("maya", 15, 45, "apt-b", 1)));

        assertThat(conflict).get().extracting(Conflict::holder).isEqualTo(claim("maya", 0, 30, "apt-a", 1));
        assertThat(calendar.claim(stale, List.of(claim("maya", 30, 45, "apt-b", 1)))).isEmpty();
        assertThat(claimsOf("maya")).hasSize(2);
    }

    @Test
    void anIntervalCrossingTheCalendarsMidnightIsKeptOnBothDaysAndSeenFromEither() {
        // 23:30-00:30 in Edmonton: the end of 2 March and the start of 3 March
        Instant lateEvening = Instant.parse("2026-03-03T06:30:00Z");
        Claim crossing = new Claim("maya", lateEvening, lateEvening.plus(Duration.ofHours(1)), "apt-a", 1);
        claim(crossing);

        assertThat(day("maya|2026-03-02").getList("intervals", Document.class)).hasSize(1);
        assertThat(day("maya|2026-03-03").getList("intervals", Document.class)).hasSize(1);
        Claim nextMorning = new Claim("maya", lateEvening.plus(Duration.ofMinutes(45)),
                lateEvening.plus(Duration.ofMinutes(75)), "apt-b", 1);
        assertThat(claim(nextMorning)).get().extracting(Conflict::holder).isEqualTo(crossing);
        assertThat(claimsOf("maya")).containsExactly(crossing);

        calendar.release(List.of("maya"), crossing.start(), crossing.end(), "apt-a", 1);
        assertThat(claimsOf("maya")).isEmpty();
    }

    @Test
    void anAppointmentsOlderRevisionDoesNotBlockItsReschedule() {
        claim(claim("maya", 0, 30, "apt-a", 1));

        assertThat(claim(claim("maya", 15, 45, "apt-a", 2))).isEmpty();
        assertThat(claim(claim("maya", 15, 45, "apt-a", 2))).isPresent(); // the same revision twice: taken
        calendar.release(List.of("maya"), T16, T16.plus(Duration.ofMinutes(30)), "apt-a", 1);

        assertThat(claimsOf("maya")).containsExactly(claim("maya", 15, 45, "apt-a", 2));
    }

    @Test
    void releasesOnlyTheAppointmentsClaimsUpToTheRevisionOrExactlyOne() {
        claim(claim("maya", 0, 10, "apt-a", 1));
        claim(claim("maya", 10, 15, "apt-a", 2));
        claim(claim("maya", 20, 30, "apt-b", 1));

        calendar.release(List.of("maya"), T16, T16.plus(Duration.ofHours(1)), "apt-c", 9);
        calendar.release(List.of("maya"), T16, T16.plus(Duration.ofHours(1)), "apt-a", 1);
        assertThat(claimsOf("maya")).containsExactly(claim("maya", 10, 15, "apt-a", 2), claim("maya", 20, 30, "apt-b", 1));

        calendar.release(claim("maya", 20, 30, "apt-b", 2));
        calendar.release(claim("maya", 20, 30, "apt-b", 1));
        assertThat(claimsOf("maya")).containsExactly(claim("maya", 10, 15, "apt-a", 2));
    }

    @Test
    void ofManyConcurrentOverlappingClaimsExactlyOneWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Optional<Conflict>>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                Claim wanted = claim("maya", i % 4 * 10, i % 4 * 10 + 45, "apt-" + i, 1);
                results.add(pool.submit(() -> claim(wanted)));
            }
            int won = 0;
            for (Future<Optional<Conflict>> result : results) {
                won += result.get().isEmpty() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
            assertThat(claimsOf("maya")).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void removesTheDaysBeforeAnInstantOnly() {
        claim(claim("maya", 0, 30, "apt-a", 1));
        claim(new Claim("maya", T16.plus(Duration.ofDays(1)), T16.plus(Duration.ofDays(1)).plusSeconds(600), "apt-b",
                1));

        assertThat(calendar.removeDaysBefore(T16.plus(Duration.ofDays(1)), 10)).isEqualTo(1);

        assertThat(claimsOf("maya")).extracting(Claim::appointmentId).containsExactly("apt-b");
    }

    private Document day(String id) {
        return mongo.getCollection(MongoPractitionerCalendar.COLLECTION).find(new Document("_id", id)).first();
    }
}
