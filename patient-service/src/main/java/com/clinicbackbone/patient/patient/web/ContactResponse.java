package com.clinicbackbone.patient.patient.web;

import com.clinicbackbone.patient.patient.Channel;
import com.clinicbackbone.patient.patient.PatientView;
import java.util.List;

/** Contact details, channel preferences and consents of a patient ({@code GET /api/patients/{id}/contact}). */
record ContactResponse(String id, String email, String phone, String language, List<String> channels,
                       List<ConsentResponse> consents, long revision) {

    static ContactResponse of(PatientView patient) {
        return new ContactResponse(patient.id(), patient.email(), patient.phone(), patient.language().code(),
                patient.channels().stream().map(Channel::name).toList(), ConsentResponse.of(patient.consents()),
                patient.revision());
    }
}
