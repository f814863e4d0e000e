package com.clinicbackbone.messaging.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One answer of {@code /actuator/prometheus} (Prometheus text format), read series by name and labels. Shared with the
 * services' tests through this module's test jar.
 */
public record PrometheusScrape(String text) {

    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    public record Sample(String name, Map<String, String> labels, double value) {
    }

    public List<Sample> samples() {
        return text.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).map(PrometheusScrape::parse)
                .toList();
    }

    /** The samples of the series whose labels include {@code labels}. */
    public List<Sample> samples(String name, Map<String, String> labels) {
        return samples().stream().filter(sample -> sample.name().equals(name)
                && sample.labels().entrySet().containsAll(labels.entrySet())).toList();
    }

    /** The value of the one series with the name and (at least) the labels; empty when there is none. */
    public OptionalDouble value(String name, Map<String, String> labels) {
        List<Sample> found = samples(name, labels);
        if (found.size() > 1) {
            throw new IllegalStateException("more than one series " + name + labels + ": " + found);
        }
        return found.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(found.get(0).value());
    }

    /**
     * Keeps this scrape as {@code target/prometheus-scrape.txt} (the last one of the run wins): the series the service
     * really exports, to check dashboard and alert queries against.
     */
    public PrometheusScrape saved() {
        try {
            Files.writeString(Path.of("target", "prometheus-scrape.txt"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private static Sample parse(String line) {
        int brace = line.indexOf('{');
        int space = line.lastIndexOf(' ');
        Map<String, String> labels = new HashMap<>();
        String name;
        if (brace >= 0 && brace < space) {
            name = line.substring(0, brace);
            Matcher matcher = LABEL.matcher(line.substring(brace, line.lastIndexOf('}') + 1));
            while (matcher.find()) {
                labels.put(matcher.group(1), matcher.group(2));
            }
        } else {
            name = line.substring(0, line.indexOf(' '));
        }
        return new Sample(name, labels, Double.parseDouble(line.substring(space + 1)));
    }
}
