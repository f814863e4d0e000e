package com.clinicbackbone.events;

/** Kafka topic names. Every topic is keyed by the id of the aggregate its events are about. */
public final class Topics {

    /** Appointment lifecycle events, key = appointment id. Published by booking-service. */
    public static final String APPOINTMENTS = "clinic.appointments.v1";

    /**
     * Treatment course events (planned, session rescheduled, cancelled; ids only), key = course id. Published by
     * booking-service.
     */
    public static final String COURSES = "clinic.courses.v1";

    /**
     * Waitlist events (offered, accepted, declined, expired, withdrawn; ids only), key = waitlist entry id. Published
     * by booking-service.
     */
    public static final String WAITLIST = "clinic.waitlist.v1";

    /** Recalls of unfinished treatment (opened, closed; ids only), key = recall id. Published by booking-service. */
    public static final String RECALLS = "clinic.recalls.v1";

    /** Patient registry events (ids only), key = patient id. Published by patient-service. */
    public static final String PATIENTS = "clinic.patients.v1";

    /**
     * The contact directory: the latest contact record per patient, key = patient id.
     * Compacted; a tombstone (null value) erases the patient's contact details.
     * The only topic that carries contact details.
     */
    public static final String PATIENT_CONTACTS = "clinic.patient-contacts.v1";

    /**
     * Delivery outcomes worth acting on (ids and codes only), key = notification id; and the patients' SMS replies
     * ({@link SmsOptOutChanged}, {@link AppointmentReplyReceived}, {@link WaitlistOfferReplyReceived}) and offers that
     * reached nobody ({@link WaitlistOfferUndeliverable}), key = patient id. Published by
     * notification-service.
     */
    public static final String NOTIFICATIONS = "clinic.notifications.v1";

    private Topics() {
    }
}
