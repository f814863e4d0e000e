package com.clinicbackbone.booking;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clinicbackbone.events.RecallClosed;
import com.clinicbackbone.events.RecallOpened;
import com.clinicbackbone.events.Topics;
import com.clinicbackbone.security.DemoPersona;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 13's recalls in booking-service: a course session cancelled and not moved, a consultation not followed by the
 * treatment it prerequisites; closed by booking, by cancelling the course, by the desk; events on clinic.recalls.v1;
 * the desk's list. Liam Okafor's week 9 and 10 Wednesdays and Fridays and Sofia Ramirez's Saturday noons of weeks
 * 1 to 3 are this class's.
 */
class RecallIntegrationTest extends AbstractIntegrationTest {

    static final Duration ASYNC = Duration.ofSeconds(30);

    @Test
    void aCompletedConsultationWithoutItsTreatmentIsRecalledUntilTheTreatmentIsBooked() {
        String patient = patient("consulted");
        Iterator<Instant> starts = inHours("liam-okafor", "running-shoe", day(9, WEDNESDAY), 60);
        String consultation = bookOk("prolotherapy-consultation", "liam-okafor", patient, starts.next());
        String recallId = "treatment:" + consultation + ":prolotherapy";

        complete(consultation);

        JsonNode recall = awaitOpen(recallId);
        assertThat(recall.get("serviceId").asText()).isEqualTo("prolotherapy");
        assertThat(recall.get("reason").asText()).isEqualTo(RecallOpened.TREATMENT_NOT_BOOKED);
        assertThat(recall.get("practitionerId").asText()).isEqualTo("liam-okafor");
        assertThat(awaitRecord(Topics.RECALLS, recallId, RecallOpened.TYPE).value()).contains(patient)
                .doesNotContain("Prolotherapy consultation");
        assertThat(get("/api/recalls?clinicId=running-shoe", DemoPersona.FRONTDESK_CALGARY_CONCUSSION).status())
                .isEqualTo(403);

        bookOk("prolotherapy", "liam-okafor", patient, starts.next());

        awaitClosed(recallId, RecallClosed.BOOKED);
        assertThat(awaitRecord(Topics.RECALLS, recallId, RecallClosed.TYPE).value()).contains("BOOKED");
    }

    @Test
    void aConsultationWhoseTreatmentIsBookedAlreadyOpensNoRecall() {
        String patient = patient("planned-ahead");
        Iterator<Instant> starts = inHours("liam-okafor", "running-shoe", day(9, FRIDAY), 60);
        String consultation = bookOk("prolotherapy-consultation", "liam-okafor", patient, starts.next());
        complete(consultation);
        awaitOpen("treatment:" + consultation + ":prolotherapy");
        bookOk("prolotherapy", "liam-okafor", patient, starts.next());
        awaitClosed("treatment:" + consultation + ":prolotherapy", RecallClosed.BOOKED);

        String second = bookOk("prolotherapy-consultation", "liam-okafor", patient, starts.next());
        complete(second);

        // the recall consumer has seen the completion once the patient's booked visit of the consultation is gone
        await().atMost(ASYNC).until(() -> mongo.findById(patient, Document.class, "recall_patients")
                .getList("booked", String.class, List.of()).stream().noneMatch(key -> key.endsWith(second)));
        assertThat(mongo.findById("treatment:" + second + ":prolotherapy", Document.class, "recalls")).isNull();
    }

    @Test
    void aCancelledCourseSessionIsRecalledAndTheCourseCancellationClosesIt() {
        String patient = patient("course");
        LocalDate first = day(1, java.time.DayOfWeek.SATURDAY); // Sofia's Saturdays at noon, weeks 1 to 3
        List<String> starts = List.of(at(first, "12:00").toString(), at(first.plusDays(7), "12:00").toString(),
                at(first.plusDays(14), "12:00").toString());
        Response planned = post("/api/courses", Map.of("clinicId", "running-shoe", "serviceId", "massage-60",
                "practitionerId", "sofia-ramirez", "patientId", patient, "minDaysBetween", 5, "maxDaysBetween", 9,
                "starts", starts), DemoPersona.FRONTDESK_RUNNING_SHOE);
        assertThat(planned.status()).as(planned.text()).isEqualTo(201);
        String courseId = planned.body().get("id").asText();
        List<String> sessions = new ArrayList<>();
        planned.body().get("sessions").forEach(session -> sessions.add(session.get("appointmentId").asText()));
        await().atMost(ASYNC).until(() -> mongo.findById(patient, Document.class, "recall_patients") != null
                && mongo.findById(patient, Document.class, "recall_patients")
                .getList("sessions", String.class, List.of()).size() == 3);

        cancel(sessions.get(1));

        JsonNode recall = awaitOpen("session:" + sessions.get(1));
        assertThat(recall.get("reason").asText()).isEqualTo(RecallOpened.SESSION_NOT_BOOKED);
        assertThat(recall.get("courseId").asText()).isEqualTo(courseId);
        assertThat(recall.get("serviceId").asText()).isEqualTo("massage-60");

        assertThat(post("/api/courses/" + courseId + "/cancel", Map.of(), DemoPersona.FRONTDESK_RUNNING_SHOE)
                .status()).isEqualTo(200);

        awaitClosed("session:" + sessions.get(1), RecallClosed.COURSE_CANCELLED);
        // the sessions the course's cancellation cancels may open a recall for a moment (their events can come before
        // the course's): the course's event closes those too, long before any invitation is due
        for (String other : List.of(sessions.get(0), sessions.get(2))) {
            await().atMost(ASYNC).until(() -> {
                Document stored = mongo.findById("session:" + other, Document.class, "recalls");
                return stored == null || "CLOSED".equals(stored.getString("status"));
            });
        }
    }

    @Test
    void theDeskMarksARecallHandled() {
        String patient = patient("handled");
        Iterator<Instant> starts = inHours("liam-okafor", "running-shoe", day(9, WEDNESDAY).plusDays(7), 60);
        String consultation = bookOk("prolotherapy-consultation", "liam-okafor", patient, starts.next());
        complete(consultation);
        String recallId = "treatment:" + consultation + ":prolotherapy";
        awaitOpen(recallId);

        assertThat(post("/api/recalls/" + recallId + "/handled", null, DemoPersona.FRONTDESK_INTEGRATIVE_PAIN)
                .status()).isEqualTo(404);
        Response handled = post("/api/recalls/" + recallId + "/handled", null, DemoPersona.FRONTDESK_RUNNING_SHOE);

        assertThat(handled.status()).as(handled.text()).isEqualTo(200);
        assertThat(handled.body().get("status").asText()).isEqualTo("CLOSED");
        assertThat(handled.body().get("closedReason").asText()).isEqualTo(RecallClosed.HANDLED);
        assertThat(ids(get("/api/recalls?clinicId=running-shoe", DemoPersona.FRONTDESK_RUNNING_SHOE).body()))
                .doesNotContain(recallId);
        assertThat(post("/api/recalls/" + recallId + "/handled", null, DemoPersona.FRONTDESK_RUNNING_SHOE)
                .body().get("closedReason").asText()).isEqualTo(RecallClosed.HANDLED);
    }

    // --- fixtures

    private String patient(String name) {
        String id = "recall-" + name;
        if (!patientRevisions.containsKey(id)) {
            register(id, "running-shoe");
        }
        return id;
    }

    private String bookOk(String serviceId, String practitionerId, String patientId, Instant start) {
        Response booked = book(port, "running-shoe", serviceId, practitionerId, patientId, start);
        assertThat(booked.status()).as(booked.text()).isEqualTo(201);
        return booked.body().get("id").asText();
    }

    /** Checks in and completes the visit (the desk may, whenever it is). */
    private void complete(String appointmentId) {
        assertThat(post("/api/appointments/" + appointmentId + "/check-in", null, DemoPersona.FRONTDESK_RUNNING_SHOE)
                .status()).isEqualTo(200);
        Response completed = post("/api/appointments/" + appointmentId + "/complete", null,
                DemoPersona.FRONTDESK_RUNNING_SHOE);
        assertThat(completed.status()).as(completed.text()).isEqualTo(200);
    }

    private void cancel(String appointmentId) {
        assertThat(post("/api/appointments/" + appointmentId + "/cancel", Map.of(),
                DemoPersona.FRONTDESK_RUNNING_SHOE).status()).isEqualTo(200);
    }

    private JsonNode awaitOpen(String recallId) {
        return await("recall " + recallId + " open").atMost(ASYNC).until(() -> listed(recallId), node -> node != null);
    }

    private void awaitClosed(String recallId, String reason) {
        await("recall " + recallId + " closed " + reason).atMost(ASYNC).until(() -> {
            Document stored = mongo.findById(recallId, Document.class, "recalls");
            return stored != null && "CLOSED".equals(stored.getString("status"))
                    && reason.equals(stored.getString("closedReason"));
        });
        assertThat(listed(recallId)).isNull();
    }

    private JsonNode listed(String recallId) {
        Response list = get("/api/recalls?clinicId=running-shoe", DemoPersona.FRONTDESK_RUNNING_SHOE);
        assertThat(list.status()).isEqualTo(200);
        for (JsonNode recall : list.body()) {
            if (recall.get("id").asText().equals(recallId)) {
                return recall;
            }
        }
        return null;
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.forEach(node -> ids.add(node.get("id").asText()));
        return ids;
    }
}
