package com.clinicbackbone.benchmark;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code --history=N}: N past appointments stored before the services start, through each service's own storage
 * code: booking-service's and notification-service's jars run their history entry point (a main class of their own,
 * {@code com.clinicbackbone.<service>.history.HistorySeeding}) against the stack's databases, then exit. Per
 * appointment: booking-service stores the appointment and its calendar claims; notification-service its copy of the
 * appointment and five notifications with their deliveries (confirmation by email and SMS, reminder by email and
 * SMS, aftercare by email), all finished in the past.
 */
final class History {

    static final String BOOKING_ENTRY = "com.clinicbackbone.booking.history.HistorySeeding";
    static final String NOTIFICATION_ENTRY = "com.clinicbackbone.notification.history.HistorySeeding";
    private static final Duration AT_MOST = Duration.ofMinutes(30);

    private History() {
    }

    /** Stores the history (both services at once); answers how long it took in seconds. */
    static double store(Stack stack, int appointments, PrintStream out) {
        out.println("  storing a history of " + appointments + " past appointments through the services' storage"
                + " code ...");
        long start = System.nanoTime();
        List<String> args = List.of("--history.appointments=" + appointments);
        try {
            CompletableFuture.allOf(
                    CompletableFuture.runAsync(() -> timed(out, "booking-service", () -> stack.runEntryPoint(
                            "booking-service", "booking", BOOKING_ENTRY, args, AT_MOST))),
                    CompletableFuture.runAsync(() -> timed(out, "notification-service", () -> stack.runEntryPoint(
                            "notification-service", "notifications", NOTIFICATION_ENTRY, args, AT_MOST)))).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        double seconds = Benchmark.seconds(System.nanoTime() - start);
        out.printf(Locale.ROOT, "  history stored in %.0f s%n", seconds);
        return seconds;
    }

    private static void timed(PrintStream out, String service, Runnable seeding) {
        long start = System.nanoTime();
        seeding.run();
        out.printf(Locale.ROOT, "    %s: done in %.0f s%n", service, Benchmark.seconds(System.nanoTime() - start));
    }
}
