package com.clinicbackbone.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;

/** The figures of one round (one fresh stack); NaN where a figure was not measured. */
final class Round {

    final int history;
    /** The machine's 1-minute load average when the round began (other work on the machine shows here). */
    final double loadAverage = java.lang.management.ManagementFactory.getOperatingSystemMXBean()
            .getSystemLoadAverage();
    double historySeconds = Double.NaN;
    double availabilityP50 = Double.NaN;
    double availabilityP99 = Double.NaN;
    double singleP50 = Double.NaN;
    double singleP99 = Double.NaN;
    double bookingsPerSecond = Double.NaN;
    double clinicsPerSecond = Double.NaN;
    double floorPerSecond = Double.NaN;
    double remindersPerSecond = Double.NaN;
    double lagP50 = Double.NaN;
    double lagP99 = Double.NaN;
    /** CPU per process over the idle span, percent of one core. */
    Map<String, Double> idle = new LinkedHashMap<>();

    Round(int history) {
        this.history = history;
    }

    double apiToFloor() {
        return 100 * bookingsPerSecond / floorPerSecond;
    }

    double idleTotal() {
        return idle.values().stream().filter(value -> !value.isNaN()).mapToDouble(Double::doubleValue).sum();
    }
}
