package com.clinicbackbone.notification.clinic;

import java.time.ZoneId;

/**
 * What the notification service needs to know about a clinic.
 *
 * @param smsSenderAlias a neutral name used in SMS instead of the clinic's name (the default sender name of the
 *                       clinic's reminder policy)
 * @param bookingUrl     where patients book online (the link a recall invites them to)
 */
public record Clinic(String id, String name, ZoneId zone, String smsSenderAlias, String bookingUrl) {

    public static final ZoneId DEFAULT_ZONE = ZoneId.of("America/Edmonton");
    public static final String DEFAULT_SMS_SENDER_ALIAS = "Clinic";
    /** The local stack's patient pages (clinic-web). */
    public static final String DEFAULT_BOOKING_URL = "http://127.0.0.1:8090/";

    public Clinic {
        bookingUrl = bookingUrl == null || bookingUrl.isBlank() ? DEFAULT_BOOKING_URL : bookingUrl;
    }

    /** A clinic whose patients book at the default URL. */
    public Clinic(String id, String name, ZoneId zone, String smsSenderAlias) {
        this(id, name, zone, smsSenderAlias, null);
    }

    /** A clinic with the defaults filled in for every setting that is null. */
    public static Clinic withDefaults(String id, String name, ZoneId zone, String smsSenderAlias) {
        return withDefaults(id, name, zone, smsSenderAlias, null);
    }

    /** A clinic with the defaults filled in for every setting that is null. */
    public static Clinic withDefaults(String id, String name, ZoneId zone, String smsSenderAlias, String bookingUrl) {
        return new Clinic(id, name == null ? id : name, zone == null ? DEFAULT_ZONE : zone,
                smsSenderAlias == null ? DEFAULT_SMS_SENDER_ALIAS : smsSenderAlias, bookingUrl);
    }

    /** The same clinic with another SMS sender name (the one its reminder policy sets). */
    public Clinic withSenderName(String senderName) {
        return new Clinic(id, name, zone, senderName, bookingUrl);
    }
}
