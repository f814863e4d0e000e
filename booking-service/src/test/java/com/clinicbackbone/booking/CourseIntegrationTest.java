package com.clinicbackbone.booking;

import static com.clinicbackbone.security.DemoPersona.ANN_LEE_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.clinicbackbone.events.AppointmentBooked;
import com.clinicbackbone.events.AppointmentCancelled;
import com.clinicbackbone.events.CourseCancelled;
import com.clinicbackbone.events.CoursePlanned;
import com.clinicbackbone.events.CourseSessionRescheduled;
import com.clinicbackbone.events.Topics;
import com.clinicbackbone.security.DemoPersona;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.JsonNode;

/**
 * Treatment courses over HTTP against the real Kafka broker and the MongoDB-wire server: a three-session massage
 * course (Sofia Ramirez at Running Shoe, Wednesdays inside her hours, a week or two apart), a blocked session that
 * books nothing, gaps on a move, cancellation and progress. Each test uses its own time of day on the same
 * Wednesdays, so the tests never compete for a time.
 */
class CourseIntegrationTest extends AbstractIntegrationTest {

    /** The first Wednesday at least four days after DAY: sessions on it and the two Wednesdays after. */
    static final LocalDate WEDNESDAY = LocalDate.ofInstant(DAY, EDMONTON).plusDays(4)
            .with(TemporalAdjusters.nextOrSame(DayOfWeek.WEDNESDAY));
    static final DemoPersona DESK = DemoPersona.FRONTDESK_RUNNING_SHOE;
    static final String BLOCKER = "course-blocking-patient";
    static volatile boolean registered;

    @BeforeEach
    void registerPatients() {
        if (!registered) {
            register(ANN_LEE_ID, "running-shoe");
            register(BLOCKER, "running-shoe");
            registered = true;
        }
    }

    static String newPatient() {
        return "course-patient-" + UUID.randomUUID();
    }

    /** Three sessions 7-14 days apart, on Wednesdays at the time, from WEDNESDAY. */
    static Map<String, Object> weekly(String patientId, String time) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clinicId", "running-shoe");
        body.put("serviceId", "massage-60");
        body.put("practitionerId", "sofia-ramirez");
        body.put("patientId", patientId);
        body.put("sessions", 3);
        body.put("minDaysBetween", 7);
        body.put("maxDaysBetween", 14);
        body.put("firstStart", at(WEDNESDAY, time).toString());
        body.put("preferredWeekdays", List.of("WEDNESDAY"));
        body.put("preferredTimes", List.of(time));
        return body;
    }

    Response plan(Map<String, Object> body) {
        return post("/api/courses", body, DESK);
    }

    JsonNode planned(Map<String, Object> body) {
        Response response = plan(body);
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.body();
    }

    static List<String> appointmentIds(JsonNode course) {
        List<String> ids = new ArrayList<>();
        course.get("sessions").forEach(session -> ids.add(session.get("appointmentId").asText()));
        return ids;
    }

    static List<Instant> starts(JsonNode course) {
        List<Instant> starts = new ArrayList<>();
        course.get("sessions").forEach(session -> starts.add(Instant.parse(session.get("start").asText())));
        return starts;
    }

    static String progress(JsonNode course) {
        JsonNode progress = course.get("progress");
        return "done=" + progress.get("done").asInt() + " upcoming=" + progress.get("upcoming").asInt()
                + " missed=" + progress.get("missed").asInt() + " cancelled=" + progress.get("cancelled").asInt();
    }

    @Test
    void plansAThreeSessionCourseBooksEverySessionOnceAndPublishesTheCourse() {
        Map<String, String> key = Map.of("Idempotency-Key", "course-" + UUID.randomUUID());
        Response created = send(port, "POST", "/api/courses", weekly(ANN_LEE_ID, "10:00"), issuer.token(DESK), key);

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode course = created.body();
        String courseId = course.get("id").asText();
        assertThat(created.location()).endsWith("/api/courses/" + courseId);
        assertThat(starts(course)).containsExactly(at(WEDNESDAY, "10:00"), at(WEDNESDAY.plusWeeks(1), "10:00"),
                at(WEDNESDAY.plusWeeks(2), "10:00"));
        assertThat(course.get("sessions").get(2).get("number").asInt()).isEqualTo(3);
        assertThat(course.get("sessions").get(0).get("status").asText()).isEqualTo("BOOKED");
        assertThat(progress(course)).isEqualTo("done=0 upcoming=3 missed=0 cancelled=0");

        Response retried = send(port, "POST", "/api/courses", weekly(ANN_LEE_ID, "10:00"), issuer.token(DESK), key);
        assertThat(retried.status()).isEqualTo(201);
        assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retried.body()).isEqualTo(course);
        assertThat(mongo.count(query(where("patientId").is(ANN_LEE_ID).and("serviceId").is("massage-60")
                .and("start").is(at(WEDNESDAY, "10:00"))), "appointments")).isOne();

        var plannedEvent = awaitRecord(Topics.COURSES, courseId, CoursePlanned.TYPE);
        assertThat(header(plannedEvent, "ce_subject")).isEqualTo(courseId);
        assertThat(header(plannedEvent, "ce_clinicid")).isEqualTo("running-shoe");
        assertThat(header(plannedEvent, "ce_revision")).isEqualTo("1");
        CoursePlanned payload = json.readValue(plannedEvent.value(), CoursePlanned.class);
        assertThat(payload).isEqualTo(new CoursePlanned(courseId, "running-shoe", "massage-60", "sofia-ramirez",
                ANN_LEE_ID, appointmentIds(course)));
        appointmentIds(course).forEach(id -> awaitRecord(Topics.APPOINTMENTS, id, AppointmentBooked.TYPE));

        Response asPatient = get("/api/courses/" + courseId, DemoPersona.PATIENT_ANN_LEE);
        assertThat(asPatient.status()).isEqualTo(200);
        assertThat(asPatient.body().get("sessions")).isEqualTo(course.get("sessions"));
        Response list = get("/api/courses?patientId=" + ANN_LEE_ID, DemoPersona.PATIENT_ANN_LEE);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().findValuesAsString("id")).contains(courseId);
        assertThat(get("/api/courses/" + courseId, DemoPersona.FRONTDESK_INTEGRATIVE_PAIN).status()).isEqualTo(404);
    }

    @Test
    void aBlockedSessionAnswers409WithAlternativesAndStoresNothing() {
        String patientId = newPatient();
        register(patientId, "running-shoe");
        // both Wednesdays of session 2's window are taken at 11:30
        for (LocalDate date : List.of(WEDNESDAY.plusWeeks(1), WEDNESDAY.plusWeeks(2))) {
            Response blocker = book(port, "running-shoe", "massage-60", "sofia-ramirez", BLOCKER, at(date, "11:30"));
            assertThat(blocker.status()).as(blocker.text()).isEqualTo(201);
        }

        Response refused = plan(weekly(patientId, "11:30"));

        assertThat(refused.status()).as(refused.text()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().get("session").asInt()).isEqualTo(2);
        assertThat(refused.body().get("reason").asText()).isEqualTo("NO_FREE_START");
        assertThat(refused.body().get("allowedFrom").asText()).isEqualTo(WEDNESDAY.plusWeeks(1).toString());
        assertThat(refused.body().get("allowedTo").asText()).isEqualTo(WEDNESDAY.plusWeeks(2).toString());
        assertAlternativesFree(refused.body(), WEDNESDAY.plusWeeks(1), WEDNESDAY.plusWeeks(2));

        // the desk gives the starts itself: session 2's is taken, so session 1 is not booked either
        Map<String, Object> explicit = new LinkedHashMap<>(weekly(patientId, "11:30"));
        explicit.keySet().removeAll(List.of("sessions", "firstStart", "preferredWeekdays", "preferredTimes"));
        explicit.put("starts", List.of(at(WEDNESDAY, "11:30").toString(),
                at(WEDNESDAY.plusWeeks(1), "11:30").toString(), at(WEDNESDAY.plusWeeks(2), "12:30").toString()));
        Response taken = plan(explicit);

        assertThat(taken.status()).as(taken.text()).isEqualTo(409);
        assertThat(taken.body().get("session").asInt()).isEqualTo(2);
        assertThat(taken.body().get("reason").asText()).isEqualTo("TAKEN");
        assertThat(taken.body().get("detail").asText()).contains("Session 2");
        assertAlternativesFree(taken.body(), WEDNESDAY.plusWeeks(1), WEDNESDAY.plusWeeks(2));

        assertThat(mongo.count(query(where("patientId").is(patientId)), "appointments")).isZero();
        assertThat(mongo.count(query(where("patientId").is(patientId)), "courses")).isZero();
        assertThat(CalendarDays.ofOwner(mongo, "sofia-ramirez", at(WEDNESDAY, "11:30"), at(WEDNESDAY, "12:30")))
                .isEmpty();
        assertThat(CalendarDays.ofOwner(mongo, "sofia-ramirez", at(WEDNESDAY.plusWeeks(2), "12:30"),
                at(WEDNESDAY.plusWeeks(2), "13:30"))).isEmpty();
    }

    /** Up to five alternatives inside the dates, none overlapping the blocker's 11:30-12:30. */
    void assertAlternativesFree(JsonNode problem, LocalDate from, LocalDate to) {
        List<Instant> alternatives = new ArrayList<>();
        problem.get("alternatives").forEach(node -> alternatives.add(Instant.parse(node.asText())));
        assertThat(alternatives).isNotEmpty().hasSizeLessThanOrEqualTo(5);
        for (Instant alternative : alternatives) {
            LocalDate date = LocalDate.ofInstant(alternative, EDMONTON);
            assertThat(date).isBetween(from, to);
            Instant blocked = at(date, "11:30");
            boolean overlaps = alternative.isBefore(blocked.plus(Duration.ofHours(1)))
                    && blocked.isBefore(alternative.plus(Duration.ofHours(1)));
            assertThat(overlaps).as("%s overlaps the blocker", alternative).isFalse();
        }
    }

    @Test
    void refusesAnImpossibleGapAsABadField() {
        Map<String, Object> body = weekly(newPatient(), "10:00");
        body.put("minDaysBetween", 14);
        body.put("maxDaysBetween", 7);

        Response refused = plan(body);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("errors").get(0).get("field").asText()).isEqualTo("minDaysBetween");
    }

    @Test
    void aMoveThatBreaksAGapIs422AndAMoveInsideTheGapsKeepsTheAppointment() {
        String patientId = newPatient();
        register(patientId, "running-shoe");
        JsonNode course = planned(weekly(patientId, "13:00"));
        String courseId = course.get("id").asText();
        String path = "/api/courses/" + courseId + "/sessions/";

        Response tooEarly = post(path + "2/reschedule", Map.of("start", at(WEDNESDAY.plusDays(1), "13:00")), DESK);

        assertThat(tooEarly.status()).as(tooEarly.text()).isEqualTo(422);
        assertThat(tooEarly.body().get("session").asInt()).isEqualTo(2);
        assertThat(tooEarly.body().get("neighbour").asInt()).isEqualTo(1);
        // 7-14 days after session 1 and 7-14 days before session 3: exactly the Wednesday between
        assertThat(tooEarly.body().get("allowedFrom").asText()).isEqualTo(WEDNESDAY.plusWeeks(1).toString());
        assertThat(tooEarly.body().get("allowedTo").asText()).isEqualTo(WEDNESDAY.plusWeeks(1).toString());
        Response tooLate = post(path + "3/reschedule", Map.of("start", at(WEDNESDAY.plusDays(22), "13:00")), DESK);
        assertThat(tooLate.status()).isEqualTo(422);
        assertThat(tooLate.body().get("neighbour").asInt()).isEqualTo(2);
        assertThat(get("/api/courses/" + courseId, DESK).body().get("sessions")).isEqualTo(course.get("sessions"));

        Instant later = at(WEDNESDAY.plusWeeks(1), "15:00");
        Response moved = post(path + "2/reschedule", Map.of("start", later), DESK);

        assertThat(moved.status()).as(moved.text()).isEqualTo(200);
        JsonNode session = moved.body().get("sessions").get(1);
        assertThat(session.get("appointmentId").asText()).isEqualTo(appointmentIds(course).get(1));
        assertThat(Instant.parse(session.get("start").asText())).isEqualTo(later);
        var event = awaitRecord(Topics.COURSES, courseId, CourseSessionRescheduled.TYPE);
        assertThat(header(event, "ce_revision")).isEqualTo("2");
        assertThat(json.readValue(event.value(), CourseSessionRescheduled.class)).isEqualTo(
                new CourseSessionRescheduled(courseId, 2, appointmentIds(course).get(1), later,
                        later.plus(Duration.ofHours(1))));
    }

    @Test
    void cancellingCancelsEverySessionAheadOnceAndPublishesTheCourseCancelled() {
        String patientId = newPatient();
        register(patientId, "running-shoe");
        JsonNode course = planned(weekly(patientId, "15:00"));
        String courseId = course.get("id").asText();

        Response cancelled = post("/api/courses/" + courseId + "/cancel", Map.of("reason", "moving away"), DESK);

        assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
        assertThat(cancelled.body().get("status").asText()).isEqualTo("CANCELLED");
        assertThat(progress(cancelled.body())).isEqualTo("done=0 upcoming=0 missed=0 cancelled=3");
        var event = awaitRecord(Topics.COURSES, courseId, CourseCancelled.TYPE);
        assertThat(json.readValue(event.value(), CourseCancelled.class))
                .isEqualTo(new CourseCancelled(courseId, appointmentIds(course)));
        assertThat(event.value()).doesNotContain("moving away");
        appointmentIds(course).forEach(id -> awaitRecord(Topics.APPOINTMENTS, id, AppointmentCancelled.TYPE));

        Response again = post("/api/courses/" + courseId + "/cancel", Map.of("reason", "again"), DESK);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
    }

    @Test
    void progressCountsCompletedAndMissedSessionsAndACancellationLeavesThemAsTheyAre() {
        String patientId = newPatient();
        register(patientId, "running-shoe");
        JsonNode course = planned(weekly(patientId, "16:30"));
        String courseId = course.get("id").asText();
        List<String> sessions = appointmentIds(course);
        // session 1 has started (moved into the past in the database: the service's clock is the real one)
        Instant started = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.HOURS);
        mongo.updateFirst(query(where("_id").is(sessions.get(0))), new Update().set("start", started)
                .set("end", started.plus(Duration.ofHours(1))), "appointments");
        assertThat(post("/api/appointments/" + sessions.get(0) + "/no-show", null, DESK).status()).isEqualTo(200);
        assertThat(post("/api/appointments/" + sessions.get(1) + "/check-in", null, DESK).status()).isEqualTo(200);
        assertThat(post("/api/appointments/" + sessions.get(1) + "/complete", null, DESK).status()).isEqualTo(200);

        JsonNode now = get("/api/courses/" + courseId, DESK).body();
        assertThat(progress(now)).isEqualTo("done=1 upcoming=1 missed=1 cancelled=0");

        JsonNode cancelled = post("/api/courses/" + courseId + "/cancel", null, DESK).body();
        assertThat(progress(cancelled)).isEqualTo("done=1 upcoming=0 missed=1 cancelled=1");
        assertThat(json.readValue(awaitRecord(Topics.COURSES, courseId, CourseCancelled.TYPE).value(),
                CourseCancelled.class).cancelledAppointmentIds()).containsExactly(sessions.get(2));
        assertThat(mongo.findById(sessions.get(1), Document.class, "appointments").getString("status"))
                .isEqualTo("COMPLETED");
    }
}
