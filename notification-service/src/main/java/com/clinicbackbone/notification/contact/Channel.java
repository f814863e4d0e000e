package com.clinicbackbone.notification.contact;

/** A channel a patient can be reached on and can choose for messages. */
public enum Channel {
    EMAIL, SMS
}
