package com.clinicbackbone.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    static double[] oneToHundredShuffled() {
        return IntStream.rangeClosed(1, 100).map(i -> (i * 37) % 100 + 1).asDoubleStream().toArray();
    }

    @Test
    void takesTheNearestRankOfAnUnsortedSample() {
        Percentiles percentiles = new Percentiles(oneToHundredShuffled());

        assertThat(percentiles.percentile(99)).isEqualTo(99);
        assertThat(percentiles.percentile(50)).isEqualTo(50);
        assertThat(percentiles.percentile(100)).isEqualTo(100);
        assertThat(percentiles.percentile(0.5)).isEqualTo(1);
        assertThat(percentiles.count()).isEqualTo(100);
    }

    @Test
    void roundsTheRankUpSoTheTailIsNotUnderstated() {
        Percentiles percentiles = new Percentiles(new double[] {5, 1, 4, 2, 3});

        assertThat(percentiles.percentile(99)).isEqualTo(5);
        assertThat(percentiles.percentile(80)).isEqualTo(4);
        assertThat(percentiles.percentile(81)).isEqualTo(5);
        assertThat(percentiles.percentile(20)).isEqualTo(1);
    }

    @Test
    void takesTheMiddleOrTheMeanOfTheTwoMiddleValuesAsMedian() {
        assertThat(new Percentiles(new double[] {9, 1, 5}).median()).isEqualTo(5);
        assertThat(new Percentiles(new double[] {4, 1, 3, 2}).median()).isEqualTo(2.5);
        assertThat(new Percentiles(new double[] {7}).median()).isEqualTo(7);
        assertThat(new Percentiles(new double[] {7}).percentile(99)).isEqualTo(7);
    }

    @Test
    void doesNotChangeTheCallersArray() {
        double[] values = {3, 1, 2};
        new Percentiles(values);

        assertThat(values).containsExactly(3, 1, 2);
    }

    @Test
    void refusesAnEmptySampleAndPercentilesOutOfRange() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Percentiles(new double[0]));
        Percentiles percentiles = new Percentiles(new double[] {1, 2});
        assertThatIllegalArgumentException().isThrownBy(() -> percentiles.percentile(0));
        assertThatIllegalArgumentException().isThrownBy(() -> percentiles.percentile(100.5));
    }
}
