package com.clinicbackbone.console.status;

import java.util.Map;

/** One sample of the Prometheus text format: metric name, labels and value. */
public record Sample(String name, Map<String, String> labels, double value) {

    public Sample {
        labels = Map.copyOf(labels);
    }

    public String label(String label) {
        return labels.get(label);
    }
}
