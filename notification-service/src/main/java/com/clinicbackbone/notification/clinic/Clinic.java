package com.clinicbackbone.notification.clinic;

import java.time.Duration;
import java.time.ZoneId;

/**
 * What the notification service needs to know about a clinic.
 *
 * @param smsSenderAlias a neutral name used in SMS instead of the clinic's name
 * @param reminderOffset how long before the start a reminder goes out
 */
public record Clinic(String id, String name, ZoneId zone, String smsSenderAlias, Duration reminderOffset) {

    public static final ZoneId DEFAULT_ZONE = ZoneId.of("America/Edmonton");
    public static final Duration DEFAULT_REMINDER_OFFSET = Duration.ofHours(24);
    public static final String DEFAULT_SMS_SENDER_ALIAS = "Clinic";

    /** A clinic with the defaults filled in for every setting that is null. */
    public static Clinic withDefaults(String id, String name, ZoneId zone, String smsSenderAlias,
                                      Duration reminderOffset) {
        return new Clinic(id, name == null ? id : name, zone == null ? DEFAULT_ZONE : zone,
                smsSenderAlias == null ? DEFAULT_SMS_SENDER_ALIAS : smsSenderAlias,
                reminderOffset == null ? DEFAULT_REMINDER_OFFSET : reminderOffset);
    }
}
