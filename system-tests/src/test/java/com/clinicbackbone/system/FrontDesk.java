package com.clinicbackbone.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicbackbone.security.DemoPersona;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What Running Shoe's front desk does before each flow: the reminder policy, registering, booking. */
final class FrontDesk {

    private final Http http = new Http();
    private final Backbone backbone;
    private final String token;

    FrontDesk(Backbone backbone) {
        this.backbone = backbone;
        this.token = backbone.token(DemoPersona.FRONTDESK_RUNNING_SHOE);
    }

    /**
     * Running Shoe's desk sets a reminder policy of one reminder 24 h before on both channels and no quiet hours,
     * so that what the flow expects does not depend on the hour the build runs at.
     */
    void useDayAndNightPolicy() {
        var saved = http.put(backbone.notification("/api/clinics/running-shoe/reminder-policy"), token, Map.of(
                "confirmations", Map.of("booked", true, "changed", true, "cancelled", true),
                "reminders", List.of(Map.of("offset", "PT24H", "channels", List.of("EMAIL", "SMS"))),
                "aftercare", true,
                "quietHours", Map.of("start", "00:00", "end", "00:00"),
                "senderName", "RS Clinic"));
        assertThat(saved.status()).as("reminder policy: %s", saved.body()).isEqualTo(200);
    }

    String register(PatientData patient) {
        var registered = http.post(backbone.patient("/api/patients"), token, patient.registration("running-shoe"));
        assertThat(registered.status()).as("register patient: %s", registered.body()).isEqualTo(201);
        return registered.body().get("id").asText();
    }

    String book(String patientId, Instant start) {
        var booked = http.post(backbone.booking("/api/appointments"), token, Map.of(
                "clinicId", "running-shoe", "serviceId", "physio-follow-up", "practitionerId", "maya-chen",
                "patientId", patientId, "start", start.toString()));
        assertThat(booked.status()).as("book: %s", booked.body()).isEqualTo(201);
        assertThat(booked.body().get("status").asText()).isEqualTo("BOOKED");
        return booked.body().get("id").asText();
    }
}
