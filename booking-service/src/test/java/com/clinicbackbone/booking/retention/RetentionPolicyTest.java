package com.clinicbackbone.booking.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetentionPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"PT0S", "-P2D", "PT23H59M"})
    void refusesToKeepCalendarDaysForLessThanADay(String calendarDays) {
        assertThatThrownBy(() -> policy(Duration.parse(calendarDays), 500, 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("calendar-days");
    }

    @ParameterizedTest
    @ValueSource(strings = {"P1D", "P2D"})
    void keepsCalendarDaysForADayOrMore(String calendarDays) {
        assertThat(policy(Duration.parse(calendarDays), 500, 100).calendarDays())
                .isEqualTo(Duration.parse(calendarDays));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void refusesBatchesThatAreNotPositive(int size) {
        assertThatThrownBy(() -> policy(Duration.ofDays(2), size, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy(Duration.ofDays(2), 500, size)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Retention.Policy policy(Duration calendarDays, int batchSize, int maxBatches) {
        return new Retention.Policy(Duration.ofHours(24), calendarDays, Duration.ofDays(400), batchSize, maxBatches);
    }
}
