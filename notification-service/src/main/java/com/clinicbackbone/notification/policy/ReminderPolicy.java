package com.clinicbackbone.notification.policy;

import com.clinicbackbone.notification.contact.Channel;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a clinic sends: confirmations (on book, change, cancel), reminders at offsets before the start (each with
 * its channels), aftercare after a completed visit, quiet hours in the clinic's zone, the sender name shown to
 * patients, and how recalls of unfinished treatment invite them. Valid by construction: offsets positive, whole minutes and distinct, every reminder with a channel.
 */
public record ReminderPolicy(Confirmations confirmations, List<Reminder> reminders, boolean aftercare,
                             QuietHours quietHours, String senderName, Recall recall) {

    /** A policy with the default recalls ({@link Recall#DEFAULT}). */
    public ReminderPolicy(Confirmations confirmations, List<Reminder> reminders, boolean aftercare,
                          QuietHours quietHours, String senderName) {
        this(confirmations, reminders, aftercare, quietHours, senderName, Recall.DEFAULT);
    }

    public ReminderPolicy {
        recall = recall == null ? Recall.DEFAULT : recall;
        if (confirmations == null || reminders == null || quietHours == null || senderName == null
                || senderName.isBlank()) {
            throw new IllegalArgumentException("confirmations, reminders, quietHours and senderName are required");
        }
        Set<Duration> offsets = new HashSet<>();
        for (Reminder reminder : reminders) {
            if (!offsets.add(reminder.offset())) {
                throw new IllegalArgumentException("offset " + reminder.offset() + " appears twice");
            }
        }
        reminders = reminders.stream().sorted(Comparator.comparing(Reminder::offset).reversed()).toList();
    }

    /** Today's behaviour: every confirmation, email 48 h, SMS 24 h and 2 h, aftercare, quiet 21:00-08:00. */
    public static ReminderPolicy defaults(String senderName) {
        return new ReminderPolicy(new Confirmations(true, true, true),
                List.of(new Reminder(Duration.ofHours(48), Set.of(Channel.EMAIL)),
                        new Reminder(Duration.ofHours(24), Set.of(Channel.SMS)),
                        new Reminder(Duration.ofHours(2), Set.of(Channel.SMS))),
                true, new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0)), senderName);
    }

    public record Confirmations(boolean booked, boolean changed, boolean cancelled) {
    }

    /**
     * Invitations to book what is left of a treatment (a recall): on or off, the first {@code every} after the recall
     * opened and then every {@code every} again, {@code times} in all (at most once a period), until it closes.
     */
    public record Recall(boolean enabled, Duration every, int times) {

        public static final Recall DEFAULT = new Recall(true, Duration.ofDays(14), 2);
        public static final int MAX_TIMES = 10;

        public Recall {
            if (every == null || every.compareTo(Duration.ofHours(1)) < 0 || every.toSeconds() % 60 != 0) {
                throw new IllegalArgumentException("a recall period is whole minutes, at least an hour");
            }
            if (times < 1 || times > MAX_TIMES) {
                throw new IllegalArgumentException("a recall is sent 1 to " + MAX_TIMES + " times");
            }
        }
    }

    /** A reminder {@code offset} before the start, on each of {@code channels}. */
    public record Reminder(Duration offset, Set<Channel> channels) {

        public Reminder {
            if (offset == null || offset.isNegative() || offset.isZero()) {
                throw new IllegalArgumentException("a reminder offset must be positive");
            }
            if (offset.toSeconds() % 60 != 0 || offset.getNano() != 0) {
                throw new IllegalArgumentException("a reminder offset is whole minutes");
            }
            if (channels == null || channels.isEmpty()) {
                throw new IllegalArgumentException("a reminder needs at least one channel");
            }
            channels = Set.copyOf(channels);
        }

        /**
         * When the reminder is due for a visit starting at {@code start}: whole days are counted in the clinic's
         * local time (so a 24 h reminder fires at the visit's local hour across a DST change), the rest exactly.
         */
        public ZonedDateTime dueBefore(ZonedDateTime start) {
            long days = offset.toDays();
            return start.minusDays(days).minus(offset.minusDays(days));
        }
    }

    /**
     * No message goes out from {@code start} (inclusive) to {@code end} (exclusive), local time; a period with
     * start after end spans midnight. Equal times mean no quiet hours.
     */
    public record QuietHours(LocalTime start, LocalTime end) {

        public QuietHours {
            if (start == null || end == null) {
                throw new IllegalArgumentException("quiet hours need a start and an end");
            }
        }

        public boolean contains(LocalTime time) {
            if (start.equals(end)) {
                return false;
            }
            return start.isBefore(end)
                    ? !time.isBefore(start) && time.isBefore(end)
                    : !time.isBefore(start) || time.isBefore(end);
        }

        /** The end of the quiet period {@code at} lies in (call only when {@link #contains} is true). */
        public ZonedDateTime endOfPeriod(ZonedDateTime at) {
            ZoneId zone = at.getZone();
            boolean endsTomorrow = start.isAfter(end) && !at.toLocalTime().isBefore(start);
            return ZonedDateTime.of(at.toLocalDate().plusDays(endsTomorrow ? 1 : 0), end, zone);
        }
    }
}
