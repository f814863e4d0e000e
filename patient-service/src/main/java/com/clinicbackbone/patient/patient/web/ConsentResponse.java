package com.clinicbackbone.patient.patient.web;

import com.clinicbackbone.patient.patient.Consent;
import java.time.Instant;
import java.util.List;

/** A consent as the API shows it: the answer, how it was given and when it was recorded. */
record ConsentResponse(String channel, boolean granted, String method, Instant recordedAt) {

    static List<ConsentResponse> of(List<Consent> consents) {
        return consents == null ? null : consents.stream().map(consent -> new ConsentResponse(
                consent.channel().name(), consent.granted(), consent.method(), consent.recordedAt())).toList();
    }
}
