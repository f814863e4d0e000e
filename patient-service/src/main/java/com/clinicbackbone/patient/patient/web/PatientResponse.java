package com.clinicbackbone.patient.patient.web;

import com.clinicbackbone.patient.patient.Channel;
import com.clinicbackbone.patient.patient.Patient;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A patient as the API shows it. */
record PatientResponse(String id, String givenName, String familyName, LocalDate birthDate, String email, String phone,
                       String language, List<String> channels, String clinicId, List<String> clinicIds,
                       long revision, Instant registeredAt) {

    static PatientResponse of(Patient patient) {
        return new PatientResponse(patient.id(), patient.givenName(), patient.familyName(), patient.birthDate(),
                patient.email(), patient.phone(), patient.language().code(),
                patient.channels().stream().map(Channel::name).toList(), patient.clinicId(), patient.clinicIds(),
                patient.revision(), patient.registeredAt());
    }
}
