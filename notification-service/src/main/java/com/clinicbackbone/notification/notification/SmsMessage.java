package com.clinicbackbone.notification.notification;

public record SmsMessage(String to, String body) {
}
