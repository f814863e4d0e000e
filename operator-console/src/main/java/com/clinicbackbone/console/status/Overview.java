package com.clinicbackbone.console.status;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The page's figures from every instance's samples: the reminder funnel (clinic_reminders_total summed by stage
 * over clinics, channels and instances) and consumer lag (spring_cloud_stream_binder_kafka_offset per group and
 * topic; instances of one group report the same lag, so the largest is shown) and the waitlist's fill rate. Empty
 * when no instance exports the metric: the page says "unavailable".
 */
public record Overview(List<InstanceStatus> instances, Optional<Map<String, Double>> reminderFunnel,
                       Optional<List<Lag>> consumerLag, Optional<WaitlistFill> waitlist) {

    public static final String REMINDERS = "clinic_reminders_total";
    public static final String LAG = "spring_cloud_stream_binder_kafka_offset";
    public static final String OFFERS = "clinic_waitlist_offers_total";
    public static final String OFFER_OUTCOMES = "clinic_waitlist_offer_outcomes_total";
    /** The funnel's stages in the order a reminder goes through them. */
    public static final List<String> STAGES = List.of("scheduled", "sent", "delivered", "confirmed", "attended",
            "failed", "skipped");

    /** Lag of one consumer group on one topic, in records. */
    public record Lag(String group, String topic, double records) {
    }

    /**
     * Freed time offered to waitlisted patients, summed over clinics and instances, and what became of the offers
     * (filled, declined, undeliverable, not_bookable, expired, ...).
     */
    public record WaitlistFill(double offers, Map<String, Double> outcomes) {

        /** Filled offers per offer made, 0 to 1 (0 before any offer). */
        public double fillRate() {
            return offers == 0 ? 0 : outcomes.getOrDefault("filled", 0.0) / offers;
        }
    }

    public static Overview of(List<InstanceStatus> instances) {
        return new Overview(instances, funnel(instances), lag(instances), waitlist(instances));
    }

    static Optional<WaitlistFill> waitlist(List<InstanceStatus> instances) {
        List<Sample> offers = samples(instances, OFFERS);
        if (offers.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Double> outcomes = new TreeMap<>();
        samples(instances, OFFER_OUTCOMES).forEach(sample -> outcomes.merge(String.valueOf(sample.label("outcome")),
                sample.value(), Double::sum));
        return Optional.of(new WaitlistFill(offers.stream().mapToDouble(Sample::value).sum(), outcomes));
    }

    static Optional<Map<String, Double>> funnel(List<InstanceStatus> instances) {
        List<Sample> samples = samples(instances, REMINDERS);
        if (samples.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Double> funnel = new LinkedHashMap<>();
        STAGES.forEach(stage -> funnel.put(stage, 0.0));
        samples.forEach(sample -> funnel.merge(String.valueOf(sample.label("stage")), sample.value(), Double::sum));
        return Optional.of(funnel);
    }

    static Optional<List<Lag>> lag(List<InstanceStatus> instances) {
        List<Sample> samples = samples(instances, LAG);
        if (samples.isEmpty()) {
            return Optional.empty();
        }
        Map<List<String>, Double> largest = new TreeMap<>(Comparator.comparing((List<String> key) -> key.get(0))
                .thenComparing(key -> key.get(1)));
        samples.forEach(sample -> largest.merge(List.of(String.valueOf(sample.label("group")),
                String.valueOf(sample.label("topic"))), sample.value(), Math::max));
        List<Lag> lags = new ArrayList<>();
        largest.forEach((key, records) -> lags.add(new Lag(key.get(0), key.get(1), records)));
        return Optional.of(lags);
    }

    private static List<Sample> samples(List<InstanceStatus> instances, String name) {
        return instances.stream().flatMap(instance -> instance.samples().stream())
                .filter(sample -> sample.name().equals(name)).toList();
    }
}
