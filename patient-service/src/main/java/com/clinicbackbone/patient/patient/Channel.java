package com.clinicbackbone.patient.patient;

/** A channel a patient can choose to receive messages on. */
public enum Channel {
    EMAIL, SMS
}
