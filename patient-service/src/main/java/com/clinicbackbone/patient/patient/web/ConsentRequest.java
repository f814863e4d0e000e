package com.clinicbackbone.patient.patient.web;

import com.clinicbackbone.patient.patient.ConsentChange;
import java.util.List;

/** One consent as submitted: {@code channel} EMAIL or SMS, {@code granted}, and how it was given ({@code method}). */
record ConsentRequest(String channel, Boolean granted, String method) {

    static List<ConsentChange> toChanges(List<ConsentRequest> consents) {
        return consents == null ? null : consents.stream()
                .map(consent -> consent == null ? null
                        : new ConsentChange(consent.channel(), consent.granted(), consent.method()))
                .toList();
    }
}
