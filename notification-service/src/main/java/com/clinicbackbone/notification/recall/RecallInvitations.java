package com.clinicbackbone.notification.recall;

import com.clinicbackbone.notification.clinic.Clinics;
import com.clinicbackbone.notification.contact.Channel;
import com.clinicbackbone.notification.notification.Notification;
import com.clinicbackbone.notification.notification.NotificationKind;
import com.clinicbackbone.notification.notification.Notifications;
import com.clinicbackbone.notification.policy.ReminderPolicies;
import com.clinicbackbone.notification.policy.ReminderPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Invitations to book what is left of a treatment, while booking-service's recall is open: per the clinic's recall
 * policy when it opened, the first one {@code every} after it and again every {@code every}, {@code times} in all, on
 * each channel (the dispatcher sends per the patient's channels and consents, and never in quiet hours: a recall always
 * waits for their end). When the recall closes (booked, course cancelled, handled, patient erased), what has not gone is
 * cancelled. Ids are deterministic ({@code <recallId>:RECALL:<CHANNEL>:<n>}): a redelivered event plans nothing twice.
 */
public final class RecallInvitations {

    static final String RECALL_CLOSED = "recall closed";

    private final Notifications notifications;
    private final ReminderPolicies policies;
    private final Clinics clinics;

    public RecallInvitations(Notifications notifications, ReminderPolicies policies, Clinics clinics) {
        this.notifications = notifications;
        this.policies = policies;
        this.clinics = clinics;
    }

    /** Plans the invitations of a recall opened at {@code openedAt}; returns how many (none when recalls are off). */
    public int opened(String recallId, String patientId, String clinicId, Instant openedAt) {
        if (!clinics.isKnown(clinicId)) {
            return 0;
        }
        ReminderPolicy.Recall policy = policies.current(clinicId, clinics.clinic(clinicId).smsSenderAlias()).recall();
        if (!policy.enabled()) {
            return 0;
        }
        List<Notification> invitations = new ArrayList<>();
        for (int n = 1; n <= policy.times(); n++) {
            Instant due = openedAt.plus(policy.every().multipliedBy(n));
            for (Channel channel : Channel.values()) {
                invitations.add(Notification.recall(recallId, patientId, clinicId, channel, n, due));
            }
        }
        notifications.plan(List.of(), invitations);
        return invitations.size();
    }

    /** The recall closed: every invitation not sent yet is cancelled. */
    public void closed(String recallId) {
        List<String> ids = new ArrayList<>();
        for (int n = 1; n <= ReminderPolicy.Recall.MAX_TIMES; n++) {
            for (Channel channel : Channel.values()) {
                ids.add(Notification.idOf(recallId, NotificationKind.RECALL, channel) + ":" + n);
            }
        }
        notifications.cancelScheduled(ids, RECALL_CLOSED);
    }
}
