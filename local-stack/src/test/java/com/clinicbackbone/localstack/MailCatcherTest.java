package com.clinicbackbone.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class MailCatcherTest {

    @Test
    void handsEachCaughtMailOnceToTheConsumer() throws Exception {
        List<CapturedMail> caught = new CopyOnWriteArrayList<>();
        try (MailCatcher catcher = MailCatcher.start(0, caught::add)) {
            Session session = session(catcher.port());
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress("no-reply@clinic.example"));
            message.setRecipients(Message.RecipientType.TO, "ann@example.org, bob@example.org");
            message.setSubject("Your appointment is confirmed");
            message.setText("See you on Monday at 09:00.", "UTF-8");
            Transport.send(message);

            await().atMost(Duration.ofSeconds(5)).until(() -> !caught.isEmpty());
            Thread.sleep(600);

            assertThat(caught).singleElement().satisfies(mail -> {
                assertThat(mail.to()).isEqualTo("ann@example.org, bob@example.org");
                assertThat(mail.from()).isEqualTo("no-reply@clinic.example");
                assertThat(mail.subject()).isEqualTo("Your appointment is confirmed");
                assertThat(mail.body()).isEqualTo("See you on Monday at 09:00.");
                assertThat(mail.receivedAt()).isNotNull();
            });
        }
    }

    @Test
    void readsThePlainTextPartOfAMultipartMail() throws Exception {
        List<CapturedMail> caught = new CopyOnWriteArrayList<>();
        try (MailCatcher catcher = MailCatcher.start(0, caught::add)) {
            MimeMessage message = new MimeMessage(session(catcher.port()));
            message.setFrom(new InternetAddress("no-reply@clinic.example"));
            message.setRecipients(Message.RecipientType.TO, "ann@example.org");
            message.setSubject("Reminder");
            MimeBodyPart html = new MimeBodyPart();
            html.setContent("<p>Tomorrow</p>", "text/html; charset=UTF-8");
            MimeBodyPart plain = new MimeBodyPart();
            plain.setText("Tomorrow", "UTF-8");
            message.setContent(new MimeMultipart("alternative", html, plain));
            Transport.send(message);

            await().atMost(Duration.ofSeconds(5)).until(() -> !caught.isEmpty());

            assertThat(caught.get(0).body()).isEqualTo("Tomorrow");
        }
    }

    private static Session session(int port) {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(port));
        return Session.getInstance(props);
    }
}
