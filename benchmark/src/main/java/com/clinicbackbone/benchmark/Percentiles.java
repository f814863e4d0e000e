package com.clinicbackbone.benchmark;

import java.util.Arrays;

/** Nearest-rank percentiles of a sample of durations (or any numbers). */
final class Percentiles {

    private final double[] sorted;

    Percentiles(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        this.sorted = values.clone();
        Arrays.sort(sorted);
    }

    /** The smallest value with at least {@code p} % of the values at or below it (0 &lt; p &lt;= 100). */
    double percentile(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
        }
        int rank = (int) Math.ceil(p * sorted.length / 100);
        return sorted[Math.max(rank, 1) - 1];
    }

    /** The middle value; the mean of the two middle values of an even-sized sample. */
    double median() {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    int count() {
        return sorted.length;
    }
}
