package com.clinicbackbone.console.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void readsNamesLabelsAndValuesAndSkipsComments() {
        List<Sample> samples = PrometheusText.parse("""
                # HELP clinic_reminders_total Reminders by stage
                # TYPE clinic_reminders_total counter
                clinic_reminders_total{application="notification-service",channel="SMS",clinic="running-shoe",reason="none",stage="sent"} 3.0
                process_uptime_seconds 12.5
                """);

        assertThat(samples).containsExactly(
                new Sample("clinic_reminders_total", Map.of("application", "notification-service", "channel", "SMS",
                        "clinic", "running-shoe", "reason", "none", "stage", "sent"), 3.0),
                new Sample("process_uptime_seconds", Map.of(), 12.5));
    }

    @Test
    void readsEscapedLabelValuesAndSpecialNumbersAndTimestamps() {
        List<Sample> samples = PrometheusText.parse("""
                m{a="say \\"hi\\", ok",b="back\\\\slash",c="x}y"} +Inf
                http_server_requests_seconds_bucket{le="0.1",uri="/api"} 4 1732560000000
                n{} NaN
                """);

        assertThat(samples).hasSize(3);
        assertThat(samples.get(0).labels()).containsEntry("a", "say \"hi\", ok").containsEntry("b", "back\\slash")
                .containsEntry("c", "x}y");
        assertThat(samples.get(0).value()).isInfinite();
        assertThat(samples.get(1).value()).isEqualTo(4.0);
        assertThat(samples.get(1).label("le")).isEqualTo("0.1");
        assertThat(samples.get(2).value()).isNaN();
    }

    @Test
    void skipsLinesItCannotReadAndKeepsTheOthers() {
        List<Sample> samples = PrometheusText.parse("""
                broken{a="unterminated} 1
                novalue
                also_broken{a=1} 2
                good 7
                not_a_number abc
                """);

        assertThat(samples).containsExactly(new Sample("good", Map.of(), 7.0));
    }
}
