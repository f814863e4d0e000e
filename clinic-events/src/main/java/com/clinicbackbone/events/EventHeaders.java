package com.clinicbackbone.events;

/**
 * Kafka header names of the event envelope: CloudEvents 1.0 attributes in the Kafka protocol
 * binding's binary mode ({@code ce_} prefix) plus two extension attributes.
 */
public final class EventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    /** UUID of the event; consumers use it as the de-duplication key. */
    public static final String ID = "ce_id";
    /** Stable logical name, for example {@code clinic.appointment.booked.v1}. */
    public static final String TYPE = "ce_type";
    /** The service that produced the event, for example {@code /booking-service}. */
    public static final String SOURCE = "ce_source";
    /** When the change happened (ISO-8601 instant). */
    public static final String TIME = "ce_time";
    /** The aggregate id; also the Kafka record key. */
    public static final String SUBJECT = "ce_subject";
    /** Extension: the clinic the event belongs to (may be absent for clinic-less facts). */
    public static final String CLINIC_ID = "ce_clinicid";
    /** Extension: the aggregate revision, growing with every change of that aggregate. */
    public static final String REVISION = "ce_revision";
    public static final String CONTENT_TYPE = "content-type";

    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String JSON = "application/json";

    private EventHeaders() {
    }
}
