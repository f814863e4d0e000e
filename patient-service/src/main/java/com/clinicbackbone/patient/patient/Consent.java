package com.clinicbackbone.patient.patient;

import java.time.Instant;

/**
 * The patient's answer about being contacted on one channel, and when and how it was given.
 *
 * @param method how it was given, for example {@code verbal at front desk}, {@code online form}, {@code written}
 */
public record Consent(Channel channel, boolean granted, String method, Instant recordedAt) {
}
