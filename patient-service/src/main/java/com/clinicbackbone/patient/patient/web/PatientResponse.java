package com.clinicbackbone.patient.patient.web;

import com.clinicbackbone.patient.patient.Channel;
import com.clinicbackbone.patient.patient.PatientView;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A patient as the API shows it to one caller; what the caller is not entitled to is null.
 *
 * @param linkedExisting only in the answer to a registration: whether an existing record was linked
 */
record PatientResponse(String id, String givenName, String familyName, LocalDate birthDate, String email, String phone,
                       String language, List<String> channels, List<ConsentResponse> consents, String clinicId,
                       List<String> clinicIds, long revision, Instant registeredAt,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Boolean linkedExisting) {

    static PatientResponse of(PatientView patient) {
        return of(patient, null);
    }

    static PatientResponse of(PatientView patient, Boolean linkedExisting) {
        return new PatientResponse(patient.id(), patient.givenName(), patient.familyName(), patient.birthDate(),
                patient.email(), patient.phone(), patient.language() == null ? null : patient.language().code(),
                patient.channels() == null ? null : patient.channels().stream().map(Channel::name).toList(),
                ConsentResponse.of(patient.consents()), patient.clinicId(), patient.clinicIds(), patient.revision(),
                patient.registeredAt(), linkedExisting);
    }
}
