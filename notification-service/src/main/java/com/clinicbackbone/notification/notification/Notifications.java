package com.clinicbackbone.notification.notification;

import com.clinicbackbone.notification.delivery.ProviderStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The notifications store (port). */
public interface Notifications {

    /** Stores the notification unless one with the same id exists (then nothing changes). */
    void addIfAbsent(Notification notification);

    /** Marks the appointment's SCHEDULED reminders CANCELLED with the reason. */
    void cancelScheduledReminders(String appointmentId, String reason);

    /**
     * Marks the appointment's SCHEDULED notifications of that kind planned for a revision older than
     * {@code revision} CANCELLED with the reason (what an earlier plan left pending when the appointment moved).
     */
    void cancelScheduledPlannedBefore(String appointmentId, NotificationKind kind, long revision, String reason);

    /** Marks every SCHEDULED notification of the patient CANCELLED with the reason. */
    void cancelScheduledOf(String patientId, String reason);

    /** Marks the patient's notifications CANCELLED with exactly this reason SCHEDULED again (reason cleared). */
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

    /**
     * Writes the outcome of a claim; does nothing (returns false) when the claim was lost meanwhile
     * (lease expired and taken over) or the notification is no longer SCHEDULED (cancelled meanwhile).
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

    /** A notification taken for sending, with the token that proves the claim. */
    record Claim(Notification notification, String token) {
    }
}
