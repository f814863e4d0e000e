package com.clinicbackbone.notification.delivery.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicbackbone.notification.contact.Channel;
import com.clinicbackbone.notification.delivery.Deliveries.Start;
import com.clinicbackbone.notification.delivery.Delivery;
import com.clinicbackbone.notification.delivery.DeliveryStatus;
import com.clinicbackbone.notification.delivery.ProviderStatus;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The delivery log's unique key and conditional writes, against the MongoDB wire protocol. */
class MongoDeliveriesTest {

    static final Instant NOW = Instant.parse("2026-07-10T12:00:00Z");
    static final String ID = "apt-1:REMINDER:SMS:PT24H";

    final MongoServer server = new MongoServer(new MemoryBackend());
    final MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort());
    final MongoDeliveries deliveries = new MongoDeliveries(new MongoTemplate(client, "deliveries-test"));

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void onlyTheFirstInstanceToLogAMessageMaySendIt() {
        Start first = deliveries.begin(ID, Channel.SMS, "instance-a", NOW);
        Start second = deliveries.begin(ID, Channel.SMS, "instance-b", NOW.plusSeconds(1));

        assertThat(first).isEqualTo(Start.go(1));
        assertThat(second.go()).isFalse();
        assertThat(second.existing()).satisfies(existing -> {
            assertThat(existing.status()).isEqualTo(DeliveryStatus.SENDING);
            assertThat(existing.instanceId()).isEqualTo("instance-a");
            assertThat(existing.attempts()).isEqualTo(1);
            assertThat(existing.startedAt()).isEqualTo(NOW);
        });
    }

    @Test
    void instancesRacingForOneMessageGetOneGo() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Start>> racers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String instance = "instance-" + i;
                racers.add(() -> deliveries.begin(ID, Channel.SMS, instance, NOW));
            }
            long goes = 0;
            for (Future<Start> start : pool.invokeAll(racers)) {
                goes += start.get().go() ? 1 : 0;
            }
            assertThat(goes).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRetryKeepsTheRecordAndCountsTheAttempt() {
        deliveries.begin(ID, Channel.SMS, "instance-a", NOW);
        deliveries.retry(ID, 1, "SMS provider answered 429", NOW.plusSeconds(1));

        Start again = deliveries.begin(ID, Channel.SMS, "instance-b", NOW.plusSeconds(3));
        Start meanwhile = deliveries.begin(ID, Channel.SMS, "instance-a", NOW.plusSeconds(3));
        deliveries.sent(ID, 2, "SM123", NOW.plusSeconds(4));

        assertThat(again).isEqualTo(Start.go(2));
        assertThat(meanwhile.go()).isFalse();
        assertThat(deliveries.find(ID)).get().satisfies(sent -> {
            assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
            assertThat(sent.attempts()).isEqualTo(2);
            assertThat(sent.instanceId()).isEqualTo("instance-b");
            assertThat(sent.providerMessageId()).isEqualTo("SM123");
            assertThat(sent.reason()).isNull();
        });
    }

    @Test
    void anOutcomeForAnOlderAttemptChangesNothing() {
        deliveries.begin(ID, Channel.SMS, "instance-a", NOW);
        deliveries.retry(ID, 1, "SMS provider answered 503", NOW);
        deliveries.begin(ID, Channel.SMS, "instance-b", NOW.plusSeconds(2));

        deliveries.failed(ID, 1, "late answer of attempt 1", NOW.plusSeconds(3));

        assertThat(deliveries.find(ID)).get().extracting(Delivery::status).isEqualTo(DeliveryStatus.SENDING);
    }

    @Test
    void abandonedSendingBecomesUnknownButTheSlowSendersAnswerStillWins() {
        deliveries.begin(ID, Channel.SMS, "instance-a", NOW);

        Delivery unknown = deliveries.markUnknown(ID, 1, "instance stopped", NOW.plusSeconds(70)).orElseThrow();
        assertThat(unknown.status()).isEqualTo(DeliveryStatus.UNKNOWN);
        assertThat(unknown.reason()).isEqualTo("instance stopped");
        assertThat(deliveries.begin(ID, Channel.SMS, "instance-b", NOW.plusSeconds(71)).go()).isFalse();

        deliveries.sent(ID, 1, "SM-slow", NOW.plusSeconds(72));
        assertThat(deliveries.find(ID)).get().extracting(Delivery::status).isEqualTo(DeliveryStatus.SENT);
    }

    @Test
    void aDatabaseFromBeforeGetsTheProviderMessageIdAsAUniqueKey() {
        MongoTemplate older = new MongoTemplate(client, "deliveries-before");
        older.indexOps("deliveries").createIndex(new org.springframework.data.mongodb.core.index.Index()
                .on("providerMessageId", org.springframework.data.domain.Sort.Direction.ASC).sparse());

        new MongoDeliveries(older);

        assertThat(older.indexOps("deliveries").getIndexInfo()).filteredOn(index ->
                index.isIndexForFields(List.of("providerMessageId"))).singleElement()
                .satisfies(index -> assertThat(index.isUnique()).isTrue());
    }

    @Test
    void providerStatusesNeverGoBackwards() {
        deliveries.begin(ID, Channel.SMS, "instance-a", NOW);
        deliveries.sent(ID, 1, "SM1", NOW);

        assertThat(deliveries.recordProviderStatus("SM1", ProviderStatus.QUEUED, null, NOW)).get()
                .satisfies(recorded -> assertThat(recorded.before()).isNull());
        assertThat(deliveries.recordProviderStatus("SM1", ProviderStatus.UNDELIVERED, "30003", NOW)).get()
                .satisfies(recorded -> {
                    assertThat(recorded.before()).isEqualTo(ProviderStatus.QUEUED);
                    assertThat(recorded.delivery().notificationId()).isEqualTo(ID);
                    assertThat(recorded.delivery().providerStatus()).isEqualTo(ProviderStatus.UNDELIVERED);
                    assertThat(recorded.delivery().providerErrorCode()).isEqualTo("30003");
                });
        assertThat(deliveries.recordProviderStatus("SM1", ProviderStatus.SENT, null, NOW)).isEmpty();
        assertThat(deliveries.recordProviderStatus("SM-unknown", ProviderStatus.SENT, null, NOW)).isEmpty();

        assertThat(deliveries.find(ID)).get().satisfies(d -> {
            assertThat(d.providerStatus()).isEqualTo(ProviderStatus.UNDELIVERED);
            assertThat(d.providerErrorCode()).isEqualTo("30003");
            assertThat(d.status()).isEqualTo(DeliveryStatus.SENT);
        });
    }
}
