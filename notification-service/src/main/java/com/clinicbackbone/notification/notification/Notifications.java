package com.clinicbackbone.notification.notification;

import com.clinicbackbone.notification.delivery.ProviderStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The notifications store (port). Every write names the notifications by id (the planner knows them: they are
 * kept with the appointment they belong to), so a store can serve each from its key.
 */
public interface Notifications {

    /**
     * One ordered change of an appointment's notifications: first the cancellations, then the additions (a
     * notification that exists already is left as it is).
     *
     * @return the additions stored now (not those that existed)
     */
    List<Notification> plan(List<Cancellation> cancellations, List<Notification> additions);

    /** Cancel the notification with this id, if it is still SCHEDULED, for the reason. */
    record Cancellation(String notificationId, String reason) {
    }

    /**
     * Stores the notification unless one with the same id exists (then nothing changes).
     *
     * @return true when it was stored now
     */
    default boolean addIfAbsent(Notification notification) {
        return !plan(List.of(), List.of(notification)).isEmpty();
    }

    /*
     * Cancelling: a SCHEDULED notification that no dispatcher is handling becomes CANCELLED with the reason at once.
     * One under a claim is not changed under its holder's feet (it may be with the provider right now): it
     * carries the cancellation as requested ({@link Claim#cancelRequested()}) and the holder's outcome settles it
     * ({@link #complete}): what was handed to a provider keeps its real outcome, anything else becomes CANCELLED.
     * A claim whose holder stopped carries it to whoever takes the notification over.
     */

    /** Cancels those of the given notifications that are still SCHEDULED, with the reason. */
    default void cancelScheduled(Collection<String> notificationIds, String reason) {
        plan(notificationIds.stream().map(id -> new Cancellation(id, reason)).toList(), List.of());
    }

    /**
     * Of the given notifications, those CANCELLED with exactly this reason become SCHEDULED again (reason cleared),
     * and a cancellation with this reason still requested of one being handled is withdrawn.
     */
    void rescheduleCancelled(Collection<String> notificationIds, String reason);

    /** Moves the given notifications, whatever their status, to {@code toPatientId}. */
    void reassignPatient(Collection<String> notificationIds, String toPatientId);

    /**
     * Claims the SCHEDULED notification whose next attempt is the earliest at or before {@code now}, unless
     * another claim on it is still running; the claim lasts {@code lease}. Atomic across instances. The claim's
     * token starts with {@code holder} (the instance id) so a lease left behind shows who held it.
     */
    default Optional<Claim> claimNextDue(Instant now, Duration lease, String holder) {
        return claimDue(now, lease, holder, 1).stream().findFirst();
    }

    /**
     * Claims up to {@code max} due notifications, earliest first (among those due in the same second a store may
     * take them in an order of its own, so that instances claiming at once rarely want the same ones), each
     * exactly as {@link #claimNextDue} would.
     */
    List<Claim> claimDue(Instant now, Duration lease, String holder, int max);

    /**
     * When the store next expects a notification to become due, as far as this instance knows (its own writes and
     * what it last read); empty when it knows of none. The dispatcher sleeps until then at the latest.
     */
    Optional<Instant> nextDue();

    /** Gives claims back unhandled (their lease dropped, nothing else changed), e.g. what a slow batch left. */
    void release(List<Claim> claims);

    /**
     * Writes the outcome of a claim; does nothing (returns false) when the claim was lost meanwhile (lease expired
     * and taken over) or the notification is no longer SCHEDULED. When a cancellation was requested meanwhile, the
     * outcome is settled by {@link Notification#settledWithCancellation}: handed to the provider, it is stored with
     * the cancellation noted in its reason; otherwise the notification is stored CANCELLED. An outcome still
     * SCHEDULED (a retry, a deferral) is due again at its {@link Notification#nextAttemptAt()}.
     */
    boolean complete(Claim claim, Notification outcome);

    /** Notifications matching every given (non-null) filter, ordered by due time (for screens). */
    List<Notification> find(String appointmentId, String patientId);

    /** The notifications with these ids (those that exist), in no particular order. */
    List<Notification> findAll(Collection<String> notificationIds);

    /**
     * Records a provider delivery status (its Twilio value) for the notification unless a later status is recorded
     * already; a {@code delivered} status also records {@code at} as its delivery time.
     *
     * @param expected the status the notification is expected to show now (what the delivery log held before this
     *                 callback; null for none): a store may write on that condition first and look only when it
     *                 does not hold
     * @return the notification as it was before, when the status was recorded; empty when it was not (unknown
     *         notification, or a later status recorded)
     */
    Optional<Notification> recordDeliveryStatus(String notificationId, ProviderStatus expected,
                                                ProviderStatus deliveryStatus, Instant at);

    /**
     * How many SCHEDULED notifications were due before {@code before} and are still waiting (for the overdue
     * gauge); a store answers from what it keeps for the dispatcher, without counting the collection.
     */
    long countOverdue(Instant before);

    /**
     * A notification taken for sending, with the token that proves the claim.
     *
     * @param takenOver       an earlier claim on it expired without an outcome (its holder stopped, perhaps while
     *                        handing it to the provider: look at the delivery log first)
     * @param cancelRequested the reason of a cancellation requested while it was under that earlier claim, if any
     */
    record Claim(Notification notification, String token, boolean takenOver, String cancelRequested) {

        public Claim(Notification notification, String token) {
            this(notification, token, false, null);
        }
    }
}
