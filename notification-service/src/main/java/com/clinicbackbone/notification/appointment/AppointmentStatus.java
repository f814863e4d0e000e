package com.clinicbackbone.notification.appointment;

/** Where an appointment stands, as booking-service's events tell; the visit is still to come while BOOKED or CONFIRMED. */
public enum AppointmentStatus {
    BOOKED, CONFIRMED, CHECKED_IN, COMPLETED, NO_SHOW, CANCELLED
}
