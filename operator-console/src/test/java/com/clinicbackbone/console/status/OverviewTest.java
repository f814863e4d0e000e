package com.clinicbackbone.console.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverviewTest {

    @Test
    void sumsTheReminderFunnelByStageOverClinicsChannelsAndInstances() {
        InstanceStatus one = up("notification-service-1", List.of(
                reminders("running-shoe", "SMS", "sent", 2), reminders("integrative-pain", "EMAIL", "sent", 3),
                reminders("running-shoe", "SMS", "skipped", 1)));
        InstanceStatus two = up("notification-service-2", List.of(reminders("running-shoe", "EMAIL", "sent", 4)));

        Map<String, Double> funnel = Overview.of(List.of(one, two)).reminderFunnel().orElseThrow();

        assertThat(funnel).containsEntry("sent", 9.0).containsEntry("skipped", 1.0).containsEntry("scheduled", 0.0);
        assertThat(funnel.keySet()).startsWith("scheduled", "sent", "delivered", "confirmed", "attended", "failed",
                "skipped");
    }

    @Test
    void fillRateIsFilledOffersPerOfferMadeOverClinicsAndInstances() {
        InstanceStatus one = up("booking-service-1", List.of(
                new Sample(Overview.OFFERS, Map.of("clinic", "running-shoe"), 3),
                new Sample(Overview.OFFER_OUTCOMES, Map.of("clinic", "running-shoe", "outcome", "filled"), 1),
                new Sample(Overview.OFFER_OUTCOMES, Map.of("clinic", "running-shoe", "outcome", "expired"), 2)));
        InstanceStatus two = up("booking-service-2", List.of(
                new Sample(Overview.OFFERS, Map.of("clinic", "integrative-pain"), 1),
                new Sample(Overview.OFFER_OUTCOMES, Map.of("clinic", "integrative-pain", "outcome", "filled"), 1)));

        Overview.WaitlistFill fill = Overview.of(List.of(one, two)).waitlist().orElseThrow();

        assertThat(fill.offers()).isEqualTo(4.0);
        assertThat(fill.outcomes()).containsEntry("filled", 2.0).containsEntry("expired", 2.0);
        assertThat(fill.fillRate()).isEqualTo(0.5);
    }

    @Test
    void showsTheLargestLagPerGroupAndTopic() {
        InstanceStatus one = up("a", List.of(lag("notification-service", "clinic.appointments.v1", 5),
                lag("booking-service", "clinic.patients.v1", 1)));
        InstanceStatus two = up("b", List.of(lag("notification-service", "clinic.appointments.v1", 7)));

        assertThat(Overview.of(List.of(one, two)).consumerLag().orElseThrow()).containsExactly(
                new Overview.Lag("booking-service", "clinic.patients.v1", 1),
                new Overview.Lag("notification-service", "clinic.appointments.v1", 7));
    }

    @Test
    void saysUnavailableWhenNoInstanceExportsTheMetrics() {
        InstanceStatus down = new InstanceStatus("booking-service", "http://127.0.0.1:1", "DOWN",
                "ConnectException", List.of(), "ConnectException");

        Overview overview = Overview.of(List.of(down));

        assertThat(overview.reminderFunnel()).isEmpty();
        assertThat(overview.consumerLag()).isEmpty();
    }

    private static InstanceStatus up(String name, List<Sample> samples) {
        return new InstanceStatus(name, "http://127.0.0.1:8083", "UP", "", samples, null);
    }

    private static Sample reminders(String clinic, String channel, String stage, double value) {
        return new Sample(Overview.REMINDERS, Map.of("clinic", clinic, "channel", channel, "stage", stage,
                "reason", "none"), value);
    }

    private static Sample lag(String group, String topic, double value) {
        return new Sample(Overview.LAG, Map.of("group", group, "topic", topic), value);
    }
}
