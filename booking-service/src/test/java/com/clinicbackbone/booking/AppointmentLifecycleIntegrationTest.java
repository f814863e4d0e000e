package com.clinicbackbone.booking;

import static com.clinicbackbone.security.DemoPersona.ANN_LEE_ID;
import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.clinicbackbone.booking.appointment.PractitionerCalendar;
import com.clinicbackbone.booking.appointment.PractitionerCalendar.Claim;
import com.clinicbackbone.booking.appointment.PractitionerCalendar.Span;
import com.clinicbackbone.events.AppointmentCancelled;
import com.clinicbackbone.events.AppointmentCheckedIn;
import com.clinicbackbone.events.AppointmentCompleted;
import com.clinicbackbone.events.AppointmentConfirmed;
import com.clinicbackbone.events.AppointmentNoShow;
import com.clinicbackbone.events.AppointmentRescheduled;
import com.clinicbackbone.events.Topics;
import com.clinicbackbone.security.DemoPersona;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The lifecycle over HTTP with the events it publishes: confirm, check-in, complete, no-show, late cancellation,
 * reschedule and walk-ins, against the real Kafka broker and the MongoDB-wire server.
 */
class AppointmentLifecycleIntegrationTest extends AbstractIntegrationTest {
    static final String RS_PATIENT = "lifecycle-running-shoe-patient";
    static final String CC_PATIENT = "lifecycle-concussion-patient";
    static volatile boolean registered;

    @Autowired
    PractitionerCalendar calendar;

    @BeforeEach
    void registerPatients() {
        if (!registered) {
            register(ANN_LEE_ID, "running-shoe");
            register(RS_PATIENT, "running-shoe");
            register(CC_PATIENT, "calgary-concussion");
            registered = true;
        }
    }

    /**
     * The first start on the 15-minute grid at least {@code ahead} from now, when amira-haddad has extra hours at
     * running-shoe (the test runs at any time of day).
     */
    Instant soon(Duration ahead) {
        LocalDateTime now = LocalDateTime.now(EDMONTON).truncatedTo(ChronoUnit.MINUTES);
        extraHours("amira-haddad", "running-shoe", now, now.plus(ahead).plusHours(2));
        long grid = 900;
        long at = Instant.now().plus(ahead).getEpochSecond();
        return Instant.ofEpochSecond((at + grid - 1) / grid * grid);
    }

    String id(Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.body().get("id").asText();
    }

    Response act(String id, String action, DemoPersona persona) {
        return send(port, "POST", "/api/appointments/" + id + "/" + action, null, issuer.token(persona));
    }

    /** A walk-in at running-shoe (the practitioner's service there). */
    Response walkIn(String practitionerId, String patientId, DemoPersona persona) {
        String serviceId = practitionerId.equals("sofia-ramirez") ? "massage-60" : "physio-follow-up";
        Map<String, Object> body = new HashMap<>(Map.of("clinicId", "running-shoe", "serviceId", serviceId,
                "practitionerId", practitionerId, "patientId", patientId, "walkIn", true));
        return send(port, "POST", "/api/appointments", body, issuer.token(persona));
    }

    Document stored(String id) {
        return mongo.findById(id, Document.class, "appointments");
    }

    @Test
    void confirmCheckInAndCompletePublishEachStepWithTheNextRevision() {
        Instant start = at(9, MONDAY, "09:00");
        Instant end = start.plus(Duration.ofMinutes(30));
        String id = id(book(port, "running-shoe", "physio-follow-up", "maya-chen", ANN_LEE_ID, start));

        Response confirmed = act(id, "confirm", DemoPersona.PATIENT_ANN_LEE);
        Response checkedIn = act(id, "check-in", DemoPersona.FRONTDESK_RUNNING_SHOE);
        Response completed = act(id, "complete", DemoPersona.PRACTITIONER_MAYA_CHEN);

        assertThat(confirmed.status()).as(confirmed.text()).isEqualTo(200);
        assertThat(confirmed.body().get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(confirmed.body().get("revision").asLong()).isEqualTo(2);
        assertThat(checkedIn.body().get("status").asText()).isEqualTo("CHECKED_IN");
        assertThat(checkedIn.body().get("revision").asLong()).isEqualTo(3);
        assertThat(completed.status()).as(completed.text()).isEqualTo(200);
        assertThat(completed.body().get("status").asText()).isEqualTo("COMPLETED");
        assertThat(completed.body().get("revision").asLong()).isEqualTo(4);
        assertThat(completed.body().get("id").asText()).isEqualTo(id);

        ConsumerRecord<String, String> confirmEvent = awaitRecord(Topics.APPOINTMENTS, id, AppointmentConfirmed.TYPE);
        assertThat(header(confirmEvent, "ce_revision")).isEqualTo("2");
        assertThat(json.readValue(confirmEvent.value(), AppointmentConfirmed.class)).isEqualTo(
                new AppointmentConfirmed(id, "running-shoe", "physio-follow-up", "maya-chen", ANN_LEE_ID, start, end,
                        "CONFIRMED"));
        ConsumerRecord<String, String> checkInEvent = awaitRecord(Topics.APPOINTMENTS, id, AppointmentCheckedIn.TYPE);
        assertThat(header(checkInEvent, "ce_revision")).isEqualTo("3");
        assertThat(json.readValue(checkInEvent.value(), AppointmentCheckedIn.class).status()).isEqualTo("CHECKED_IN");
        ConsumerRecord<String, String> completeEvent =
                awaitRecord(Topics.APPOINTMENTS, id, AppointmentCompleted.TYPE);
        assertThat(header(completeEvent, "ce_revision")).isEqualTo("4");
        assertThat(header(completeEvent, "ce_clinicid")).isEqualTo("running-shoe");
        assertThat(json.readValue(completeEvent.value(), AppointmentCompleted.class).status()).isEqualTo("COMPLETED");
    }

    @Test
    void anImpossibleTransitionIsAConflictThatSaysWhyAndChangesNothing() {
        String id = id(book(port, "running-shoe", "physio-follow-up", "maya-chen", RS_PATIENT,
                at(9, MONDAY, "10:00")));

        Response early = act(id, "complete", DemoPersona.FRONTDESK_RUNNING_SHOE);

        assertThat(early.status()).isEqualTo(409);
        assertThat(early.contentType()).isEqualTo("application/problem+json");
        assertThat(early.body().get("detail").asText()).contains("a BOOKED appointment cannot be completed");
        assertThat(early.body().get("status").asInt()).isEqualTo(409);
        assertThat(early.body().get("appointmentStatus").asText()).isEqualTo("BOOKED");
        assertThat(stored(id).getLong("revision")).isEqualTo(1);

        assertThat(act(id, "cancel", DemoPersona.FRONTDESK_RUNNING_SHOE).status()).isEqualTo(200);
        Response afterCancel = act(id, "check-in", DemoPersona.FRONTDESK_RUNNING_SHOE);
        assertThat(afterCancel.status()).isEqualTo(409);
        assertThat(afterCancel.body().get("detail").asText()).contains("a CANCELLED appointment cannot be checked in");
        assertThat(stored(id).getString("status")).isEqualTo("CANCELLED");
        assertThat(stored(id).getLong("revision")).isEqualTo(2);
    }

    @Test
    void aNoShowComesOnlyAfterTheStartAndGivesTheTimeBackForAWalkIn() {
        String future = id(book(port, "running-shoe", "massage-60", "sofia-ramirez", RS_PATIENT,
                at(9, MONDAY, "10:00")));
        Response tooEarly = act(future, "no-show", DemoPersona.FRONTDESK_RUNNING_SHOE);
        assertThat(tooEarly.status()).isEqualTo(409);
        assertThat(tooEarly.body().get("detail").asText()).contains("before it has started");

        // walk-ins come now, whatever the time of day the test runs: sofia-ramirez has extra hours around it
        LocalDateTime now = LocalDateTime.now(EDMONTON).truncatedTo(ChronoUnit.MINUTES);
        extraHours("sofia-ramirez", "running-shoe", now.minusHours(1), now.plusHours(3));
        Response walkIn = walkIn("sofia-ramirez", RS_PATIENT, DemoPersona.FRONTDESK_RUNNING_SHOE);
        String id = id(walkIn);
        assertThat(walkIn.body().get("walkIn").asBoolean()).isTrue();
        assertThat(Instant.parse(walkIn.body().get("start").asText())).isBeforeOrEqualTo(Instant.now());

        Response noShow = act(id, "no-show", DemoPersona.FRONTDESK_RUNNING_SHOE);

        assertThat(noShow.status()).as(noShow.text()).isEqualTo(200);
        assertThat(noShow.body().get("status").asText()).isEqualTo("NO_SHOW");
        assertThat(noShow.body().get("revision").asLong()).isEqualTo(2);
        ConsumerRecord<String, String> event = awaitRecord(Topics.APPOINTMENTS, id, AppointmentNoShow.TYPE);
        assertThat(header(event, "ce_revision")).isEqualTo("2");
        assertThat(json.readValue(event.value(), AppointmentNoShow.class).status()).isEqualTo("NO_SHOW");
        assertThat(id(walkIn("sofia-ramirez", ANN_LEE_ID, DemoPersona.FRONTDESK_RUNNING_SHOE))).isNotEqualTo(id);
    }

    @Test
    void aWalkInIsForTheFrontDeskAndHasNoStart() {
        Response byPatient = walkIn("liam-okafor", ANN_LEE_ID, DemoPersona.PATIENT_ANN_LEE);
        assertThat(byPatient.status()).isEqualTo(403);

        Map<String, Object> withStart = Map.of("clinicId", "running-shoe", "serviceId", "prp-injection",
                "practitionerId", "liam-okafor", "patientId", RS_PATIENT, "walkIn", true,
                "start", at(9, MONDAY, "11:00").toString());
        Response started = post("/api/appointments", withStart, DemoPersona.FRONTDESK_RUNNING_SHOE);
        assertThat(started.status()).isEqualTo(400);
        assertThat(started.body().get("errors").get(0).get("field").asText()).isEqualTo("start");
        assertThat(started.body().get("detail").asText()).contains("walk-in");

        Map<String, Object> noStart = Map.of("clinicId", "running-shoe", "serviceId", "prp-injection",
                "practitionerId", "liam-okafor", "patientId", RS_PATIENT);
        Response missing = post("/api/appointments", noStart, DemoPersona.FRONTDESK_RUNNING_SHOE);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().get("errors").get(0).get("field").asText()).isEqualTo("start");
        assertThat(mongo.count(query(where("practitionerId").is("liam-okafor").and("walkIn").is(true)),
                "appointments")).isZero();
    }

    @Test
    void aPatientCannotCancelInsideTheWindowButTheClinicCanAndItIsFlaggedLate() {
        String id = id(book(port, "running-shoe", "trigger-point-injection", "amira-haddad", ANN_LEE_ID,
                soon(Duration.ofHours(2))));

        Response byPatient = post("/api/appointments/" + id + "/cancel", Map.of(), DemoPersona.PATIENT_ANN_LEE);

        assertThat(byPatient.status()).isEqualTo(422);
        assertThat(byPatient.contentType()).isEqualTo("application/problem+json");
        assertThat(byPatient.body().get("detail").asText()).contains("call the clinic");
        assertThat(byPatient.body().get("lateCancellationWindow").asText()).isEqualTo("PT24H");
        assertThat(stored(id).getString("status")).isEqualTo("BOOKED");

        Response byClinic = post("/api/appointments/" + id + "/cancel", Map.of("reason", "patient phoned"),
                DemoPersona.FRONTDESK_RUNNING_SHOE);

        assertThat(byClinic.status()).isEqualTo(200);
        assertThat(byClinic.body().get("late").asBoolean()).isTrue();
        assertThat(byClinic.body().get("cancelledBy").asText()).isEqualTo("CLINIC");
        ConsumerRecord<String, String> event = awaitRecord(Topics.APPOINTMENTS, id, AppointmentCancelled.TYPE);
        assertThat(json.readValue(event.value(), AppointmentCancelled.class).late()).isTrue();
        assertThat(event.value()).doesNotContain("phoned");
    }

    @Test
    void aCancellationOutsideTheWindowIsNotLate() {
        String id = id(book(port, "running-shoe", "trigger-point-injection", "amira-haddad", ANN_LEE_ID,
                at(9, MONDAY, "09:00")));

        Response cancelled = post("/api/appointments/" + id + "/cancel", Map.of(), DemoPersona.PATIENT_ANN_LEE);

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.body().get("late").asBoolean()).isFalse();
        assertThat(cancelled.body().get("cancelledBy").asText()).isEqualTo("PATIENT");
        ConsumerRecord<String, String> event = awaitRecord(Topics.APPOINTMENTS, id, AppointmentCancelled.TYPE);
        assertThat(json.readValue(event.value(), AppointmentCancelled.class).late()).isFalse();
    }

    @Test
    void rescheduleKeepsTheIdTakesTheNewTimeAndFreesTheOld() {
        Instant start = at(9, MONDAY, "13:00");
        Instant newStart = start.plus(Duration.ofMinutes(15));
        extraHours("maya-chen", "calgary-concussion", day(9, MONDAY).atTime(12, 30), day(9, MONDAY).atTime(15, 0));
        String id = id(book(port, "running-shoe", "physio-follow-up", "maya-chen", RS_PATIENT, start));

        Response moved = post("/api/appointments/" + id + "/reschedule", Map.of("start", newStart.toString()),
                DemoPersona.FRONTDESK_RUNNING_SHOE);

        assertThat(moved.status()).as(moved.text()).isEqualTo(200);
        assertThat(moved.body().get("id").asText()).isEqualTo(id);
        assertThat(moved.body().get("start").asText()).isEqualTo(newStart.toString());
        assertThat(moved.body().get("end").asText()).isEqualTo(newStart.plus(Duration.ofMinutes(30)).toString());
        assertThat(moved.body().get("revision").asLong()).isEqualTo(2);
        ConsumerRecord<String, String> event = awaitRecord(Topics.APPOINTMENTS, id, AppointmentRescheduled.TYPE);
        assertThat(header(event, "ce_revision")).isEqualTo("2");
        assertThat(json.readValue(event.value(), AppointmentRescheduled.class)).isEqualTo(new AppointmentRescheduled(
                id, "running-shoe", "physio-follow-up", "maya-chen", RS_PATIENT, newStart,
                newStart.plus(Duration.ofMinutes(30)), "BOOKED", start));
        assertThat(CalendarDays.ofAppointment(mongo, id)).extracting(CalendarDays.Bucket::bucket)
                .hasSize(6).allSatisfy(bucket -> assertThat(bucket).isAfterOrEqualTo(newStart));
        assertThat(book(port, "calgary-concussion", "concussion-follow-up", "maya-chen", CC_PATIENT,
                start.minus(Duration.ofMinutes(15))).status()).isEqualTo(201);
        assertThat(book(port, "calgary-concussion", "concussion-follow-up", "maya-chen", CC_PATIENT,
                newStart.plus(Duration.ofMinutes(15))).status()).isEqualTo(409);
    }

    @Test
    void rescheduleOntoATakenTimeIsAConflictAndChangesNothing() {
        Instant start = at(9, WEDNESDAY, "09:00");
        extraHours("maya-chen", "calgary-concussion", day(9, WEDNESDAY).atTime(9, 30),
                day(9, WEDNESDAY).atTime(11, 0));
        String mine = id(book(port, "running-shoe", "physio-follow-up", "maya-chen", RS_PATIENT, start));
        String other = id(book(port, "calgary-concussion", "concussion-follow-up", "maya-chen", CC_PATIENT,
                start.plus(Duration.ofHours(1))));
        long claims = CalendarDays.all(mongo).stream().filter(it -> it.owner().equals("maya-chen")).count();

        Response clash = post("/api/appointments/" + mine + "/reschedule",
                Map.of("start", start.plus(Duration.ofMinutes(45)).toString()), DemoPersona.FRONTDESK_RUNNING_SHOE);

        assertThat(clash.status()).isEqualTo(409);
        assertThat(clash.contentType()).isEqualTo("application/problem+json");
        assertThat(clash.text()).doesNotContain(CC_PATIENT).doesNotContain(other);
        assertThat(stored(mine).getLong("revision")).isEqualTo(1);
        assertThat(stored(mine).get("start", Date.class).toInstant()).isEqualTo(start);
        assertThat(CalendarDays.all(mongo).stream().filter(it -> it.owner().equals("maya-chen")).count())
                .isEqualTo(claims);
        assertThat(CalendarDays.ofAppointment(mongo, other)).hasSize(6);
    }

    @Test
    void rescheduleValidatesTheNewStartLikeABooking() {
        String id = id(book(port, "running-shoe", "physio-follow-up", "maya-chen", RS_PATIENT,
                at(9, FRIDAY, "09:00")));

        for (Object start : new Object[] {at(9, FRIDAY, "10:07").toString(), at(9, FRIDAY, "10:10").toString(),
                Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS).toString(),
                "soon"}) {
            Response bad = post("/api/appointments/" + id + "/reschedule", Map.of("start", start),
                    DemoPersona.FRONTDESK_RUNNING_SHOE);
            assertThat(bad.status()).as(start.toString()).isEqualTo(400);
            assertThat(bad.body().get("errors").get(0).get("field").asText()).isEqualTo("start");
        }
        Response missing = post("/api/appointments/" + id + "/reschedule", Map.of(),
                DemoPersona.FRONTDESK_RUNNING_SHOE);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(stored(id).getLong("revision")).isEqualTo(1);
    }

    @Test
    void aPatientReschedulesTheirOwnOutsideTheWindowOnly() {
        String far = id(book(port, "running-shoe", "trigger-point-injection", "amira-haddad", ANN_LEE_ID,
                at(9, TUESDAY, "09:00")));
        String near = id(book(port, "running-shoe", "trigger-point-injection", "amira-haddad", ANN_LEE_ID,
                soon(Duration.ofHours(3))));

        Response farMove = post("/api/appointments/" + far + "/reschedule",
                Map.of("start", at(9, TUESDAY, "10:00").toString()),
                DemoPersona.PATIENT_ANN_LEE);
        Response nearMove = post("/api/appointments/" + near + "/reschedule",
                Map.of("start", at(9, TUESDAY, "11:00").toString()),
                DemoPersona.PATIENT_ANN_LEE);

        assertThat(farMove.status()).as(farMove.text()).isEqualTo(200);
        assertThat(nearMove.status()).isEqualTo(422);
        assertThat(nearMove.body().get("detail").asText()).contains("call the clinic");
        assertThat(post("/api/appointments/" + near + "/reschedule",
                Map.of("start", at(9, TUESDAY, "11:00").toString()),
                DemoPersona.FRONTDESK_RUNNING_SHOE).status()).isEqualTo(200);
    }

    @Test
    void readsAndChangesAnAppointmentStoredBeforeTheLifecycleFieldsExisted() {
        Instant start = at(9, SATURDAY, "09:00");
        String id = "legacy-" + UUID.randomUUID();
        mongo.insert(new Document("_id", id).append("clinicId", "running-shoe").append("serviceId", "physio-follow-up")
                .append("practitionerId", "maya-chen").append("patientId", RS_PATIENT).append("start", start)
                .append("end", start.plus(Duration.ofMinutes(30))).append("createdAt", Instant.now())
                .append("status", "BOOKED").append("revision", 1L).append("outbox", List.of())
                .append("outboxPending", false), "appointments");
        Claim claim = new Claim("maya-chen", start, start.plus(Duration.ofMinutes(30)), id, 1);
        assertThat(calendar.claim(calendar.read(List.of(new Span("maya-chen", claim.start(), claim.end()))),
                List.of(claim))).isEmpty();

        Response read = get("/api/appointments/" + id, DemoPersona.FRONTDESK_RUNNING_SHOE);
        Response cancelled = post("/api/appointments/" + id + "/cancel", Map.of(), DemoPersona.FRONTDESK_RUNNING_SHOE);

        assertThat(read.status()).as(read.text()).isEqualTo(200);
        assertThat(read.body().get("walkIn").asBoolean()).isFalse();
        assertThat(read.body().has("late")).isFalse();
        assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
        assertThat(cancelled.body().get("late").asBoolean()).isFalse();
        assertThat(CalendarDays.ofAppointment(mongo, id)).isEmpty();
    }
}
