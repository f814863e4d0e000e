package com.clinicbackbone.web.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class DayRowsTest {

    static final ZoneId CALGARY = ZoneId.of("America/Edmonton");

    @Test
    void anOrdinaryDayHas24HoursOfRowsFromLocalMidnight() {
        List<DayRows.Row> rows = DayRows.of(LocalDate.of(2026, 3, 2), CALGARY, Duration.ofHours(1));

        assertThat(rows).hasSize(24);
        assertThat(rows.get(0).start()).isEqualTo(Instant.parse("2026-03-02T07:00:00Z"));
        assertThat(rows.get(0).label()).isEqualTo("00:00");
        assertThat(rows.get(23).label()).isEqualTo("23:00");
    }

    @Test
    void theSpringForwardDayHas23HoursAndNoRowAtTwo() {
        LocalDate springForward = LocalDate.of(2026, 3, 8);

        List<DayRows.Row> rows = DayRows.of(springForward, CALGARY, Duration.ofHours(1));

        assertThat(rows).hasSize(23);
        assertThat(rows).extracting(DayRows.Row::label).startsWith("00:00", "01:00", "03:00").doesNotContain("02:00");
        assertThat(DayRows.lengthOf(springForward, CALGARY)).isEqualTo(Duration.ofHours(23));
    }

    @Test
    void theFallBackDayHas25HoursWithTheRepeatedHourNamedByItsZone() {
        LocalDate fallBack = LocalDate.of(2026, 11, 1);

        List<DayRows.Row> rows = DayRows.of(fallBack, CALGARY, Duration.ofMinutes(30));

        assertThat(rows).hasSize(50);
        assertThat(rows).extracting(DayRows.Row::label)
                .containsSubsequence("00:30", "01:00 MDT", "01:30 MDT", "01:00 MST", "01:30 MST", "02:00");
        assertThat(rows.get(rows.size() - 1).end()).isEqualTo(LocalDate.of(2026, 11, 2).atStartOfDay(CALGARY).toInstant());
    }

    @Test
    void rowsAreContiguous() {
        List<DayRows.Row> rows = DayRows.of(LocalDate.of(2026, 11, 1), CALGARY, Duration.ofMinutes(15));

        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i).start()).isEqualTo(rows.get(i - 1).end());
        }
        assertThat(rows.get(4).contains(rows.get(4).start())).isTrue();
        assertThat(rows.get(4).contains(rows.get(4).end())).isFalse();
    }
}
