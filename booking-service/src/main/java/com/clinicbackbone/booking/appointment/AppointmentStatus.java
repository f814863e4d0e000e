package com.clinicbackbone.booking.appointment;

public enum AppointmentStatus {
    BOOKED,
    CANCELLED
}
