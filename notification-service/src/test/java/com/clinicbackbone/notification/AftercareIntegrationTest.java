package com.clinicbackbone.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clinicbackbone.events.AppointmentBooked;
import com.clinicbackbone.events.AppointmentCompleted;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Aftercare with the configured (application.yml) prolotherapy instructions. */
class AftercareIntegrationTest extends RunningServiceTest {

    @Test
    void completedProlotherapyEmailsTheConfiguredAftercareAndNoSms() throws Exception {
        publishContact("pat-after-1", "Joy", "joy@example.org", "+15875550171", List.of("EMAIL", "SMS"), null, 1);
        awaitContact("pat-after-1");
        Instant start = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MINUTES);
        Instant end = start.plus(Duration.ofMinutes(45));
        publishAppointment(AppointmentBooked.TYPE, "apt-after-1", "running-shoe", new AppointmentBooked(
                "apt-after-1", "running-shoe", "prolotherapy", "liam-okafor", "pat-after-1", start, end, "BOOKED"), 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> byKind("apt-after-1", "CONFIRMATION").stream()
                .allMatch(n -> "SENT".equals(n.get("status"))));

        publishAppointment(AppointmentCompleted.TYPE, "apt-after-1", "running-shoe", new AppointmentCompleted(
                "apt-after-1", "running-shoe", "prolotherapy", "liam-okafor", "pat-after-1", start, end,
                "COMPLETED"), 2);

        MimeMessage aftercare = awaitEmail("joy@example.org", "Your aftercare instructions");
        assertThat(textOf(aftercare)).startsWith("Hello Joy,").contains("soreness, swelling or bruising",
                "up to a week", "Avoid strenuous activity", "ice and over-the-counter pain relief",
                "Normal activities can usually resume the next day");
        assertThat(partOf(aftercare, "text/html")).contains("soreness, swelling or bruising");
        assertThat(byKind("apt-after-1", "AFTERCARE")).singleElement()
                .satisfies(n -> assertThat(n).containsEntry("channel", "EMAIL").containsEntry("status", "SENT"));
        twilio.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES_PATH))
                .withFormParam("To", equalTo("+15875550171")));
    }
}
