package com.clinicbackbone.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {

    @Test
    void eachFigureIsSetAgainstItsTargetAndTheHistoryAgainstTheEmptyStore() {
        Round empty = round(0, 10, 40);
        // latency 1.4x worse: not flat; rate 40/33 = 1.21x worse: flat
        Round history = round(100_000, 14, 33);
        history.idle = Map.of("booking-service", 0.5);

        String table = print(List.of(empty, history));

        assertThat(line(table, "booking, 1 client: p50"))
                .contains("| < 15.0 ms | 10.0 met | 14.0 met | 1.40x **not flat** |");
        assertThat(line(table, "bookings/s")).contains("| 40.0 | 33.0 | 0.83x flat |");
        assertThat(line(table, "idle CPU: booking-service")).contains("| 1.00 | 0.50 | -0.5 points |");
        assertThat(line(table, "GET /api/clinics")).contains("n/a");
    }

    @Test
    void withoutAHistoryThereIsOneColumnAndNoComparison() {
        String table = print(List.of(round(0, 20, 40)));

        assertThat(line(table, "booking, 1 client: p50")).endsWith("| < 15.0 ms | 20.0 **missed** |");
    }

    private static Round round(int history, double bookingP50, double bookingsPerSecond) {
        Round round = new Round(history);
        round.singleP50 = bookingP50;
        round.bookingsPerSecond = bookingsPerSecond;
        round.idle = Map.of("booking-service", 1.0);
        return round;
    }

    private static String print(List<Round> rounds) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Report.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), Benchmark.Options.parse(), rounds);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String line(String table, String figure) {
        return table.lines().filter(line -> line.startsWith("| " + figure) || line.startsWith("|   " + figure))
                .findFirst().orElseThrow(() -> new AssertionError("no line " + figure + " in\n" + table));
    }
}
