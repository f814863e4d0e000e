package com.clinicbackbone.notification.appointment;

public enum AppointmentStatus {
    BOOKED, CANCELLED
}
