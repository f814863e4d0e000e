package com.clinicbackbone.security;

/** What a signed-in person is to the backbone; carried in the token's {@code role} claim. */
public enum Role {
    FRONT_DESK, PRACTITIONER, PATIENT, OPERATOR, AUDITOR
}
