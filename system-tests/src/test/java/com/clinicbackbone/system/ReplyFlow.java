package com.clinicbackbone.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clinicbackbone.localstack.RepoRoot;
import com.clinicbackbone.security.DemoPersona;
import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import tools.jackson.databind.JsonNode;

/**
 * A patient answers the clinic's SMS (Twilio's signed inbound webhook to notification-service) and the other
 * services act on it: C confirms the next appointment in booking-service, STOP withdraws the SMS consent in
 * patient-service and silences SMS, START undoes it. Forged webhooks and strangers change nothing. Signed in as
 * Running Shoe's front desk to look; the notification-service's contact copy is read from its database where no
 * API shows it.
 */
final class ReplyFlow {

    /** A number no patient of the tests has (they are +1403555....). */
    static final String STRANGER = "+15195550199";
    private static final Duration ASYNC = Duration.ofSeconds(60);

    private final Http http = new Http();
    private final Backbone backbone;
    private final FrontDesk desk;
    private final MongoClient mongo;
    private final String frontDesk;
    private final TwilioInbound inbound;

    ReplyFlow(Backbone backbone, MongoClient mongo) {
        this.backbone = backbone;
        this.mongo = mongo;
        this.frontDesk = backbone.token(DemoPersona.FRONTDESK_RUNNING_SHOE);
        this.desk = new FrontDesk(backbone);
        this.inbound = new TwilioInbound(backbone.notification("/api/sms/inbound"));
    }

    /**
     * Books, then answers by SMS: a forged STOP (403) and a stranger's C (neutral answer) change nothing; C confirms;
     * STOP opts out (consent withdrawn by SMS_REPLY, the next SMS skipped OPTED_OUT); START opts back in (the next
     * SMS is sent). Returns who was registered.
     */
    PatientData confirmStopAndStart() {
        desk.useDayAndNightPolicy();
        PatientData patient = PatientData.distinctive();
        String patientId = desk.register(patient);
        Instant start = BookingFlow.mayaAtRunningShoe(8, LocalTime.of(13, 0));
        String appointmentId = desk.book(patientId, start);
        await("confirmation SMS sent").atMost(ASYNC)
                .until(() -> status(notification(appointmentId + ":CONFIRMATION:SMS")), "SENT"::equals);

        var forged = inbound.reply(patient.phone(), "STOP", "not-the-auth-token");
        assertThat(forged.status()).as("forged STOP: %s", forged.body()).isEqualTo(403);
        assertThat(forged.body()).contains("X-Twilio-Signature");

        var stranger = inbound.reply(STRANGER, "C");
        assertThat(stranger.status()).as("stranger: %s", stranger.body()).isEqualTo(200);
        assertThat(stranger.body()).contains("To reach the clinic, please call it").doesNotContain("confirmed");

        var confirm = inbound.reply(patient.phone(), "C");
        assertThat(confirm.status()).as("C: %s", confirm.body()).isEqualTo(200);
        assertThat(confirm.body()).contains("is confirmed");
        await("booking-service confirms the appointment").atMost(ASYNC)
                .until(() -> appointment(appointmentId).get("status").asText(), "CONFIRMED"::equals);

        // the forged STOP was not applied: SMS still go out, and the SMS consent is still the one given at registration
        assertThat(status(notification(reschedule(appointmentId, start.plus(30, ChronoUnit.MINUTES)), "SENT")))
                .isEqualTo("SENT");
        assertThat(smsConsent(patientId).get("granted").asBoolean()).isTrue();
        assertThat(smsConsent(patientId).get("method").asText()).isNotEqualTo("SMS_REPLY");

        var stop = inbound.reply(patient.phone(), "STOP");
        assertThat(stop.status()).as("STOP: %s", stop.body()).isEqualTo(200);
        assertThat(stop.body()).contains("no longer receive SMS");
        await("patient-service records the withdrawal").atMost(ASYNC).until(() -> smsConsent(patientId),
                consent -> !consent.get("granted").asBoolean() && consent.get("method").asText().equals("SMS_REPLY"));
        await("notification-service hears of it").atMost(ASYNC).until(() -> !consentsInNotificationService(patientId)
                .contains("SMS"));
        JsonNode skipped = notification(reschedule(appointmentId, start.plus(60, ChronoUnit.MINUTES)), "SKIPPED");
        assertThat(skipped.get("reason").asText()).isEqualTo("OPTED_OUT");

        var startAgain = inbound.reply(patient.phone(), "START");
        assertThat(startAgain.status()).as("START: %s", startAgain.body()).isEqualTo(200);
        assertThat(startAgain.body()).contains("receive SMS from the clinic again");
        await("patient-service records the new consent").atMost(ASYNC).until(() -> smsConsent(patientId),
                consent -> consent.get("granted").asBoolean() && consent.get("method").asText().equals("SMS_REPLY"));
        await("notification-service hears of it").atMost(ASYNC).until(() -> consentsInNotificationService(patientId)
                .contains("SMS"));
        assertThat(status(notification(reschedule(appointmentId, start.plus(90, ChronoUnit.MINUTES)), "SENT")))
                .isEqualTo("SENT");
        return patient;
    }

    /**
     * compose/sms-reply.sh, run against the running notification-service, is accepted as Twilio would be: a known
     * number's free text gets the patient's help text (its From survived the form encoding), a stranger's accented
     * ARRÊT the empty answer (the UTF-8 body is signed as the service checks it), and a wrong token makes it fail on
     * the 403.
     */
    void answeredThroughComposeScript() {
        SmsReplyScript script = new SmsReplyScript(RepoRoot.find().resolve("compose").resolve("sms-reply.sh"),
                backbone.notification("/api/sms/inbound"), TwilioInbound.SIGNED_URL);
        PatientData patient = PatientData.distinctive();
        String patientId = desk.register(patient);
        await("notification-service knows the number").atMost(ASYNC)
                .until(() -> consentsInNotificationService(patientId).contains("SMS"));

        var help = script.run(TwilioInbound.AUTH_TOKEN, patient.phone(), "Hello there");
        assertThat(help.exitCode()).as(help.output()).isZero();
        assertThat(help.output()).contains("<Response><Message>Reply C to confirm your next appointment");

        var arret = script.run(TwilioInbound.AUTH_TOKEN, STRANGER, "Arrêt");
        assertThat(arret.exitCode()).as(arret.output()).isZero();
        assertThat(arret.output()).contains("<Response/>");

        var forged = script.run("not-the-auth-token", patient.phone(), "STOP");
        assertThat(forged.exitCode()).as(forged.output()).isEqualTo(1);
        assertThat(forged.output()).contains("HTTP 403");
        assertThat(smsConsent(patientId).get("granted").asBoolean()).isTrue();
    }


    /** Moves the appointment; returns the id of the change notice by SMS that the move plans. */
    private String reschedule(String appointmentId, Instant start) {
        var moved = http.post(backbone.booking("/api/appointments/" + appointmentId + "/reschedule"), frontDesk,
                Map.of("start", start.toString()));
        assertThat(moved.status()).as("reschedule: %s", moved.body()).isEqualTo(200);
        return appointmentId + ":CHANGE:SMS:r" + moved.body().get("revision").asLong();
    }

    private JsonNode appointment(String appointmentId) {
        var response = http.get(backbone.booking("/api/appointments/" + appointmentId), frontDesk);
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    /** The notification with this id once it has the given status (awaited), to look at its reason. */
    private JsonNode notification(String notificationId, String status) {
        return await("notification " + notificationId + " " + status).atMost(ASYNC)
                .until(() -> notification(notificationId), n -> status.equals(status(n)));
    }

    private JsonNode notification(String notificationId) {
        String appointmentId = notificationId.substring(0, notificationId.indexOf(':'));
        var response = http.get(backbone.notification("/api/notifications?appointmentId=" + appointmentId), frontDesk);
        assertThat(response.status()).isEqualTo(200);
        for (JsonNode n : response.body()) {
            if (n.get("id").asText().equals(notificationId)) {
                return n;
            }
        }
        return null;
    }

    private static String status(JsonNode notification) {
        return notification == null ? null : notification.get("status").asText();
    }

    private JsonNode smsConsent(String patientId) {
        var response = http.get(backbone.patient("/api/patients/" + patientId), frontDesk);
        assertThat(response.status()).isEqualTo(200);
        for (JsonNode consent : response.body().get("consents")) {
            if (consent.get("channel").asText().equals("SMS")) {
                return consent;
            }
        }
        throw new AssertionError("no SMS consent on record: " + response.body());
    }

    /** The channels notification-service's copy of the contact record consents to (no API shows it). */
    private List<String> consentsInNotificationService(String patientId) {
        Document contact = mongo.getDatabase("notifications").getCollection("contacts")
                .find(Filters.eq("_id", patientId)).first();
        return contact == null || contact.getList("consents", String.class) == null ? List.of()
                : contact.getList("consents", String.class);
    }
}
