package com.clinicbackbone.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class EnvelopeTest {

    @Test
    void roundTripsThroughCloudEventHeaders() {
        Envelope envelope = Envelope.of(AppointmentBooked.TYPE, "/booking-service",
                Instant.parse("2026-12-01T16:00:00Z"), "apt-1", "running-shoe", 3);

        var headers = envelope.headers();

        assertThat(headers).containsEntry("ce_type", "clinic.appointment.booked.v1")
                .containsEntry("ce_subject", "apt-1").containsEntry("ce_clinicid", "running-shoe")
                .containsEntry("ce_revision", "3").containsEntry("ce_specversion", "1.0");
        assertThat(Envelope.fromHeaders(headers::get)).isEqualTo(envelope);
    }

    @Test
    void refusesAnEnvelopeWithoutType() {
        assertThatThrownBy(() -> new Envelope("id", null, "/x", Instant.now(), "s", null, 1))
                .isInstanceOf(NullPointerException.class).hasMessage("type");
    }

    @Test
    void serialisesInstantsAsIsoStrings() {
        var booked = new AppointmentBooked("apt-1", "running-shoe", "physio-follow-up", "pr-1", "pat-1",
                Instant.parse("2026-12-01T16:00:00Z"), Instant.parse("2026-12-01T16:30:00Z"), "BOOKED");

        String json = JsonMapper.builder().build().writeValueAsString(booked);

        assertThat(json).contains("\"start\":\"2026-12-01T16:00:00Z\"");
        assertThat(JsonMapper.builder().build().readValue(json, AppointmentBooked.class)).isEqualTo(booked);
    }

    @Test
    void contactRecordKeepsChannelsInOrder() {
        var record = new PatientContactRecord("p", "Ann", "a@example.org", "+14035550100", "en", List.of("EMAIL", "SMS"));
        String json = JsonMapper.builder().build().writeValueAsString(record);
        assertThat(json).contains("\"channels\":[\"EMAIL\",\"SMS\"]");
    }

    @Test
    void smsReplyEventsCarryIdsAndStableTypes() {
        var optOut = new SmsOptOutChanged("pat-1", true, "ARRET", Instant.parse("2026-12-01T16:00:00Z"));
        var reply = new AppointmentReplyReceived("apt-1", "pat-1", "running-shoe", AppointmentReplyReceived.CANCEL,
                Instant.parse("2026-12-01T16:00:00Z"));
        JsonMapper json = JsonMapper.builder().build();

        assertThat(json.writeValueAsString(optOut))
                .isEqualTo("{\"patientId\":\"pat-1\",\"optedOut\":true,\"keyword\":\"ARRET\","
                        + "\"at\":\"2026-12-01T16:00:00Z\"}");
        assertThat(json.readValue(json.writeValueAsString(reply), AppointmentReplyReceived.class)).isEqualTo(reply);
        assertThat(SmsOptOutChanged.TYPE).isEqualTo("clinic.notification.sms-opt-out-changed.v1");
        assertThat(AppointmentReplyReceived.TYPE).isEqualTo("clinic.notification.appointment-reply-received.v1");
    }

    @Test
    void waitlistEventsCarryIdsAndTimesOnlyUnderStableTypes() {
        Instant at = Instant.parse("2026-12-09T16:50:00Z");
        var offered = new WaitlistOfferMade("entry-1", "offer-1", "running-shoe", "physio-follow-up", "maya-chen",
                "pat-1", Instant.parse("2026-12-09T17:00:00Z"), Instant.parse("2026-12-09T17:30:00Z"),
                at.plusSeconds(900), at);
        var undeliverable = new WaitlistOfferUndeliverable("offer-1", "entry-1", "pat-1", "running-shoe",
                java.util.Map.of("SMS", "FAILED"), at);
        JsonMapper json = JsonMapper.builder().build();

        assertThat(json.readValue(json.writeValueAsString(offered), WaitlistOfferMade.class)).isEqualTo(offered);
        assertThat(json.readValue(json.writeValueAsString(undeliverable), WaitlistOfferUndeliverable.class))
                .isEqualTo(undeliverable);
        assertThat(json.writeValueAsString(new WaitlistOfferReplyReceived("offer-1", "entry-1", "pat-1",
                "running-shoe", WaitlistOfferReplyReceived.ACCEPT, at)))
                .isEqualTo("{\"offerId\":\"offer-1\",\"entryId\":\"entry-1\",\"patientId\":\"pat-1\","
                        + "\"clinicId\":\"running-shoe\",\"action\":\"ACCEPT\",\"at\":\"2026-12-09T16:50:00Z\"}");
        assertThat(List.of(WaitlistOfferMade.TYPE, WaitlistOfferAccepted.TYPE, WaitlistOfferDeclined.TYPE,
                WaitlistOfferExpired.TYPE, WaitlistEntryWithdrawn.TYPE)).containsExactly("clinic.waitlist.offered.v1",
                "clinic.waitlist.accepted.v1", "clinic.waitlist.declined.v1", "clinic.waitlist.expired.v1",
                "clinic.waitlist.withdrawn.v1");
        assertThat(Topics.WAITLIST).isEqualTo("clinic.waitlist.v1");
    }

    @Test
    void recallEventsCarryIdsOnlyUnderStableTypes() {
        var opened = new RecallOpened("recall-1", "pat-1", "running-shoe", "prolotherapy", "liam-okafor",
                RecallOpened.TREATMENT_NOT_BOOKED, "apt-1", null, Instant.parse("2026-12-01T16:00:00Z"));
        JsonMapper json = JsonMapper.builder().build();

        assertThat(json.readValue(json.writeValueAsString(opened), RecallOpened.class)).isEqualTo(opened);
        assertThat(List.of(RecallOpened.TYPE, RecallClosed.TYPE, Topics.RECALLS))
                .containsExactly("clinic.recall.opened.v1", "clinic.recall.closed.v1", "clinic.recalls.v1");
    }
}
