package com.clinicbackbone.system;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** The booking flow across the three service processes on a real Kafka broker (KRaft) and the MongoDB-wire server. */
class EmbeddedBackboneSystemTest {

    static EmbeddedKafkaKraftBroker kafka;
    static MongoServer mongo;
    static GreenMail mail;
    static WireMockServer sms;
    static Backbone backbone;

    @BeforeAll
    static void startBackbone() throws Exception {
        kafka = new EmbeddedKafkaKraftBroker(1, 3);
        kafka.afterPropertiesSet();
        mongo = new MongoServer(new MemoryBackend());
        InetSocketAddress mongoAddress = mongo.bind();
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
        if (mongo != null) {
            mongo.shutdownNow();
        }
        if (kafka != null) {
            kafka.destroy();
        }
    }

    @Test
    void bookingIsConfirmedByEmailAndSmsAndCancellationWithdrawsTheReminder() {
        new BookingFlow(backbone, mail, sms).registerBookConfirmCancel();
    }
}
