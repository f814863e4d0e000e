package com.clinicbackbone.benchmark;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.zip.ZipFile;

/**
 * {@code --history=N}: N past appointments stored before the services start, through each service's own storage
 * code: booking-service's and notification-service's jars run their history entry point (a main class of their own,
 * {@code com.clinicbackbone.<service>.history.HistorySeeding}) against the stack's databases, then exit. Per
 * appointment: booking-service stores the appointment and its calendar claims; notification-service its copy of the
 * appointment and five notifications with their deliveries (confirmation by email and SMS, reminder by email and
 * SMS, aftercare by email), all finished in the past. By default it all stays in the hot collections (what the
 * issue's "after storing 100,000 past appointments" means), and the services of both rounds keep finished history
 * for 400 days, so that their retention jobs run on their schedule but find nothing to move (a year's catch-up in
 * the middle of a measurement would measure the seeding, not the service). With {@code --history-retention=true}
 * each service runs its own retention after the seeding until it has nothing left to do: the store as a year of
 * hourly runs would have left it (much of the history in the archive collections); that takes longer than the
 * seeding itself on the embedded server.
 */
final class History {

    static final String BOOKING_ENTRY = "com.clinicbackbone.booking.history.HistorySeeding";
    static final String NOTIFICATION_ENTRY = "com.clinicbackbone.notification.history.HistorySeeding";
    private static final Duration AT_MOST = Duration.ofMinutes(30);

    private History() {
    }

    /** Stores the history (both services at once); answers how long it took in seconds. */
    static double store(Stack stack, int appointments, boolean retention, PrintStream out) {
        out.println("  storing a history of " + appointments + " past appointments through the services' storage"
                + " code" + (retention ? ", then the services' retention until it has nothing left to do" : "")
                + " ...");
        long start = System.nanoTime();
        List<String> args = List.of("--history.appointments=" + appointments, "--history.retention=" + retention);
        List<CompletableFuture<Void>> runs = new ArrayList<>();
        for (String[] service : new String[][] {{"booking-service", "booking", BOOKING_ENTRY},
                {"notification-service", "notifications", NOTIFICATION_ENTRY}}) {
            if (!hasClass(stack.jar(service[0]), service[2])) {
                out.println("    " + service[0] + ": NO HISTORY STORED, its jar has no " + service[2]);
                continue;
            }
            runs.add(CompletableFuture.runAsync(() -> timed(out, service[0], () -> stack.runEntryPoint(service[0],
                    service[1], service[2], args, AT_MOST))));
        }
        try {
            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        double seconds = Benchmark.seconds(System.nanoTime() - start);
        out.printf(Locale.ROOT, "  history stored in %.0f s%n", seconds);
        try (MongoClient client = MongoClients.create(stack.mongoUri())) {
            for (String database : List.of("booking", "notifications")) {
                MongoDatabase db = client.getDatabase(stack.database(database));
                List<String> sizes = new ArrayList<>();
                for (String collection : db.listCollectionNames()) {
                    sizes.add(collection + " " + db.getCollection(collection).estimatedDocumentCount());
                }
                Collections.sort(sizes);
                out.println("    documents in " + database + ": " + String.join(", ", sizes));
            }
        }
        return seconds;
    }

    /**
     * Makes the services of the stack keep finished history longer than the seeded year (400 days), so that their
     * retention jobs, which run on their own schedule, find none of it due.
     */
    static void retentionBeyondHistory(Stack stack, PrintStream out) {
        stack.addArgs("booking-service", List.of("--booking.retention.calendar-days=400d",
                "--booking.retention.finished-appointments=400d"));
        stack.addArgs("notification-service", List.of("--notifications.retention.keep-for=400d"));
        out.println("  services keep finished history for 400 days (their retention runs on schedule, finds none of"
                + " a year's history due)");
    }

    /** Whether the Spring Boot jar holds the class (in BOOT-INF/classes). */
    static boolean hasClass(Path jar, String className) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.getEntry("BOOT-INF/classes/" + className.replace('.', '/') + ".class") != null;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + jar, e);
        }
    }

    private static void timed(PrintStream out, String service, Runnable seeding) {
        long start = System.nanoTime();
        seeding.run();
        out.printf(Locale.ROOT, "    %s: done in %.0f s%n", service, Benchmark.seconds(System.nanoTime() - start));
    }
}
