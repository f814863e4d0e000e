package com.clinicbackbone.booking.retention;

import com.clinicbackbone.booking.appointment.AppointmentService;
import com.clinicbackbone.booking.appointment.PractitionerCalendar;
import com.clinicbackbone.booking.idempotency.IdempotencyKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntUnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finished history leaves booking-service's hot collections: idempotency keys older than their retention are
 * removed; the calendars' past days are removed (their appointments stay); finished appointments (completed,
 * cancelled, no-show) that ended more than the retention ago move to the archive (where reads by id still find
 * them). Nothing a hot path needs goes: prerequisites are checked on the patient's registry document, not on past
 * appointments. Each kind goes in bounded batches; a run that is interrupted leaves nothing half-done that the
 * next run does not finish. Several instances may run it at once: every step is idempotent.
 */
public class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    /**
     * @param idempotencyKeys      how long an idempotency key is kept after it was created
     * @param calendarDays         how long a calendar day is kept after it ended
     * @param finishedAppointments how long a finished appointment stays in the hot collection after it ended
     * @param batchSize            documents per batch
     * @param maxBatches           batches per kind and run at most (the rest waits for the next run)
     */
    public record Policy(Duration idempotencyKeys, Duration calendarDays, Duration finishedAppointments,
                         int batchSize, int maxBatches) {

        /**
         * Refuses a calendar retention under one day (it would remove days still in use: a calendar day is kept by
         * the day, in the clinic's zone and around the clock's) and batches that are not positive (a limit of 0
         * would be no limit at all).
         */
        public Policy {
            if (calendarDays.compareTo(Duration.ofDays(1)) < 0) {
                throw new IllegalArgumentException("booking.retention.calendar-days must be at least 1 day (1d), not "
                        + calendarDays);
            }
            if (batchSize < 1 || maxBatches < 1) {
                throw new IllegalArgumentException("booking.retention.batch-size and max-batches must be at least 1");
            }
        }
    }

    /** How many documents of each kind a run removed or archived. */
    public record Outcome(int idempotencyKeys, int calendarDays, int archivedAppointments) {
    }

    private final IdempotencyKeys keys;
    private final PractitionerCalendar calendar;
    private final AppointmentService appointments;
    private final Clock clock;
    private final Policy policy;

    public Retention(IdempotencyKeys keys, PractitionerCalendar calendar, AppointmentService appointments,
                     Clock clock, Policy policy) {
        this.keys = keys;
        this.calendar = calendar;
        this.appointments = appointments;
        this.clock = clock;
        this.policy = policy;
    }

    public Outcome runOnce() {
        Instant now = clock.instant();
        Outcome outcome = new Outcome(
                inBatches(limit -> keys.removeCreatedBefore(now.minus(policy.idempotencyKeys()), limit)),
                inBatches(limit -> calendar.removeDaysBefore(now.minus(policy.calendarDays()), limit)),
                inBatches(limit -> appointments.archiveFinished(now.minus(policy.finishedAppointments()), limit)));
        if (outcome.idempotencyKeys() + outcome.calendarDays() + outcome.archivedAppointments() > 0) {
            log.info("Retention: {} idempotency keys and {} calendar days removed, {} appointments archived",
                    outcome.idempotencyKeys(), outcome.calendarDays(), outcome.archivedAppointments());
        }
        return outcome;
    }

    /** Runs the step batch after batch until one comes back short (or the batches of a run are used up). */
    private int inBatches(IntUnaryOperator step) {
        int total = 0;
        for (int batch = 0; batch < policy.maxBatches(); batch++) {
            int done = step.applyAsInt(policy.batchSize());
            total += done;
            if (done < policy.batchSize()) {
                break;
            }
        }
        return total;
    }
}
