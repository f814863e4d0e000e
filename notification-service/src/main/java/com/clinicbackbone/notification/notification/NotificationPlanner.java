package com.clinicbackbone.notification.notification;

import com.clinicbackbone.notification.appointment.Appointment;
import com.clinicbackbone.notification.appointment.AppointmentStatus;
import com.clinicbackbone.notification.appointment.Appointments;
import com.clinicbackbone.notification.appointment.Appointments.Stored;
import com.clinicbackbone.notification.clinic.Clinic;
import com.clinicbackbone.notification.clinic.Clinics;
import com.clinicbackbone.notification.contact.Channel;
import com.clinicbackbone.notification.patient.PatientRegistry;
import com.clinicbackbone.notification.policy.ReminderPolicies;
import com.clinicbackbone.notification.policy.ReminderPolicy;
import com.clinicbackbone.notification.notification.Notifications.Cancellation;
import com.clinicbackbone.notification.patient.PatientRegistry.Standing;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns appointment events into scheduled notifications. The projection is written first (only when the event
 * is not older than what is stored: a compare-and-set on what was read), with the ids of the notifications the
 * event plans, then the notifications in one write (cancellations and additions), which have deterministic ids: a
 * redelivery of the same revision completes whatever a crash left undone and creates nothing twice. What a later
 * event cancels it names by those stored ids. An event for an appointment not stored yet naming a patient id
 * retired by a merge is planned for the survivor, and for an erased patient the notifications are stored
 * cancelled; for a stored appointment of the same patient the registry is not read again (a merge re-points the
 * stored appointments, an erasure marks them).
 * What is planned follows the clinic's current {@link ReminderPolicy} at the time of the booking or move:
 * <ul>
 * <li>Booked: a confirmation now per channel (when the policy confirms bookings) and each reminder of the policy
 * on each of its channels, due its offset before the start (whole days in the clinic's local time).</li>
 * <li>Moved: the reminders (and an unsent change notice) of earlier revisions are cancelled, reminders for the
 * new start and a change notice (when the policy confirms changes) are planned under ids carrying the new
 * revision.</li>
 * <li>Confirmed: the reminders stay (the visit still happens). Checked in, completed or no-show: pending
 * reminders are cancelled. Completed: the service's aftercare instructions by email, when the service has some
 * and the policy sends aftercare. Cancelled: pending reminders are cancelled and a cancellation notice is planned (when
 * the policy confirms cancellations).</li>
 * </ul>
 * The dispatcher checks again at send time ({@link #whyNoReminder}), so a reminder whose cancellation raced
 * with its sending is not sent either.
 */
public final class NotificationPlanner {

    static final String REMINDER_TOO_LATE = "reminder time had already passed at booking";
    static final String REMINDER_TOO_LATE_AFTER_MOVE = "reminder time had already passed when the appointment moved";
    static final String APPOINTMENT_CANCELLED = "appointment cancelled";
    static final String APPOINTMENT_MOVED = "appointment moved";
    static final String MOVED_AGAIN = "appointment moved again";
    static final String VISIT_TOOK_PLACE = "visit already took place";
    static final String NO_SHOW = "no-show";
    /** How often an event is tried again when the stored appointment changed between its read and its write. */
    private static final int MAX_ATTEMPTS = 10;

    private final Appointments appointments;
    private final Notifications notifications;
    private final Clinics clinics;
    private final ReminderPolicies policies;
    private final PatientRegistry patients;
    private final Clock clock;

    public NotificationPlanner(Appointments appointments, Notifications notifications, Clinics clinics,
                               ReminderPolicies policies, PatientRegistry patients, Clock clock) {
        this.appointments = appointments;
        this.policies = policies;
        this.patients = patients;
        this.notifications = notifications;
        this.clinics = clinics;
        this.clock = clock;
    }

    /** Applies a booking; returns false (and changes nothing) when a newer revision is known. */
    public boolean booked(Appointment event) {
        return apply(event, true, (appointment, planned, erased, now) -> {
            ReminderPolicy policy = policyOf(appointment);
            List<Notification> additions = new ArrayList<>();
            if (policy.confirmations().booked()) {
                for (Channel channel : Channel.values()) {
                    additions.add(unlessErased(erased,
                            Notification.scheduled(appointment, NotificationKind.CONFIRMATION, channel, now)));
                }
            }
            additions.addAll(reminders(appointment, policy, erased, now, false));
            return new Plan(List.of(), additions);
        });
    }

    /**
     * Applies a move to a new start; returns false (and changes nothing) when a newer revision is known. What
     * earlier revisions planned and is still pending is cancelled, then the new plan is added (ids with the
     * revision), so a redelivery finds the new plan in place and changes nothing.
     */
    public boolean rescheduled(Appointment event) {
        return apply(event, false, (appointment, planned, erased, now) -> {
            List<Cancellation> cancellations = new ArrayList<>(plannedBefore(planned, appointment,
                    NotificationKind.REMINDER, APPOINTMENT_MOVED));
            cancellations.addAll(plannedBefore(planned, appointment, NotificationKind.CHANGE, MOVED_AGAIN));
            ReminderPolicy policy = policyOf(appointment);
            List<Notification> additions = new ArrayList<>();
            if (policy.confirmations().changed()) {
                for (Channel channel : Channel.values()) {
                    additions.add(unlessErased(erased,
                            Notification.scheduledForRevision(appointment, NotificationKind.CHANGE, channel, now)));
                }
            }
            additions.addAll(reminders(appointment, policy, erased, now, true));
            return new Plan(cancellations, additions);
        });
    }

    /**
     * Applies a change of status at the same time (confirmed, checked in, completed, no-show); returns false (and
     * changes nothing) when a newer revision is known. A confirmation keeps the reminders; once the visit took
     * place or was missed, the pending reminders are cancelled.
     */
    public boolean statusChanged(Appointment event) {
        return apply(event, false, (appointment, planned, erased, now) -> {
            List<Cancellation> cancellations = whyNoReminder(appointment.status())
                    .map(reason -> ofKind(planned, appointment, NotificationKind.REMINDER, reason))
                    .orElse(List.of());
            List<Notification> additions = new ArrayList<>();
            if (appointment.status() == AppointmentStatus.COMPLETED && policyOf(appointment).aftercare()
                    && clinics.aftercare(appointment.clinicId(), appointment.serviceId()).isPresent()) {
                additions.add(unlessErased(erased,
                        Notification.scheduled(appointment, NotificationKind.AFTERCARE, Channel.EMAIL, now)));
            }
            return new Plan(cancellations, additions);
        });
    }

    /** Applies a cancellation; returns false (and changes nothing) when a newer revision is known. */
    public boolean cancelled(Appointment event) {
        return apply(event, false, (appointment, planned, erased, now) -> {
            List<Cancellation> cancellations = ofKind(planned, appointment, NotificationKind.REMINDER,
                    APPOINTMENT_CANCELLED);
            List<Notification> additions = new ArrayList<>();
            if (policyOf(appointment).confirmations().cancelled()) {
                for (Channel channel : Channel.values()) {
                    additions.add(unlessErased(erased,
                            Notification.scheduled(appointment, NotificationKind.CANCELLATION, channel, now)));
                }
            }
            return new Plan(cancellations, additions);
        });
    }

    /** Why no reminder may go out for an appointment in this status; empty while the visit is upcoming. */
    static Optional<String> whyNoReminder(AppointmentStatus status) {
        return switch (status) {
            case BOOKED, CONFIRMED -> Optional.empty();
            case CHECKED_IN, COMPLETED -> Optional.of(VISIT_TOOK_PLACE);
            case NO_SHOW -> Optional.of(NO_SHOW);
            case CANCELLED -> Optional.of(APPOINTMENT_CANCELLED);
        };
    }

    /** What an event does to an appointment's notifications. */
    private record Plan(List<Cancellation> cancellations, List<Notification> additions) {
    }

    /** Works out an event's plan from the appointment (for the patient it is planned for) and what is planned. */
    @FunctionalInterface
    private interface Planning {
        Plan plan(Appointment appointment, Set<String> planned, boolean erased, Instant now);
    }

    /**
     * Stores the event's state with the ids of what it plans (a compare-and-set on what was read: looked at and
     * decided again when the stored appointment changed meanwhile), then writes the plan. A booking is usually
     * new: it is written without a read first.
     */
    private boolean apply(Appointment event, boolean booking, Planning planning) {
        Optional<Stored> stored = booking ? Optional.empty() : appointments.load(event.id());
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            if (stored.isPresent() && stored.get().appointment().revision() > event.revision()) {
                return false;
            }
            Standing patient = stored.isPresent() && stored.get().appointment().patientId().equals(event.patientId())
                    ? new Standing(event.patientId(), stored.get().patientErased())
                    : patients.standing(event.patientId());
            Appointment appointment = event.forPatient(patient.currentId());
            Plan plan = planning.plan(appointment, stored.map(Stored::plannedNotificationIds).orElse(Set.of()),
                    patient.erased(), clock.instant());
            if (appointments.save(appointment, plan.additions().stream().map(Notification::id).toList(),
                    stored.orElse(null))) {
                notifications.plan(plan.cancellations(), plan.additions());
                return true;
            }
            stored = appointments.load(event.id());
        }
        throw new IllegalStateException("appointment " + event.id() + " kept changing while its event was applied");
    }

    /** Cancel the planned notifications of that kind. */
    private static List<Cancellation> ofKind(Set<String> planned, Appointment appointment, NotificationKind kind,
                                             String reason) {
        return planned.stream().filter(id -> Notification.kindIn(id, appointment.id()) == kind).sorted()
                .map(id -> new Cancellation(id, reason)).toList();
    }

    /** Cancel the planned notifications of that kind that an earlier revision planned (a move to this one). */
    private static List<Cancellation> plannedBefore(Set<String> planned, Appointment appointment,
                                                    NotificationKind kind, String reason) {
        return planned.stream().filter(id -> Notification.kindIn(id, appointment.id()) == kind)
                .filter(id -> Notification.plannedForRevision(id, appointment.id()) < appointment.revision())
                .sorted().map(id -> new Cancellation(id, reason)).toList();
    }

    private List<Notification> reminders(Appointment appointment, ReminderPolicy policy, boolean erased, Instant now,
                                         boolean forMove) {
        Clinic clinic = clinics.clinic(appointment.clinicId());
        List<Notification> reminders = new ArrayList<>();
        for (ReminderPolicy.Reminder rule : policy.reminders()) {
            Instant due = rule.dueBefore(appointment.start().atZone(clinic.zone())).toInstant();
            for (Channel channel : Channel.values()) {
                if (rule.channels().contains(channel)) {
                    Notification reminder = Notification.reminder(appointment, channel, rule.offset(), due, forMove);
                    reminders.add(unlessErased(erased, due.isBefore(now)
                            ? reminder.skipped(forMove ? REMINDER_TOO_LATE_AFTER_MOVE : REMINDER_TOO_LATE)
                            : reminder));
                }
            }
        }
        return reminders;
    }

    private ReminderPolicy policyOf(Appointment appointment) {
        return policies.current(appointment.clinicId(), clinics.clinic(appointment.clinicId()).smsSenderAlias());
    }

    private static Notification unlessErased(boolean erased, Notification notification) {
        return erased && notification.status() == NotificationStatus.SCHEDULED
                ? notification.cancelled(PatientLifecycle.PATIENT_ERASED) : notification;
    }
}
