package com.clinicbackbone.notification.history;

import com.clinicbackbone.notification.appointment.Appointment;
import com.clinicbackbone.notification.appointment.AppointmentStatus;
import com.clinicbackbone.notification.appointment.Appointments;
import com.clinicbackbone.notification.contact.Channel;
import com.clinicbackbone.notification.delivery.Deliveries;
import com.clinicbackbone.notification.delivery.Delivery;
import com.clinicbackbone.notification.delivery.DeliveryStatus;
import com.clinicbackbone.notification.delivery.ProviderStatus;
import com.clinicbackbone.notification.notification.Notification;
import com.clinicbackbone.notification.notification.NotificationKind;
import com.clinicbackbone.notification.notification.NotificationStatus;
import com.clinicbackbone.notification.notification.Notifications;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A year of past appointments at running-shoe as this service would have stored them: its copy of each appointment
 * (ids {@code history-<n>}, the same booking-service's history uses, patients {@code history-patient-<n>}, about five
 * visits each) with the five notifications it planned, all finished: the confirmation by email and SMS and the
 * reminder 24 h before by email and SMS (sent; for a cancelled visit the reminders were cancelled), and the aftercare
 * email after the visit (sent for a completed visit, skipped otherwise), with a delivery record for each one sent.
 * Of every 20 appointments 17 completed, 2 cancelled, 1 no-show; spread evenly over the year that ended yesterday.
 * Written in batches of {@value #BATCH} appointments, {@value #WRITERS} batches at once: one
 * {@link Notifications#plan} and one {@link Deliveries#addAll} per batch, one {@link Appointments#save} per
 * appointment.
 */
public final class NotificationHistory {

    static final int BATCH = 1000;
    /** Batches written at once (the collections are locked one at a time; the server has cores to spare). */
    static final int WRITERS = 4;
    static final String CLINIC = "running-shoe";
    static final String INSTANCE = "history";
    static final Duration REMINDER = Duration.ofHours(24);

    private final Appointments appointments;
    private final Notifications notifications;
    private final Deliveries deliveries;
    private final Clock clock;

    public NotificationHistory(Appointments appointments, Notifications notifications, Deliveries deliveries,
                               Clock clock) {
        this.appointments = appointments;
        this.notifications = notifications;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    /** Stores {@code count} past appointments with their notifications and deliveries. */
    public void store(int count) {
        Instant yesterday = clock.instant().minus(Duration.ofDays(1));
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> batches = new ArrayList<>();
            for (int from = 0; from < count; from += BATCH) {
                int first = from;
                batches.add(writers.submit(() -> storeBatch(first, Math.min(count, first + BATCH), count, yesterday)));
            }
            for (Future<?> batch : batches) {
                batch.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            writers.shutdownNow();
        }
    }

    /** Appointments [first, last) of {@code count}: one save each, one plan and one addAll for the batch. */
    private void storeBatch(int first, int last, int count, Instant yesterday) {
        List<Notification> planned = new ArrayList<>();
        List<Delivery> sent = new ArrayList<>();
        for (int i = first; i < last; i++) {
            Appointment appointment = appointment(i, count, yesterday);
            List<Notification> five = notificationsOf(appointment);
            appointments.save(appointment, five.stream().map(Notification::id).toList(), null);
            planned.addAll(five);
            five.stream().filter(n -> n.status() == NotificationStatus.SENT).map(NotificationHistory::delivery)
                    .forEach(sent::add);
        }
        notifications.plan(List.of(), planned);
        deliveries.addAll(sent);
    }

    /** The i-th of {@code count}: evenly over the 365 days before {@code end}, 45 minutes, a service with aftercare. */
    static Appointment appointment(int i, int count, Instant end) {
        long span = Duration.ofDays(365).toSeconds();
        Instant start = end.minusSeconds(span - span * i / Math.max(1, count)).truncatedTo(ChronoUnit.MINUTES);
        AppointmentStatus status = switch (i % 20) {
            case 5, 15 -> AppointmentStatus.CANCELLED;
            case 10 -> AppointmentStatus.NO_SHOW;
            default -> AppointmentStatus.COMPLETED;
        };
        return new Appointment("history-" + i, CLINIC, "sofia-ramirez",
                "history-patient-" + (i % Math.max(1, count / 5)),
                start, start.plus(Duration.ofMinutes(45)), status, 2, "massage-60");
    }

    static List<Notification> notificationsOf(Appointment appointment) {
        Instant booked = appointment.start().minus(Duration.ofDays(7));
        Instant reminded = appointment.start().minus(REMINDER);
        boolean cancelled = appointment.status() == AppointmentStatus.CANCELLED;
        boolean completed = appointment.status() == AppointmentStatus.COMPLETED;
        List<Notification> five = new ArrayList<>();
        for (Channel channel : Channel.values()) {
            five.add(finished(Notification.idOf(appointment.id(), NotificationKind.CONFIRMATION, channel), appointment,
                    NotificationKind.CONFIRMATION, channel, booked, NotificationStatus.SENT, null));
            five.add(finished(Notification.reminderIdOf(appointment.id(), channel, REMINDER), appointment,
                    NotificationKind.REMINDER, channel, reminded,
                    cancelled ? NotificationStatus.CANCELLED : NotificationStatus.SENT,
                    cancelled ? "appointment cancelled" : null));
        }
        five.add(finished(Notification.idOf(appointment.id(), NotificationKind.AFTERCARE, Channel.EMAIL), appointment,
                NotificationKind.AFTERCARE, Channel.EMAIL, appointment.end(),
                completed ? NotificationStatus.SENT : NotificationStatus.SKIPPED,
                completed ? null : "no visit took place"));
        return five;
    }

    private static Notification finished(String id, Appointment appointment, NotificationKind kind, Channel channel,
                                         Instant due, NotificationStatus status, String reason) {
        boolean sent = status == NotificationStatus.SENT;
        // a unique key of the notifications and of the delivery log: one per notification
        String providerId = !sent ? null : channel == Channel.SMS ? "SMhistory-" + id
                : "<" + id + "@history.clinic-backbone.local>";
        return new Notification(id, appointment.id(), appointment.patientId(), appointment.clinicId(), kind, channel,
                status, due, sent ? due : null, reason, sent ? 1 : 0, providerId,
                sent && channel == Channel.SMS ? ProviderStatus.DELIVERED.value() : null, due,
                appointment.revision(), appointment.start(), sent && channel == Channel.SMS ? due.plusSeconds(5) : null,
                null);
    }

    private static Delivery delivery(Notification sent) {
        return new Delivery(sent.id(), sent.channel(), DeliveryStatus.SENT, INSTANCE, 1, sent.providerMessageId(),
                null, sent.channel() == Channel.SMS ? ProviderStatus.DELIVERED : null, null, sent.sentAt(),
                sent.sentAt());
    }
}
