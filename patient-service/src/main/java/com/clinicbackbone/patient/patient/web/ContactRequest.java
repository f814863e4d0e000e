package com.clinicbackbone.patient.patient.web;

import com.clinicbackbone.patient.patient.ContactChange;
import java.util.List;

/** Body of {@code PUT /api/patients/{id}/contact}: replaces email, phone, language and channels. */
record ContactRequest(String email, String phone, String language, List<String> channels) {

    ContactChange toChange() {
        return new ContactChange(email, phone, language, channels);
    }
}
