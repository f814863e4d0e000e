package com.clinicbackbone.web.desk.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicbackbone.web.backbone.BackboneProblem;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RefusalTest {

    @Test
    void aBookingRuleIsNamedForItsPlainWords() {
        Refusal refusal = Refusal.of(new BackboneProblem(422, "Booking rule not met", "outside hours", "OUTSIDE_HOURS",
                Map.of("start", "outside")));

        assertThat(refusal.rule()).isEqualTo("OUTSIDE_HOURS");
        assertThat(refusal.kind()).isEqualTo("rule");
    }

    @Test
    void aRuleThePagesDoNotKnowYetIsShownAsTheServicesOwnWords() {
        Refusal refusal = Refusal.of(new BackboneProblem(422, "Booking rule not met", "a new rule", "SOMETHING_NEW",
                null));

        assertThat(refusal.rule()).isNull();
        assertThat(refusal.kind()).isEqualTo("other");
        assertThat(refusal.detail()).isEqualTo("a new rule");
    }

    @Test
    void otherRefusalsAreSortedByWhatTheyMean() {
        assertThat(Refusal.of(new BackboneProblem(409, "Time not available", "x", null, null)).kind()).isEqualTo("taken");
        assertThat(Refusal.of(new BackboneProblem(422, "Patient cannot be booked", "x", null, null)).kind())
                .isEqualTo("patient");
        assertThat(Refusal.of(new BackboneProblem(409, "Conflicting appointment state", "x", null, null)).kind())
                .isEqualTo("state");
        assertThat(Refusal.of(new BackboneProblem(400, "Invalid request", "x", null, Map.of("patientId", "blank")))
                .errors()).containsEntry("patientId", "blank");
    }

    @Test
    void notFoundNotYoursAndServicesDownAreNotShownInPlace() {
        assertThat(Refusal.shownInPlace(new BackboneProblem(404, "Not found", null, null, null))).isFalse();
        assertThat(Refusal.shownInPlace(new BackboneProblem(403, "Forbidden", null, null, null))).isFalse();
        assertThat(Refusal.shownInPlace(new BackboneProblem(503, "Unavailable", null, null, null))).isFalse();
        assertThat(Refusal.shownInPlace(new BackboneProblem(403, "Booking rule not met", null, "NOT_ONLINE_BOOKABLE",
                null))).isTrue();
        assertThat(Refusal.shownInPlace(new BackboneProblem(422, "Unknown reference", null, null, null))).isTrue();
    }
}
