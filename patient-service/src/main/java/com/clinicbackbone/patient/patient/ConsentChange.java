package com.clinicbackbone.patient.patient;

/**
 * A consent as submitted ({@code channel} {@code EMAIL} or {@code SMS}); {@link Patient#recordConsents} checks it.
 */
public record ConsentChange(String channel, Boolean granted, String method) {
}
