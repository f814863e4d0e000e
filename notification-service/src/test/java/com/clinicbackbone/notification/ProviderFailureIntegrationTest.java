package com.clinicbackbone.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clinicbackbone.events.AppointmentBooked;
import com.clinicbackbone.events.EventHeaders;
import com.clinicbackbone.events.NotificationFailed;
import com.clinicbackbone.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Twilio's answers as its API gives them (WireMock), seen through the notifications API and the events. */
class ProviderFailureIntegrationTest extends RunningServiceTest {

    @Test
    void rejectedNumberFailsWithItsReasonAndIsPublishedWithIdsOnly() throws Exception {
        String phone = "+15875550999";
        twilio.stubFor(post(urlPathEqualTo(MESSAGES_PATH)).withRequestBody(containing("To=%2B15875550999"))
                .atPriority(1).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"code": 21211, "message": "The 'To' number +15875550999 is not a valid phone number.",
                                 "more_info": "https://www.twilio.com/docs/errors/21211", "status": 400}""")));
        publishContact("pat-fail-1", "Hal", null, phone, List.of("SMS"), null, 1);
        awaitContact("pat-fail-1");

        publishAppointment(AppointmentBooked.TYPE, "apt-fail-1", "running-shoe", "prac-1", "pat-fail-1",
                Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MINUTES), 1);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(byKind("apt-fail-1", "CONFIRMATION"))
                .filteredOn(n -> "SMS".equals(n.get("channel"))).singleElement().satisfies(sms -> assertThat(sms)
                        .containsEntry("status", "FAILED").containsEntry("attempts", 1)
                        .containsEntry("reason", "SMS provider answered 400 (Twilio error 21211)")
                        .containsEntry("failureCode", "PROVIDER_REJECTED")));
        // the topic also carries the SMS replies of other tests: this notification's events only
        List<ConsumerRecord<String, byte[]>> records = awaitNotificationEvents("apt-fail-1:CONFIRMATION:SMS", 1);
        assertThat(records).hasSize(1);
        ConsumerRecord<String, byte[]> record = records.get(0);
        String payload = new String(record.value(), StandardCharsets.UTF_8);
        assertThat(record.key()).isEqualTo("apt-fail-1:CONFIRMATION:SMS");
        assertThat(new String(record.headers().lastHeader(EventHeaders.TYPE).value(), StandardCharsets.UTF_8))
                .isEqualTo(NotificationFailed.TYPE);
        assertThat(json.readValue(payload, NotificationFailed.class)).isEqualTo(new NotificationFailed(
                "apt-fail-1:CONFIRMATION:SMS", "apt-fail-1", "pat-fail-1", "running-shoe", "CONFIRMATION",
                "SMS", "PROVIDER_REJECTED", "21211", 1));
        assertThat(payload).doesNotContain("5875550999", "Hal");
    }

    @Test
    void rateLimitedSmsIsSentOnceTheProviderAcceptsIt() throws Exception {
        twilio.stubFor(post(urlPathEqualTo(MESSAGES_PATH)).withRequestBody(containing("To=%2B15875550888"))
                .inScenario("rate limit").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willSetStateTo("limited once").atPriority(1)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/json").withBody("""
                                {"code": 20429, "message": "Too Many Requests",
                                 "more_info": "https://www.twilio.com/docs/errors/20429", "status": 429}""")));
        publishContact("pat-fail-2", "Ivy", null, "+15875550888", List.of("SMS"), null, 1);
        awaitContact("pat-fail-2");

        publishAppointment(AppointmentBooked.TYPE, "apt-fail-2", "running-shoe", "prac-1", "pat-fail-2",
                Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MINUTES), 1);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(byKind("apt-fail-2", "CONFIRMATION"))
                .filteredOn(n -> "SMS".equals(n.get("channel"))).singleElement().satisfies(sms -> assertThat(sms)
                        .containsEntry("status", "SENT").containsEntry("attempts", 2)));
        twilio.verify(2, postRequestedFor(urlPathEqualTo(MESSAGES_PATH)).withRequestBody(containing("To=%2B15875550888")));
    }
}
