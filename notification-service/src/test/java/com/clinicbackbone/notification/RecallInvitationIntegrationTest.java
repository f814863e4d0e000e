package com.clinicbackbone.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.clinicbackbone.events.Envelope;
import com.clinicbackbone.events.RecallClosed;
import com.clinicbackbone.events.RecallOpened;
import com.clinicbackbone.events.Topics;
import com.clinicbackbone.notification.policy.ReminderPolicy;
import com.clinicbackbone.security.DemoPersona;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * Issue 13's recall invitations: a recall opened in booking-service is followed, per the clinic's recall policy, by an
 * invitation to book (email and SMS by the patient's channels and consents; no treatment named, the booking link) once
 * a period and a set number of times; its closing withdraws the rest; a clinic may switch them off.
 */
class RecallInvitationIntegrationTest extends RunningServiceTest {

    @AfterEach
    void restoreTheSeededPolicy() {
        policies.save("calgary-concussion", ReminderPolicy.defaults("CC Clinic"));
    }

    @Test
    void anOpenRecallInvitesThePatientOncePerPeriodUntilItCloses() throws Exception {
        publishContact("pat-rc-1", "Gil", "gil.rc@example.org", "+15875550401", List.of("EMAIL", "SMS"), null, 1);
        awaitContact("pat-rc-1");
        // opened 14 days ago (the default period): the first invitation is due now, the second in 14 days
        Instant openedAt = Instant.now().minus(Duration.ofDays(14)).truncatedTo(ChronoUnit.MILLIS);

        publishRecall(RecallOpened.TYPE, "treatment:apt-rc-1:prolotherapy", new RecallOpened(
                "treatment:apt-rc-1:prolotherapy", "pat-rc-1", "running-shoe", "prolotherapy", "liam-okafor",
                RecallOpened.TREATMENT_NOT_BOOKED, "apt-rc-1", null, openedAt));

        var email = awaitEmail("gil.rc@example.org", "Time to book your next visit");
        assertThat(textOf(email)).contains("Running Shoe Restorative Healthcare", "http://127.0.0.1:8090/")
                .doesNotContainIgnoringCase("prolotherapy");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(recallMessages("1"))
                .hasSize(2).allSatisfy(message -> assertThat(message).containsEntry("status", "SENT")));
        assertThat(twilio.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(MESSAGES_PATH))).stream()
                .map(request -> request.getBodyAsString()).filter(body -> body.contains("5875550401")).toList())
                .singleElement().asString().contains("time+to+book+your+next+visit");
        assertThat(recallMessages("2")).hasSize(2).allSatisfy(message -> {
            assertThat(message).containsEntry("status", "SCHEDULED");
            assertThat(Instant.parse((String) message.get("dueAt"))).isEqualTo(openedAt.plus(Duration.ofDays(28)));
        });

        publishRecall(RecallClosed.TYPE, "treatment:apt-rc-1:prolotherapy", new RecallClosed(
                "treatment:apt-rc-1:prolotherapy", "pat-rc-1", "running-shoe", RecallClosed.BOOKED, Instant.now()));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(recallMessages("2")).hasSize(2)
                .allSatisfy(message -> assertThat(message).containsEntry("status", "CANCELLED")
                        .containsEntry("reason", "recall closed")));
    }

    @Test
    void aClinicThatSwitchedRecallsOffInvitesNobody() throws Exception {
        mvc.perform(put("/api/clinics/calgary-concussion/reminder-policy")
                        .header("Authorization", bearer(DemoPersona.FRONTDESK_CALGARY_CONCUSSION))
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"confirmations":{"booked":true,"changed":true,"cancelled":true},"reminders":[],
                                 "aftercare":false,"quietHours":{"start":"21:00","end":"08:00"},"senderName":"CC Clinic",
                                 "recall":{"enabled":false,"every":"P7D","times":3}}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.recall.enabled").value(false))
                .andExpect(jsonPath("$.recall.every").value("PT168H"));
        mvc.perform(put("/api/clinics/calgary-concussion/reminder-policy")
                        .header("Authorization", bearer(DemoPersona.FRONTDESK_CALGARY_CONCUSSION))
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"confirmations":{"booked":true,"changed":true,"cancelled":true},"reminders":[],
                                 "aftercare":false,"quietHours":{"start":"21:00","end":"08:00"},"senderName":"CC Clinic",
                                 "recall":{"enabled":true,"every":"PT5M","times":11}}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder(
                        "recall.every", "recall.times")));

        publishRecall(RecallOpened.TYPE, "session:apt-rc-2", new RecallOpened("session:apt-rc-2", "pat-rc-2",
                "calgary-concussion", "concussion-follow-up", "noah-tremblay", RecallOpened.SESSION_NOT_BOOKED,
                "apt-rc-2", "course-rc-2", Instant.now()));
        // a later event of the same partition shows the first was handled
        publishRecall(RecallOpened.TYPE, "session:apt-rc-2", new RecallOpened("session:apt-rc-2", "pat-rc-2",
                "calgary-concussion", "concussion-follow-up", "noah-tremblay", RecallOpened.SESSION_NOT_BOOKED,
                "apt-rc-2", "course-rc-2", Instant.now()));
        Thread.sleep(2000);
        assertThat(notifications("appointmentId=session:apt-rc-2", DemoPersona.FRONTDESK_CALGARY_CONCUSSION))
                .isEmpty();
    }

    private List<Map<String, Object>> recallMessages(String number) throws Exception {
        return byKind("treatment:apt-rc-1:prolotherapy", "RECALL").stream()
                .filter(message -> ((String) message.get("id")).endsWith(":" + number)).toList();
    }

    private void publishRecall(String type, String recallId, Object event) {
        publish(Topics.RECALLS, Envelope.of(type, "/booking-service", Instant.now(), recallId, "running-shoe", 1),
                json.writeValueAsBytes(event));
    }
}
