package com.clinicbackbone.patient.patient;

import java.util.List;

/** New contact details as submitted, replacing the current ones; {@link Patient#changeContact} checks them. */
public record ContactChange(String email, String phone, String language, List<String> channels) {
}
