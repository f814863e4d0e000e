package com.clinicbackbone.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.clinicbackbone.events.AppointmentBooked;
import com.clinicbackbone.events.AppointmentCancelled;
import com.clinicbackbone.events.AppointmentCheckedIn;
import com.clinicbackbone.events.AppointmentCompleted;
import com.clinicbackbone.events.AppointmentConfirmed;
import com.clinicbackbone.events.AppointmentNoShow;
import com.clinicbackbone.events.AppointmentRescheduled;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** Moves and status changes from clinic.appointments.v1, seen through GET /api/notifications. */
class AppointmentLifecycleIntegrationTest extends RunningServiceTest {

    @Test
    void moveCancelsTheOldRemindersPlansNewOnesAndSendsChangeNoticesOnceWhateverIsRedelivered() throws Exception {
        publishContact("pat-move-1", "Eve", "eve@example.org", "+15875550161", List.of("EMAIL", "SMS"), null, 1);
        awaitContact("pat-move-1");
        Instant start = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MINUTES);
        Instant newStart = start.plus(Duration.ofDays(2)).plus(Duration.ofHours(1));
        publishAppointment(AppointmentBooked.TYPE, "apt-move-1", "running-shoe", "prac-1", "pat-move-1", start, 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> sent(byKind("apt-move-1", "CONFIRMATION")) == 2);

        publishAppointment(AppointmentRescheduled.TYPE, "apt-move-1", "running-shoe", moved(start, newStart), 2);

        MimeMessage notice = awaitEmail("eve@example.org", "Your appointment was moved");
        assertThat(textOf(notice)).startsWith("Hello Eve,").contains("was moved to")
                .doesNotContain("prolotherapy");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> twilio.verify(1, postRequestedFor(
                urlPathEqualTo(MESSAGES_PATH)).withFormParam("To", equalTo("+15875550161"))
                .withFormParam("Body", containing("RS Clinic: your appointment was moved to"))));
        await().atMost(Duration.ofSeconds(30)).until(() -> sent(byKind("apt-move-1", "CHANGE")) == 2);
        assertThat(byKind("apt-move-1", "CHANGE")).extracting(n -> n.get("id"))
                .containsExactlyInAnyOrder("apt-move-1:CHANGE:EMAIL:r2", "apt-move-1:CHANGE:SMS:r2");
        assertThat(byKind("apt-move-1", "REMINDER")).hasSize(4)
                .filteredOn(n -> "SCHEDULED".equals(n.get("status")))
                .extracting(n -> n.get("id"), n -> n.get("dueAt"))
                .containsExactlyInAnyOrder(
                        tuple("apt-move-1:REMINDER:EMAIL:PT24H:r2",
                                newStart.minus(Duration.ofHours(24)).toString()),
                        tuple("apt-move-1:REMINDER:SMS:PT24H:r2",
                                newStart.minus(Duration.ofHours(24)).toString()));
        assertThat(byKind("apt-move-1", "REMINDER")).filteredOn(n -> !"SCHEDULED".equals(n.get("status")))
                .extracting(n -> n.get("id"), n -> n.get("status"), n -> n.get("reason"))
                .containsExactlyInAnyOrder(
                        tuple("apt-move-1:REMINDER:EMAIL:PT24H", "CANCELLED",
                                "appointment moved"),
                        tuple("apt-move-1:REMINDER:SMS:PT24H", "CANCELLED",
                                "appointment moved"));
        List<Map<String, Object>> afterMove = notifications("appointmentId=apt-move-1");
        assertThat(afterMove).hasSize(8);

        // the move redelivered (same revision, new event id), the booking arriving late, then a confirmation:
        // one partition per appointment keeps them in this order, so the confirmation marks the end
        publishAppointment(AppointmentRescheduled.TYPE, "apt-move-1", "running-shoe", moved(start, newStart), 2);
        publishAppointment(AppointmentBooked.TYPE, "apt-move-1", "running-shoe", "prac-1", "pat-move-1", start, 1);
        publishAppointment(AppointmentConfirmed.TYPE, "apt-move-1", "running-shoe", "prac-1", "pat-move-1",
                newStart, 3);
        await().atMost(Duration.ofSeconds(30)).until(() -> revisionOf("apt-move-1") == 3);

        assertThat(notifications("appointmentId=apt-move-1")).as("nothing changed, reminders kept when confirmed")
                .isEqualTo(afterMove);
        assertThat(emailsTo("eve@example.org", "Your appointment was moved")).isEqualTo(1);
        twilio.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES_PATH)).withFormParam("To", equalTo("+15875550161"))
                .withFormParam("Body", containing("was moved to")));
        Document appointment = mongo.findById("apt-move-1", Document.class, "appointments");
        assertThat(appointment.getString("status")).isEqualTo("CONFIRMED");
        assertThat(appointment.getDate("start").toInstant()).isEqualTo(newStart);

        publishAppointment(AppointmentCompleted.TYPE, "apt-move-1", "running-shoe", "prac-1", "pat-move-1",
                newStart, 4);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(byKind("apt-move-1", "REMINDER"))
                .filteredOn(n -> n.get("id").toString().endsWith(":r2"))
                .hasSize(2).allSatisfy(reminder -> assertThat(reminder).containsEntry("status", "CANCELLED")
                        .containsEntry("reason", "visit already took place")));
    }

    @Test
    void checkInAndNoShowWithdrawTheRemindersAndALateCancellationIsACancellation() throws Exception {
        publishContact("pat-move-2", "Fay", "fay@example.org", "+15875550162", List.of("EMAIL"), null, 1);
        awaitContact("pat-move-2");
        Instant start = Instant.now().plus(Duration.ofDays(4)).truncatedTo(ChronoUnit.MINUTES);
        for (String id : List.of("apt-move-2", "apt-move-3", "apt-move-4")) {
            publishAppointment(AppointmentBooked.TYPE, id, "running-shoe", "prac-1", "pat-move-2", start, 1);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> notifications("patientId=pat-move-2").size() == 12);

        publishAppointment(AppointmentCheckedIn.TYPE, "apt-move-2", "running-shoe", "prac-1", "pat-move-2", start, 2);
        publishAppointment(AppointmentNoShow.TYPE, "apt-move-3", "running-shoe", "prac-1", "pat-move-2", start, 2);
        publishAppointment(AppointmentCancelled.TYPE, "apt-move-4", "running-shoe",
                new AppointmentCancelled("apt-move-4", "running-shoe", "svc-prolotherapy", "prac-1", "pat-move-2",
                        start, start.plus(Duration.ofMinutes(45)), "CANCELLED", Instant.now(), true), 2);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(byKind("apt-move-2", "REMINDER")).hasSize(2).allSatisfy(reminder -> assertThat(reminder)
                    .containsEntry("status", "CANCELLED").containsEntry("reason", "visit already took place"));
            assertThat(byKind("apt-move-3", "REMINDER")).hasSize(2).allSatisfy(reminder -> assertThat(reminder)
                    .containsEntry("status", "CANCELLED").containsEntry("reason", "no-show"));
            assertThat(byKind("apt-move-4", "REMINDER")).hasSize(2).allSatisfy(reminder -> assertThat(reminder)
                    .containsEntry("status", "CANCELLED").containsEntry("reason", "appointment cancelled"));
        });
        awaitEmail("fay@example.org", "Your appointment was cancelled");
        assertThat(mongo.findById("apt-move-2", Document.class, "appointments").getString("status"))
                .isEqualTo("CHECKED_IN");
        assertThat(mongo.findById("apt-move-3", Document.class, "appointments").getString("status"))
                .isEqualTo("NO_SHOW");
        assertThat(byKind("apt-move-2", "CANCELLATION")).isEmpty();
    }

    private static AppointmentRescheduled moved(Instant from, Instant to) {
        return new AppointmentRescheduled("apt-move-1", "running-shoe", "svc-prolotherapy", "prac-1", "pat-move-1",
                to, to.plus(Duration.ofMinutes(45)), "BOOKED", from);
    }

    private static long sent(List<Map<String, Object>> notifications) {
        return notifications.stream().filter(n -> "SENT".equals(n.get("status"))).count();
    }

    private long revisionOf(String appointmentId) {
        Document appointment = mongo.findById(appointmentId, Document.class, "appointments");
        return appointment == null ? 0 : ((Number) appointment.get("revision")).longValue();
    }

    private static long emailsTo(String to, String subject) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(message -> {
            try {
                return subject.equals(message.getSubject())
                        && message.getRecipients(RecipientType.TO)[0].toString().equals(to);
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).count();
    }
}
