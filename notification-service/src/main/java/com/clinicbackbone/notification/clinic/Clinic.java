package com.clinicbackbone.notification.clinic;

import java.time.ZoneId;

/**
 * What the notification service needs to know about a clinic.
 *
 * @param smsSenderAlias a neutral name used in SMS instead of the clinic's name (the default sender name of the
 *                       clinic's reminder policy)
 */
public record Clinic(String id, String name, ZoneId zone, String smsSenderAlias) {

    public static final ZoneId DEFAULT_ZONE = ZoneId.of("America/Edmonton");
    public static final String DEFAULT_SMS_SENDER_ALIAS = "Clinic";

    /** A clinic with the defaults filled in for every setting that is null. */
    public static Clinic withDefaults(String id, String name, ZoneId zone, String smsSenderAlias) {
        return new Clinic(id, name == null ? id : name, zone == null ? DEFAULT_ZONE : zone,
                smsSenderAlias == null ? DEFAULT_SMS_SENDER_ALIAS : smsSenderAlias);
    }

    /** The same clinic with another SMS sender name (the one its reminder policy sets). */
    public Clinic withSenderName(String senderName) {
        return new Clinic(id, name, zone, senderName);
    }
}
