package com.clinicbackbone.notification.notification.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.clinicbackbone.notification.notification.DeliveryException;
import com.clinicbackbone.notification.notification.EmailMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

class SmtpEmailSenderTest {

    static final EmailMessage MESSAGE = new EmailMessage("pat@example.test", "Your visit", "See you soon",
            "<p>See you soon</p>", null);

    final Deque<AutoCloseable> toClose = new ArrayDeque<>();

    @AfterEach
    void closeAll() throws Exception {
        while (!toClose.isEmpty()) {
            toClose.pop().close();
        }
    }

    @Test
    void manyEmailsGoOverOneKeptConnectionAndAllArrive() throws Exception {
        GreenMail greenMail = greenMail();
        CountingProxy proxy = closing(new CountingProxy(greenMail.getSmtp().getPort()));
        SmtpEmailSender sender = sender(proxy.port(), Duration.ofMinutes(1));

        for (int i = 0; i < 30; i++) {
            sender.send(MESSAGE);
        }

        assertThat(greenMail.getReceivedMessages()).hasSize(30);
        assertThat(proxy.opened).hasValue(1);
    }

    @Test
    void concurrentSendersUseAtMostOneConnectionEach() throws Exception {
        GreenMail greenMail = greenMail();
        CountingProxy proxy = closing(new CountingProxy(greenMail.getSmtp().getPort()));
        SmtpEmailSender sender = sender(proxy.port(), Duration.ofMinutes(1));
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> sends = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                sends.add(threads.submit(() -> sender.send(MESSAGE)));
            }
            for (Future<?> send : sends) {
                send.get();
            }
        } finally {
            threads.shutdown();
        }

        assertThat(greenMail.getReceivedMessages()).hasSize(80);
        assertThat(proxy.opened.get()).isBetween(1, 4);
    }

    @Test
    void aKeptConnectionTheServerDroppedIsReplacedWithoutLosingTheEmail() throws Exception {
        GreenMail greenMail = greenMail();
        CountingProxy proxy = closing(new CountingProxy(greenMail.getSmtp().getPort()));
        SmtpEmailSender sender = sender(proxy.port(), Duration.ofMinutes(1));
        sender.send(MESSAGE);

        proxy.cutAll();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(proxy.closed).hasValue(1));
        sender.send(MESSAGE);

        assertThat(greenMail.getReceivedMessages()).hasSize(2);
        assertThat(proxy.opened).hasValue(2);
    }

    @Test
    void aConnectionIdleForTheTimeoutIsClosedAndTheNextEmailOpensANewOne() throws Exception {
        GreenMail greenMail = greenMail();
        CountingProxy proxy = closing(new CountingProxy(greenMail.getSmtp().getPort()));
        SmtpEmailSender sender = sender(proxy.port(), Duration.ofMillis(300));
        sender.send(MESSAGE);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(proxy.closed).hasValue(1));
        sender.send(MESSAGE);

        assertThat(greenMail.getReceivedMessages()).hasSize(2);
        assertThat(proxy.opened).hasValue(2);
    }

    @Test
    void closingTheSenderClosesItsConnections() throws Exception {
        GreenMail greenMail = greenMail();
        CountingProxy proxy = closing(new CountingProxy(greenMail.getSmtp().getPort()));
        SmtpEmailSender sender = sender(proxy.port(), Duration.ofMinutes(1));
        sender.send(MESSAGE);

        sender.close();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(proxy.closed).hasValue(1));
    }

    @Test
    void answerLostAfterTheMessageDataIsAnUnknownOutcomeNotRetried() throws Exception {
        ScriptedSmtpServer server = closing(new ScriptedSmtpServer());
        server.endOfDataReply = null; // hangs up instead of answering 250

        DeliveryException failure = sendFailing(sender(server.port(), Duration.ofMinutes(1)));

        assertThat(failure.outcomeUnknown()).isTrue();
        assertThat(failure.isPermanent()).isFalse();
        assertThat(server.connections).hasValue(1); // not tried again on a new connection
    }

    @Test
    void answerLostOnAKeptConnectionAfterTheDataIsAlsoUnknownNotRetried() throws Exception {
        ScriptedSmtpServer server = closing(new ScriptedSmtpServer());
        SmtpEmailSender sender = sender(server.port(), Duration.ofMinutes(1));
        sender.send(MESSAGE);
        server.endOfDataReply = null;

        DeliveryException failure = sendFailing(sender);

        assertThat(failure.outcomeUnknown()).isTrue();
        assertThat(server.connections).hasValue(1);
    }

    @Test
    void temporaryRefusalOfTheRecipientIsRetryable() throws Exception {
        ScriptedSmtpServer server = closing(new ScriptedSmtpServer());
        server.rcptReply = "451 4.3.0 try again later";

        DeliveryException failure = sendFailing(sender(server.port(), Duration.ofMinutes(1)));

        assertThat(failure.outcomeUnknown()).isFalse();
        assertThat(failure.isPermanent()).isFalse();
        assertThat(failure.getMessage()).contains("451").doesNotContain("pat@example.test");
    }

    @Test
    void permanentRefusalOfTheRecipientFailsForGood() throws Exception {
        ScriptedSmtpServer server = closing(new ScriptedSmtpServer());
        server.rcptReply = "550 5.1.1 <pat@example.test> no such user";

        DeliveryException failure = sendFailing(sender(server.port(), Duration.ofMinutes(1)));

        assertThat(failure.isPermanent()).isTrue();
        assertThat(failure.outcomeUnknown()).isFalse();
        assertThat(failure.getMessage()).contains("550").doesNotContain("pat@example.test");
    }

    @Test
    void temporaryRefusalAfterTheDataIsRetryableAndPermanentRefusalFailsForGood() throws Exception {
        ScriptedSmtpServer server = closing(new ScriptedSmtpServer());
        SmtpEmailSender sender = sender(server.port(), Duration.ofMinutes(1));

        server.endOfDataReply = "452 4.3.1 insufficient storage";
        DeliveryException temporary = sendFailing(sender);
        server.endOfDataReply = "554 5.7.1 rejected";
        DeliveryException permanent = sendFailing(sender);

        assertThat(temporary.isPermanent()).isFalse();
        assertThat(temporary.outcomeUnknown()).isFalse();
        assertThat(permanent.isPermanent()).isTrue();
        assertThat(permanent.outcomeUnknown()).isFalse();
    }

    @Test
    void serverNotReachableIsRetryable() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }

        DeliveryException failure = sendFailing(sender(closedPort, Duration.ofMinutes(1)));

        assertThat(failure.isPermanent()).isFalse();
        assertThat(failure.outcomeUnknown()).isFalse();
    }

    private static DeliveryException sendFailing(SmtpEmailSender sender) {
        return catchThrowableOfType(DeliveryException.class, () -> sender.send(MESSAGE));
    }

    private GreenMail greenMail() {
        GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
        toClose.push(greenMail::stop);
        return greenMail;
    }

    private SmtpEmailSender sender(int port, Duration idleTimeout) {
        JavaMailSenderImpl mail = new JavaMailSenderImpl();
        mail.setHost("127.0.0.1");
        mail.setPort(port);
        Properties properties = new Properties();
        properties.put("mail.smtp.connectiontimeout", "2000");
        properties.put("mail.smtp.timeout", "2000");
        mail.setJavaMailProperties(properties);
        return closing(new SmtpEmailSender(mail, "Clinic <clinic@example.test>", Clock.systemUTC(),
                idleTimeout));
    }

    private <T extends AutoCloseable> T closing(T closeable) {
        toClose.push(closeable);
        return closeable;
    }
}
