package com.clinicbackbone.booking;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicbackbone.booking.appointment.Appointment;
import com.clinicbackbone.booking.appointment.AppointmentService;
import com.clinicbackbone.booking.appointment.AppointmentStatus;
import com.clinicbackbone.booking.appointment.Appointments;
import com.clinicbackbone.booking.appointment.Party;
import com.clinicbackbone.booking.appointment.PractitionerCalendar;
import com.clinicbackbone.booking.appointment.PractitionerCalendar.Claim;
import com.clinicbackbone.booking.appointment.PractitionerCalendar.Span;
import com.clinicbackbone.booking.idempotency.IdempotencyKeys;
import com.clinicbackbone.booking.idempotency.IdempotencyRecord;
import com.clinicbackbone.booking.idempotency.StoredResponse;
import com.clinicbackbone.booking.patient.PatientRegistry;
import com.clinicbackbone.booking.retention.Retention;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Retention against the MongoDB-wire server, with a clock the test moves: idempotency keys go a day after they were
 * made, past calendar days go (their appointments stay), finished appointments move to the archive once ended long
 * enough ago (reads by id still find them), and an interrupted earlier run is finished.
 */
class RetentionIntegrationTest extends AbstractIntegrationTest {

    static final Duration KEEP_FINISHED = Duration.ofDays(400);

    @Autowired
    IdempotencyKeys keys;
    @Autowired
    PractitionerCalendar calendar;
    @Autowired
    AppointmentService service;
    @Autowired
    Appointments appointments;
    @Autowired
    PatientRegistry registry;

    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    Retention retention() {
        return new Retention(keys, calendar, service, clock, new Retention.Policy(Duration.ofHours(24),
                Duration.ofDays(2), KEEP_FINISHED, 3, 10_000));
    }

    @Test
    void idempotencyKeysAreRemovedADayAfterTheyWereMade() {
        Instant now = clock.instant();
        for (int i = 0; i < 7; i++) { // more than two batches
            keys.insertIfAbsent(key("old-" + i, now.minus(Duration.ofHours(25))));
        }
        keys.insertIfAbsent(key("recent", now.minus(Duration.ofHours(23))));

        assertThat(retention().runOnce().idempotencyKeys()).isGreaterThanOrEqualTo(7);

        assertThat(keyRecords()).extracting(it -> it.getString("key")).containsExactly("recent");
        clock.advance(Duration.ofHours(2));
        retention().runOnce();
        assertThat(keyRecords()).isEmpty();
    }

    @Test
    void pastCalendarDaysAreRemovedAndTheirAppointmentsStay() {
        Instant past = clock.instant().minus(Duration.ofDays(5));
        Instant yesterday = clock.instant().minus(Duration.ofDays(1));
        Instant ahead = clock.instant().plus(Duration.ofDays(30));
        for (Instant start : List.of(past, yesterday, ahead)) {
            claim(new Claim("retention-practitioner", start, start.plus(Duration.ofMinutes(30)), "apt-" + start, 1));
        }
        appointments.add(appointment("retention-past-visit", AppointmentStatus.COMPLETED, past));

        retention().runOnce();

        assertThat(CalendarDays.all(mongo)).filteredOn(it -> it.owner().equals("retention-practitioner"))
                .extracting(CalendarDays.Bucket::appointmentId).containsOnly("apt-" + yesterday, "apt-" + ahead);
        assertThat(service.get("retention-past-visit").status()).isEqualTo(AppointmentStatus.COMPLETED);
    }

    @Test
    void finishedAppointmentsMoveToTheArchiveAndAreStillFoundById() {
        Instant longAgo = clock.instant().minus(KEEP_FINISHED).minus(Duration.ofDays(1));
        Instant notThatLongAgo = clock.instant().minus(KEEP_FINISHED).plus(Duration.ofDays(1));
        String erasedPatient = "retention-erased-patient";
        registry.applyLinked(erasedPatient, "running-shoe", 1);
        appointments.add(appointment("retention-completed", AppointmentStatus.COMPLETED, longAgo));
        appointments.add(appointment("retention-no-show", AppointmentStatus.NO_SHOW, longAgo));
        appointments.add(appointment("retention-recent", AppointmentStatus.COMPLETED, notThatLongAgo));
        appointments.add(appointment("retention-never-finished", AppointmentStatus.BOOKED, longAgo));
        Appointment cancelled = Appointment.restore("retention-cancelled", "running-shoe", "physio-follow-up",
                "maya-chen", erasedPatient, longAgo, longAgo.plus(Duration.ofMinutes(30)), longAgo, false,
                AppointmentStatus.CANCELLED, 2, longAgo, "knee surgery", Party.CLINIC, false, 0, 0, null);
        appointments.add(cancelled);
        registry.applyErased(erasedPatient, 2); // erased as the cancellation was being archived: its note was lost
        // an earlier run copied this one to the archive and stopped before removing it
        mongo.insert(mongo.findById("retention-completed", Document.class, "appointments"), "appointments_archive");

        int archived = retention().runOnce().archivedAppointments();

        assertThat(archived).isGreaterThanOrEqualTo(3);
        assertThat(ids("appointments")).contains("retention-recent", "retention-never-finished")
                .doesNotContain("retention-completed", "retention-no-show", "retention-cancelled");
        assertThat(ids("appointments_archive")).contains("retention-completed", "retention-no-show",
                "retention-cancelled").doesNotContain("retention-recent", "retention-never-finished");
        assertThat(service.get("retention-completed").status()).isEqualTo(AppointmentStatus.COMPLETED);
        assertThat(service.get("retention-cancelled").cancellationReason()).isNull();
        assertThat(retention().runOnce().archivedAppointments()).isZero();
    }

    private void claim(Claim claim) {
        assertThat(calendar.claim(calendar.read(List.of(new Span(claim.owner(), claim.start(), claim.end()))),
                List.of(claim))).isEmpty();
    }

    private static Appointment appointment(String id, AppointmentStatus status, Instant start) {
        return Appointment.restore(id, "running-shoe", "physio-follow-up", "maya-chen", "retention-patient", start,
                start.plus(Duration.ofMinutes(30)), start.minus(Duration.ofDays(7)), false, status, 3, null, null,
                null, null, 0, 0, null);
    }

    private static IdempotencyRecord key(String key, Instant createdAt) {
        return new IdempotencyRecord("retention-subject", key, "fingerprint", "resource-" + key, "token", createdAt,
                createdAt.plusSeconds(30), new StoredResponse(201, "resource-" + key, "{}"));
    }

    private List<Document> keyRecords() {
        return mongo.findAll(Document.class, "idempotency_keys").stream()
                .filter(it -> "retention-subject".equals(it.getString("subject"))).toList();
    }

    private List<String> ids(String collection) {
        return mongo.findAll(Document.class, collection).stream().map(it -> it.getString("_id")).toList();
    }
}
