package com.clinicbackbone.system;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The same flow against real MongoDB (a replica set, as in production) and Apache Kafka in containers.
 * Skipped cleanly where no Docker engine is available.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerBackboneSystemTest {

    @Container
    static final KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.1");
    @Container
    static final MongoDBContainer mongo = new MongoDBContainer("mongo:8.0");

    static GreenMail mail;
    static WireMockServer sms;
    static Backbone backbone;

    @BeforeAll
    static void startBackbone() throws Exception {
        mail = new GreenMail(new ServerSetup(Backbone.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        sms = SmsProviderFake.start();
        backbone = new Backbone(kafka.getBootstrapServers(), mongo::getReplicaSetUrl, mail.getSmtp().getPort(),
                sms.baseUrl());
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
    }

    @Test
    void bookingIsConfirmedCancellationWithdrawsTheReminderAndErasureReachesEveryService() {
        new BookingFlow(backbone, mail, sms).registerBookConfirmCancel();
        new BookingFlow(backbone, mail, sms).registerBookAndErase();
    }
}
