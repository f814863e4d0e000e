package com.clinicbackbone.benchmark;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The rounds side by side, as a Markdown table: each figure, its target on this machine (issue 11), its value per
 * round with met / missed, and, with a history, how it compares with the empty store (flat = within 1.25x).
 */
final class Report {

    /** Lower is better (a latency, CPU) or higher is better (a rate). */
    private enum Better { LOWER, HIGHER }

    private record Row(String figure, String unit, Better better, Double target, ToDoubleFunction<Round> value) {

        String targetText() {
            if (target == null) {
                return "";
            }
            return (better == Better.LOWER ? "< " : ">= ") + number(target) + " " + unit;
        }
    }

    private Report() {
    }

    static void print(PrintStream out, Benchmark.Options options, List<Round> rounds) {
        List<Row> rows = new ArrayList<>(List.of(
                new Row("availability, 31 days, 1 client: p50", "ms", Better.LOWER, null, r -> r.availabilityP50),
                new Row("availability, 31 days, 1 client: p99", "ms", Better.LOWER, 10.0, r -> r.availabilityP99),
                new Row("booking, 1 client: p50", "ms", Better.LOWER, 15.0, r -> r.singleP50),
                new Row("booking, 1 client: p99", "ms", Better.LOWER, null, r -> r.singleP99),
                new Row("bookings/s, " + options.clients() + " clients (201 + event seen)", "/s", Better.HIGHER, null,
                        r -> r.bookingsPerSecond),
                new Row("raw floor/s (1 insert + 1 acked send, " + options.clients() + " clients)", "/s",
                        Better.HIGHER, null, r -> r.floorPerSecond),
                new Row("API / floor", "%", Better.HIGHER, 25.0, Round::apiToFloor),
                new Row("GET /api/clinics, " + options.clients() + " connections", "/s", Better.HIGHER, 3000.0,
                        r -> r.clinicsPerSecond),
                new Row("reminders/s, 2 instances (burst)", "/s", Better.HIGHER, 1000.0, r -> r.remindersPerSecond),
                new Row("reminder lag due->sent p50 (paced " + options.reminderRate() + "/s)", "ms", Better.LOWER,
                        null, r -> r.lagP50),
                new Row("reminder lag due->sent p99 (paced " + options.reminderRate() + "/s)", "ms", Better.LOWER,
                        2000.0, r -> r.lagP99),
                new Row("idle CPU, all processes, " + options.idleSeconds() + " s", "% of a core", Better.LOWER, 3.0,
                        Round::idleTotal)));
        rows.add(0, new Row("machine load average when the round began (noise)", "", Better.LOWER, null,
                r -> r.loadAverage));
        Set<String> processes = new LinkedHashSet<>();
        rounds.forEach(round -> processes.addAll(round.idle.keySet()));
        for (String process : processes) {
            rows.add(new Row("  idle CPU: " + process, "% of a core", Better.LOWER, null,
                    r -> r.idle.getOrDefault(process, Double.NaN)));
        }

        out.println();
        StringBuilder header = new StringBuilder("| figure | target |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (Round round : rounds) {
            header.append(round.history == 0 ? " empty store |" : " history " + round.history + " |");
            rule.append("---|");
        }
        boolean compare = rounds.size() == 2;
        if (compare) {
            header.append(" history vs empty (flat: within 1.25x) |");
            rule.append("---|");
        }
        out.println(header);
        out.println(rule);
        for (Row row : rows) {
            StringBuilder line = new StringBuilder("| " + row.figure() + (row.unit().isEmpty() ? "" : " (" + row.unit()
                    + ")") + " | " + row.targetText() + " |");
            for (Round round : rounds) {
                line.append(' ').append(cell(row, row.value().applyAsDouble(round))).append(" |");
            }
            if (compare) {
                line.append(' ').append(comparison(row, row.value().applyAsDouble(rounds.get(0)),
                        row.value().applyAsDouble(rounds.get(1)))).append(" |");
            }
            out.println(line);
        }
        rounds.stream().filter(round -> round.history > 0 && !Double.isNaN(round.historySeconds)).forEach(round ->
                out.printf(Locale.ROOT, "History of %d past appointments stored in %.0f s (before the services"
                        + " started; not part of any figure).%n", round.history, round.historySeconds));
    }

    private static String cell(Row row, double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (row.target() == null) {
            return number(value);
        }
        boolean met = row.better() == Better.LOWER ? value < row.target() : value >= row.target();
        return number(value) + (met ? " met" : " **missed**");
    }

    private static String comparison(Row row, double empty, double history) {
        if (Double.isNaN(empty) || Double.isNaN(history) || row.unit().isEmpty()) {
            return "";
        }
        if (row.unit().startsWith("%")) { // percentages: compare points, a ratio of tiny CPU figures means nothing
            return String.format(Locale.ROOT, "%+.1f points", history - empty);
        }
        double worse = row.better() == Better.LOWER ? history / empty : empty / history;
        return String.format(Locale.ROOT, "%.2fx %s", history / empty, worse <= 1.25 ? "flat" : "**not flat**");
    }

    private static String number(double value) {
        double size = Math.abs(value);
        return String.format(Locale.ROOT, size >= 100 ? "%.0f" : size >= 10 ? "%.1f" : "%.2f", value);
    }
}
