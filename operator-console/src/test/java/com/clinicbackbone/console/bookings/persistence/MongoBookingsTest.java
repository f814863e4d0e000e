package com.clinicbackbone.console.bookings.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoClientSettings;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

class MongoBookingsTest {

    private static final LocalDate MONDAY = LocalDate.of(2026, 12, 7);

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final List<BsonDocument> commands = new CopyOnWriteArrayList<>();
    private final MongoClient client = MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(server.bindAndGetConnectionString()))
            .addCommandListener(new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent event) {
                    if (List.of("find", "update", "count", "aggregate").contains(event.getCommandName())) {
                        commands.add(event.getCommand().clone());
                    }
                }
            }).build());
    private final MongoBookings store = new MongoBookings(new MongoTemplate(client, "console"));

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void countsEachAppointmentOnceEvenWhenItsEventIsReadAgain() {
        store.recordBooked("a-1", "running-shoe", MONDAY);
        store.recordBooked("a-2", "running-shoe", MONDAY);
        store.recordBooked("a-1", "running-shoe", MONDAY);
        store.recordBooked("a-3", "calgary-concussion", MONDAY);
        store.recordBooked("a-4", "running-shoe", MONDAY.plusDays(1));

        assertThat(store.bookedOn(MONDAY, List.of("running-shoe", "calgary-concussion", "integrative-pain")))
                .containsExactly(Map.entry("running-shoe", 2L), Map.entry("calgary-concussion", 1L),
                        Map.entry("integrative-pain", 0L));
    }

    @Test
    void recordsAndReadsByKeyWithOneRoundTripEach() {
        store.recordBooked("a-1", "running-shoe", MONDAY);
        store.bookedOn(MONDAY, List.of("running-shoe", "calgary-concussion"));

        assertThat(commands).hasSize(2);
        assertThat(commands.get(0).getArray("updates").get(0).asDocument().getDocument("q").toJson())
                .isEqualTo("{\"_id\": \"running-shoe|2026-12-07\"}");
        assertThat(commands.get(1).getDocument("filter").toJson())
                .isEqualTo("{\"_id\": {\"$in\": [\"running-shoe|2026-12-07\", \"calgary-concussion|2026-12-07\"]}}");
    }
}
