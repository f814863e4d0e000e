package com.clinicbackbone.system;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clinicbackbone.security.DemoPersona;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;

/**
 * The flows every deployment must support, across the three services, signed in as Running Shoe's front desk:
 * register a patient, book, the patient is confirmed by email and SMS, a reminder waits; cancel, the reminder is
 * withdrawn and a cancellation notice sent. And erasure: the patient's personal data leaves every service.
 */
final class BookingFlow {

    static final String SMS_PATH = "/2010-04-01/Accounts/[^/]+/Messages.json";
    private static final Duration ASYNC = Duration.ofSeconds(60);

    private final Http http = new Http();
    private final Backbone backbone;
    private final FrontDesk desk;
    private final GreenMail mail;
    private final WireMockServer sms;
    private final String frontDesk;

    BookingFlow(Backbone backbone, GreenMail mail, WireMockServer sms) {
        this.backbone = backbone;
        this.frontDesk = backbone.token(DemoPersona.FRONTDESK_RUNNING_SHOE);
        this.desk = new FrontDesk(backbone);
        this.mail = mail;
        this.sms = sms;
    }

    /**
     * Registers, books, sees the confirmations and the scheduled reminders, moves the visit (reminders re-planned,
     * change notice), cancels; returns who was registered.
     */
    PatientData registerBookConfirmCancel() {
        desk.useDayAndNightPolicy();
        PatientData patient = PatientData.distinctive();
        String patientId = desk.register(patient);
        Instant start = mayaAtRunningShoe(3, LocalTime.of(9, 0));
        String appointmentId = desk.book(patientId, start);

        await("confirmation email").atMost(ASYNC).until(() -> mailTo(patient.email(), "booked").length == 1);
        await("confirmation SMS").atMost(ASYNC).until(() -> smsTo(patient.phone()).size() == 1);
        Map<String, String> smsForm = form(smsTo(patient.phone()).get(0));
        assertThat(smsForm).containsKeys("From", "Body", "StatusCallback");
        assertThat(smsForm.get("StatusCallback")).endsWith("/api/sms/status");
        assertThat(smsForm.get("Body")).doesNotContain(patient.familyName());

        JsonNode reminders = await("reminders scheduled").atMost(ASYNC)
                .until(() -> notifications(appointmentId, "REMINDER"), list -> list.size() == 2);
        for (JsonNode reminder : reminders) {
            assertThat(reminder.get("status").asText()).isEqualTo("SCHEDULED");
            assertThat(Instant.parse(reminder.get("dueAt").asText())).isEqualTo(start.minus(24, ChronoUnit.HOURS));
        }

        Instant moved = start.plus(1, ChronoUnit.HOURS); // 10:00, still in her hours
        var rescheduled = http.post(backbone.booking("/api/appointments/" + appointmentId + "/reschedule"), frontDesk,
                Map.of("start", moved.toString()));
        assertThat(rescheduled.status()).as("reschedule: %s", rescheduled.body()).isEqualTo(200);
        assertThat(rescheduled.body().get("id").asText()).isEqualTo(appointmentId);

        await("change notices sent").atMost(ASYNC).until(() -> notifications(appointmentId, "CHANGE"),
                list -> list.size() == 2 && allHaveStatus(list, "SENT"));
        await("change email").atMost(ASYNC).until(() -> mailTo(patient.email(), "moved").length == 1);
        JsonNode movedReminders = await("reminders re-planned").atMost(ASYNC)
                .until(() -> notifications(appointmentId, "REMINDER"), list -> list.size() == 4);
        for (JsonNode reminder : movedReminders) {
            Instant due = Instant.parse(reminder.get("dueAt").asText());
            if (due.equals(start.minus(24, ChronoUnit.HOURS))) {
                assertThat(reminder.get("status").asText()).isEqualTo("CANCELLED");
            } else {
                assertThat(due).isEqualTo(moved.minus(24, ChronoUnit.HOURS));
                assertThat(reminder.get("status").asText()).isEqualTo("SCHEDULED");
            }
        }

        var cancelled = http.post(backbone.booking("/api/appointments/" + appointmentId + "/cancel"), frontDesk,
                Map.of("reason", "Called to cancel"));
        assertThat(cancelled.status()).as("cancel: %s", cancelled.body()).isEqualTo(200);
        assertThat(cancelled.body().get("status").asText()).isEqualTo("CANCELLED");

        await("reminders withdrawn").atMost(ASYNC).until(() -> notifications(appointmentId, "REMINDER"),
                list -> list.size() == 4 && allHaveStatus(list, "CANCELLED"));
        await("cancellation email").atMost(ASYNC).until(() -> mailTo(patient.email(), "cancel").length == 1);
        await("change and cancellation SMS").atMost(ASYNC).until(() -> smsTo(patient.phone()).size() == 3);
        await("cancellation notices recorded").atMost(ASYNC)
                .until(() -> notifications(appointmentId, "CANCELLATION"), list -> list.size() == 2
                        && allHaveStatus(list, "SENT"));
        assertThat(mailTo(patient.email(), "")).hasSize(3);
        return patient;
    }

    /**
     * Registers and books twice (one visit cancelled with a reason naming the patient), then erases the patient:
     * the pending reminders are withdrawn everywhere; returns who was erased.
     */
    PatientData registerBookAndErase() {
        desk.useDayAndNightPolicy();
        PatientData patient = PatientData.distinctive();
        String patientId = desk.register(patient);
        Instant start = mayaAtRunningShoe(5, LocalTime.of(13, 0));
        String kept = desk.book(patientId, start);
        String cancelled = desk.book(patientId, start.plus(2, ChronoUnit.HOURS));
        assertThat(http.post(backbone.booking("/api/appointments/" + cancelled + "/cancel"), frontDesk,
                Map.of("reason", patient.givenName() + " " + patient.familyName() + " has the flu")).status())
                .isEqualTo(200);
        await("reminders scheduled").atMost(ASYNC)
                .until(() -> notifications(kept, "REMINDER"), list -> list.size() == 2);

        var erased = http.delete(backbone.patient("/api/patients/" + patientId), frontDesk);
        assertThat(erased.status()).as("erase: %s", erased.body()).isIn(200, 204);

        await("pending reminders cancelled").atMost(ASYNC).until(() -> notifications(kept, "REMINDER"),
                list -> allHaveStatus(list, "CANCELLED"));
        assertThat(http.get(backbone.patient("/api/patients/" + patientId), frontDesk).status()).isIn(404, 410);
        return patient;
    }

    /**
     * The clinic-local time on the first day at least {@code daysAhead} days from now that Maya Chen works at Running
     * Shoe (Monday, Wednesday, Friday 08:00-16:00, break 12:00-12:30, in the seeded hours).
     */
    static Instant mayaAtRunningShoe(int daysAhead, LocalTime time) {
        ZoneId calgary = ZoneId.of("America/Edmonton");
        LocalDate day = LocalDate.now(calgary).plusDays(daysAhead);
        while (!EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY).contains(day.getDayOfWeek())) {
            day = day.plusDays(1);
        }
        return day.atTime(time).atZone(calgary).toInstant();
    }

    private static boolean allHaveStatus(JsonNode list, String status) {
        return StreamSupport.stream(list.spliterator(), false).allMatch(n -> n.get("status").asText().equals(status));
    }

    private JsonNode notifications(String appointmentId, String kind) {
        var response = http.get(backbone.notification("/api/notifications?appointmentId=" + appointmentId), frontDesk);
        assertThat(response.status()).isEqualTo(200);
        var matching = tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        response.body().forEach(n -> {
            if (n.get("kind").asText().equals(kind)) {
                matching.add(n);
            }
        });
        return matching;
    }

    private MimeMessage[] mailTo(String address, String subjectWord) {
        return Arrays.stream(mail.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().contains(address))
                        && m.getSubject().toLowerCase().contains(subjectWord);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toArray(MimeMessage[]::new);
    }

    private List<LoggedRequest> smsTo(String phone) {
        return sms.findAll(postRequestedFor(urlPathMatching(SMS_PATH))).stream()
                .filter(r -> phone.equals(form(r).get("To"))).toList();
    }

    private static Map<String, String> form(LoggedRequest request) {
        return Arrays.stream(request.getBodyAsString().split("&")).map(pair -> pair.split("=", 2))
                .collect(java.util.stream.Collectors.toMap(
                        kv -> URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv -> kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : ""));
    }
}
