package com.clinicbackbone.notification.notification;

import com.clinicbackbone.notification.delivery.ProviderStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The notifications store (port). */
public interface Notifications {

    /**
     * Stores the notification unless one with the same id exists (then nothing changes).
     *
     * @return true when it was stored now
     */
    boolean addIfAbsent(Notification notification);

    /*
     * Cancelling: a SCHEDULED notification that no dispatcher is handling becomes CANCELLED with the reason at once.
     * One under a live claim is not changed under its holder's feet (it may be with the provider right now): it
     * carries the cancellation as requested ({@link Claim#cancelRequested()}) and the holder's outcome settles it
     * ({@link #complete}): what was handed to a provider keeps its real outcome, anything else becomes CANCELLED.
     */

    /** Cancels the appointment's SCHEDULED reminders with the reason. */
    void cancelScheduledReminders(String appointmentId, String reason);

    /**
     * Cancels the appointment's SCHEDULED notifications of that kind planned for a revision older than
     * {@code revision} with the reason (what an earlier plan left pending when the appointment moved).
     */
    void cancelScheduledPlannedBefore(String appointmentId, NotificationKind kind, long revision, String reason);

    /** Cancels every SCHEDULED notification of the patient with the reason. */
    void cancelScheduledOf(String patientId, String reason);

    /**
     * Marks the patient's notifications CANCELLED with exactly this reason SCHEDULED again (reason cleared), and
     * withdraws a cancellation with this reason still requested of one being handled.
     */
    void rescheduleCancelledOf(String patientId, String reason);

    /** Moves every notification of {@code fromPatientId}, whatever its status, to {@code toPatientId}. */
    void reassignPatient(String fromPatientId, String toPatientId);

    /**
     * Claims the SCHEDULED notification whose next attempt is the earliest at or before {@code now}, unless
     * another claim on it is still running; the claim lasts {@code lease}. Atomic across instances. The claim's
     * token starts with {@code holder} (the instance id) so a lease left behind shows who held it.
     */
    Optional<Claim> claimNextDue(Instant now, Duration lease, String holder);

    /**
     * Claims up to {@code max} due notifications, earliest first, each exactly as {@link #claimNextDue} would
     * (a store may do it with one search for the batch instead of one per notification).
     */
    default List<Claim> claimDue(Instant now, Duration lease, String holder, int max) {
        List<Claim> claims = new java.util.ArrayList<>();
        Optional<Claim> next;
        while (claims.size() < max && (next = claimNextDue(now, lease, holder)).isPresent()) {
            claims.add(next.get());
        }
        return claims;
    }

    /** Gives claims back unhandled (their lease dropped, nothing else changed), e.g. what a slow batch left. */
    void release(List<Claim> claims);

    /**
     * Writes the outcome of a claim; does nothing (returns false) when the claim was lost meanwhile (lease expired
     * and taken over) or the notification is no longer SCHEDULED. When a cancellation was requested meanwhile, the
     * outcome is settled by {@link Notification#settledWithCancellation}: handed to the provider, it is stored with
     * the cancellation noted in its reason; otherwise the notification is stored CANCELLED.
     */
    boolean complete(Claim claim, Notification outcome);

    /** Notifications matching every given (non-null) filter, ordered by due time. */
    List<Notification> find(String appointmentId, String patientId);

    /**
     * Records a provider delivery status (its Twilio value) for the notification sent with that provider message
     * id unless a later status is recorded already; a {@code delivered} status also records {@code at} as its
     * delivery time.
     */
    boolean recordDeliveryStatus(String providerMessageId, ProviderStatus deliveryStatus, Instant at);

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
