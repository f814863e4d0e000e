package com.clinicbackbone.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clinicbackbone.events.Topics;
import com.clinicbackbone.localstack.RepoRoot;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The flows across the three service processes (and the issuer) on a real Kafka broker (KRaft) and the
 * MongoDB-wire server; then a search for the patients' personal data where it must not be.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedBackboneSystemTest {

    static final List<String> DATABASES = List.of("booking", "patients", "notifications");
    static final List<PatientData> patients = new CopyOnWriteArrayList<>();

    static EmbeddedKafkaKraftBroker kafka;
    static MongoServer mongo;
    static MongoClient mongoClient;
    static GreenMail mail;
    static WireMockServer sms;
    static Backbone backbone;

    @BeforeAll
    static void startBackbone() throws Exception {
        kafka = new EmbeddedKafkaKraftBroker(1, 3);
        kafka.afterPropertiesSet();
        mongo = new MongoServer(new MemoryBackend());
        InetSocketAddress mongoAddress = mongo.bind();
        mongoClient = MongoClients.create("mongodb://127.0.0.1:" + mongoAddress.getPort());
        mail = new GreenMail(new ServerSetup(Backbone.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        sms = SmsProviderFake.start();
        backbone = new Backbone(kafka.getBrokersAsString(),
                db -> "mongodb://127.0.0.1:" + mongoAddress.getPort() + "/" + db,
                mail.getSmtp().getPort(), sms.baseUrl());
    }

    @AfterAll
    static void stopBackbone() {
        if (backbone != null) {
            backbone.close();
        }
        if (sms != null) {
            sms.stop();
        }
        if (mail != null) {
            mail.stop();
        }
        if (mongoClient != null) {
            mongoClient.close();
        }
        if (mongo != null) {
            mongo.shutdownNow();
        }
        if (kafka != null) {
            kafka.destroy();
        }
    }

    @Test
    @Order(1)
    void bookingIsConfirmedByEmailAndSmsAndCancellationWithdrawsTheReminder() {
        patients.add(new BookingFlow(backbone, mail, sms).registerBookConfirmCancel());
    }

    @Test
    @Order(2)
    void erasureLeavesNothingPersonalInAnyServiceDatabase() {
        PatientData erased = new BookingFlow(backbone, mail, sms).registerBookAndErase();
        patients.add(erased);

        await("personal data gone from every database").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(PersonalDataScan.inMongo(mongoClient, DATABASES, erased.personalValues())).isEmpty());
    }

    @Test
    @Order(3)
    void noPersonalDataOnKafkaOutsideTheContactTopicNorInServiceLogs() {
        assertThat(patients).isNotEmpty();
        List<String> values = patients.stream().flatMap(p -> p.personalValues().stream()).toList();

        assertThat(PersonalDataScan.inKafka(kafka.getBrokersAsString(), Topics.PATIENT_CONTACTS, values)).isEmpty();
        assertThat(PersonalDataScan.inLogs(Path.of("target", "service-logs"), values)).isEmpty();
    }

    @Test
    @Order(4)
    void smsRepliesConfirmOptOutAndOptBackInAcrossServices() {
        PatientData patient = new ReplyFlow(backbone, mongoClient).confirmStopAndStart();

        List<String> numbers = List.of(patient.phone(), ReplyFlow.STRANGER);
        assertThat(PersonalDataScan.inKafka(kafka.getBrokersAsString(), Topics.PATIENT_CONTACTS, numbers)).isEmpty();
        assertThat(PersonalDataScan.inLogs(Path.of("target", "service-logs"), numbers)).isEmpty();
    }

    @Test
    @Order(5)
    void composeSmsReplyScriptIsAcceptedByNotificationService() {
        new ReplyFlow(backbone, mongoClient).answeredThroughComposeScript();
    }

    @Test
    @Order(6)
    void aCancellationIsOfferedToTheWaitlistByTextAndTakenWithY() {
        new WaitlistFlow(backbone, sms).cancellationOfferedAndTakenBySms();
    }

    @Test
    @Order(7)
    void anUnansweredWaitlistOfferExpiresAndGoesToTheNextPatient() {
        new WaitlistFlow(backbone, sms).unansweredOfferExpiresAndGoesToTheNextPatient();
    }

    @Test
    @Order(90)
    void everyDashboardAndAlertQueryNamesAMetricTheServicesExport() {
        DashboardMetrics.assertEveryQueryNamesAnExportedMetric(backbone);
    }

    /** Every event the services published during the flows is one docs/api/events.asyncapi.yaml documents. */
    @Test
    @Order(96)
    void everyPublishedEventKeepsTheEventContract() {
        EventContract.Check check = new EventContract(RepoRoot.find().resolve(AsyncApiDocument.FILE))
                .everyRecordOn(kafka.getBrokersAsString());

        System.out.println(check.records() + " events checked against " + AsyncApiDocument.FILE);
        assertThat(check.records()).as("events published by the flows").isGreaterThan(10);
        assertThat(check.violations()).isEmpty();
    }

    /** The flows' calls were checked against the services' OpenAPI documents (Http fails a call that breaks one). */
    @Test
    @Order(95)
    void everyServiceWasCalledUnderItsOpenApiContract() {
        backbone.contracts.forEach(contract -> System.out.println(contract.name() + ": " + contract.checked()
                + " exchanges checked, " + contract.covered()));
        assertThat(backbone.contracts).allSatisfy(contract -> assertThat(contract.checked())
                .as("exchanges checked against %s", contract.name()).isPositive());
    }
}
