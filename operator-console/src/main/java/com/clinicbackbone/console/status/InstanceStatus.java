package com.clinicbackbone.console.status;

import java.util.List;

/**
 * What one service instance answered: its health status (DOWN with the reason when it did not answer) and its
 * Prometheus samples ({@code metricsError} says why there are none).
 */
public record InstanceStatus(String name, String url, String health, String reason, List<Sample> samples,
                             String metricsError) {

    public InstanceStatus {
        samples = List.copyOf(samples);
    }

    public boolean isUp() {
        return "UP".equals(health);
    }
}
