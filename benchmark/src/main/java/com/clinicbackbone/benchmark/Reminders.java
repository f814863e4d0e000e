package com.clinicbackbone.benchmark;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.bson.Document;

/**
 * {@code ./benchmark.sh --reminders}: reminders sent per second by one and by two notification-service instances
 * to the local SMTP catcher (GreenMail) and SMS sink, and the lag between a reminder's due time and the moment the
 * provider took it (its delivery record's last update), median and p99. A program that prints figures, not a test.
 *
 * <p>For each configuration (one instance, then two) two phases run on fresh reminders, half email and half SMS,
 * for booked appointments three days ahead whose patients accept both channels, written straight into the
 * service's collections as the planner would have left them:
 * <ol>
 *   <li>burst: {@code --count} reminders all due at the same moment: sent per second is the capacity;</li>
 *   <li>paced: {@code --count} reminders due {@code --rate} per second: the lag figures are meaningful when the
 *       capacity is above the rate (otherwise the lag grows with the backlog, as it would in production).</li>
 * </ol>
 * The running-shoe clinic's policy is set without quiet hours (through the API) so the time of day does not matter.
 */
final class Reminders {

    static final String CLINIC = "running-shoe";
    static final Duration OFFSET = Duration.ofHours(24);
    static final Duration GIVE_UP_AFTER = Duration.ofMinutes(10);
    /** The database used on a MongoDB given with {@code --mongo-uri} whose URI names none. */
    static final String DEFAULT_DATABASE = "clinic_reminder_benchmark";

    /**
     * @param mongoUri a MongoDB to use instead of the embedded MongoDB-wire server (null: the embedded one); the
     *                 service's database is the URI's, or {@link #DEFAULT_DATABASE} when it names none
     */
    record Options(int count, int rate, int threads, boolean keepData, String mongoUri) {

        static Options parse(String... args) {
            Map<String, String> values = new HashMap<>();
            boolean keep = false;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--keep-data")) {
                    keep = true;
                } else if (arg.equals("--reminders")) {
                    continue;
                } else if (arg.equals("--mongo-uri") && i + 1 < args.length) {
                    values.put("mongo-uri", args[++i]);
                } else if (arg.startsWith("--") && arg.contains("=")) {
                    values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
                } else {
                    throw new IllegalArgumentException("unknown argument " + arg);
                }
            }
            String mongoUri = values.remove("mongo-uri");
            if (mongoUri != null && !mongoUri.startsWith("mongodb://") && !mongoUri.startsWith("mongodb+srv://")) {
                throw new IllegalArgumentException("--mongo-uri must be a mongodb:// or mongodb+srv:// URI");
            }
            Options options = new Options(number(values, "count", 4000), number(values, "rate", 2000),
                    number(values, "threads", 4), keep, mongoUri);
            if (!values.isEmpty()) {
                throw new IllegalArgumentException("unknown option --" + values.keySet().iterator().next());
            }
            return options;
        }

        private static int number(Map<String, String> values, String name, int otherwise) {
            String value = values.remove(name);
            return value == null ? otherwise : Integer.parseInt(value);
        }
    }

    /** One phase's outcome: sent (provider took it) and otherwise ended, the busy span, the lags (ms). */
    record Phase(int planned, int sent, int other, double seconds, Percentiles lagMs) {

        double perSecond() {
            return sent / seconds;
        }
    }

    /** Tells this run's documents from any other run's on a shared MongoDB. */
    private static final String RUN_ID = Long.toString(System.currentTimeMillis(), 36);

    private final Options options;
    private final PrintStream out;
    private int run;

    Reminders(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: ./benchmark.sh --reminders [--no-build] [--count=4000] [--rate=2000]"
                    + " [--threads=4] [--mongo-uri <mongodb://...>] [--keep-data]");
            System.exit(2);
            return;
        }
        new Reminders(options, System.out).run();
        System.exit(0);
    }

    void run() throws Exception {
        Path home = Benchmark.homeFolder();
        out.printf(Locale.ROOT, "Clinic Backbone reminder benchmark: %d cores (load average %.1f), %s %s, %s %s;"
                        + " %d reminders per phase, paced at %d/s, %d dispatcher threads per instance; MongoDB: %s%n",
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                System.getProperty("os.name"), System.getProperty("os.arch"), options.count(), options.rate(),
                options.threads(), options.mongoUri() == null ? "embedded MongoDB-wire server (H2 file)"
                        : "--mongo-uri, database " + databaseOf(options.mongoUri()));
        String serviceUri = options.mongoUri() == null ? null
                : withDatabase(options.mongoUri(), databaseOf(options.mongoUri()));
        try (ReminderStack stack = ReminderStack.start(home.resolve("services"), home.resolve("lib"), out,
                options.keepData(), serviceUri);
             MongoClient client = MongoClients.create(stack.mongoUri())) {
            MongoDatabase db = client.getDatabase(stack.database());
            int first = stack.startInstance("reminders-1", options.threads());
            setPolicyWithoutQuietHours(stack, first);
            out.println("  notification-service instance 1 healthy");
            phase(db, "1 instance, burst", 0);
            phase(db, "1 instance, paced", options.rate());

            stack.startInstance("reminders-2", options.threads());
            out.println("  notification-service instance 2 healthy");
            Phase burst = phase(db, "2 instances, burst", 0);
            Phase paced = phase(db, "2 instances, paced", options.rate());
            boolean met = burst.perSecond() >= 2000 && paced.lagMs() != null && paced.lagMs().percentile(99) < 1000;
            out.printf(Locale.ROOT, "target (two instances >= 2,000/s with p99 lag < 1 s): %s%n",
                    met ? "met" : "missed");
            out.printf(Locale.ROOT, "sinks: %d SMS and %d emails captured%n", stack.smsCaptured(),
                    stack.mailCaptured());
        }
    }

    private void setPolicyWithoutQuietHours(ReminderStack stack, int port) {
        Api desk = Api.signIn(stack.issuer(), Benchmark.DESK);
        Map<String, Object> policy = Map.of(
                "confirmations", Map.of("booked", true, "changed", true, "cancelled", true),
                "reminders", List.of(Map.of("offset", OFFSET.toString(), "channels", List.of("EMAIL", "SMS"))),
                "aftercare", true,
                "quietHours", Map.of("start", "00:00", "end", "00:00"),
                "senderName", "RS Clinic");
        Api.Answer answer = desk.put("http://127.0.0.1:" + port + "/api/clinics/" + CLINIC + "/reminder-policy",
                policy);
        if (answer.status() != 200) {
            throw new IllegalStateException("setting the reminder policy answered " + answer.status() + ": "
                    + answer.text());
        }
    }

    /**
     * Plans {@code --count} reminders ({@code perSecond} 0: all due at once), waits until none is left scheduled
     * and prints what happened.
     */
    private Phase phase(MongoDatabase db, String label, int perSecond) throws InterruptedException {
        String prefix = "bench-" + RUN_ID + "-" + (++run) + "-";
        int count = options.count();
        Date start = Date.from(Instant.now().plus(Duration.ofDays(3)));
        seedAppointmentsAndContacts(db, prefix, count, start);
        // the first due a moment after the inserts should be through, so the phase starts with no backlog
        Instant firstDue = Instant.now().plusMillis(1000 + count / 4);
        List<Document> reminders = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Instant due = perSecond == 0 ? firstDue : firstDue.plusNanos(i * 1_000_000_000L / perSecond);
            reminders.add(reminder(prefix, i, due, start));
        }
        insertInChunks(db.getCollection("notifications"), reminders);

        Pattern ours = Pattern.compile("^" + Pattern.quote(prefix));
        Instant giveUp = Instant.now().plus(GIVE_UP_AFTER);
        long scheduled;
        while ((scheduled = db.getCollection("notifications").countDocuments(Filters.and(Filters.regex("_id", ours),
                Filters.eq("status", "SCHEDULED")))) > 0 && Instant.now().isBefore(giveUp)) {
            Thread.sleep(500);
        }
        Map<String, Date> dueById = new HashMap<>();
        Map<String, String> statusById = new HashMap<>();
        for (Document n : db.getCollection("notifications").find(Filters.regex("_id", ours))) {
            dueById.put(n.getString("_id"), n.getDate("dueAt"));
            statusById.put(n.getString("_id"), n.getString("status"));
        }
        List<Double> lags = new ArrayList<>();
        Instant lastSent = firstDue;
        for (Document d : db.getCollection("deliveries").find(Filters.and(Filters.regex("_id", ours),
                Filters.eq("status", "SENT")))) {
            Instant at = d.getDate("updatedAt").toInstant();
            lags.add((double) Duration.between(dueById.get(d.getString("_id")).toInstant(), at).toMillis());
            lastSent = at.isAfter(lastSent) ? at : lastSent;
        }
        long other = statusById.values().stream().filter(status -> !"SENT".equals(status)).count();
        double seconds = Math.max(Duration.between(firstDue, lastSent).toMillis(), 1) / 1000.0;
        Phase phase = new Phase(count, lags.size(), (int) other, seconds, lags.isEmpty() ? null
                : new Percentiles(lags.stream().mapToDouble(Double::doubleValue).toArray()));
        out.printf(Locale.ROOT, "%-20s %d reminders%s: %d sent in %.1f s = %.0f/s; lag due->provider median %.0f ms,"
                        + " p99 %.0f ms%s%s%n", label, count, perSecond == 0 ? " due at once" : " due " + perSecond + "/s",
                phase.sent(), seconds, phase.perSecond(), lags.isEmpty() ? Double.NaN : phase.lagMs().median(),
                lags.isEmpty() ? Double.NaN : phase.lagMs().percentile(99),
                other == 0 ? "" : "; " + other + " not sent (" + countByStatus(statusById) + ")",
                scheduled > 0 ? "; gave up waiting with " + scheduled + " still scheduled" : "");
        // every phase starts from the same collection sizes (the embedded server scans whole collections)
        for (String collection : List.of("notifications", "deliveries", "contacts", "appointments")) {
            db.getCollection(collection).deleteMany(Filters.regex("_id", ours));
        }
        return phase;
    }

    /** The database a {@code --mongo-uri} names, or {@link #DEFAULT_DATABASE}. */
    static String databaseOf(String mongoUri) {
        String database = new com.mongodb.ConnectionString(mongoUri).getDatabase();
        return database == null || database.isEmpty() ? DEFAULT_DATABASE : database;
    }

    /** The URI with {@code database} as its path (its options kept), unless it names a database already. */
    static String withDatabase(String mongoUri, String database) {
        String named = new com.mongodb.ConnectionString(mongoUri).getDatabase();
        if (named != null && !named.isEmpty()) {
            return mongoUri;
        }
        int query = mongoUri.indexOf('?');
        String base = query < 0 ? mongoUri : mongoUri.substring(0, query);
        String options = query < 0 ? "" : mongoUri.substring(query);
        int hostsStart = base.indexOf("://") + 3;
        return (base.indexOf('/', hostsStart) < 0 ? base + "/" : base) + database + options;
    }

    private static String countByStatus(Map<String, String> statusById) {
        Map<String, Integer> counts = new HashMap<>();
        statusById.values().stream().filter(status -> !"SENT".equals(status))
                .forEach(status -> counts.merge(status, 1, Integer::sum));
        return counts.toString();
    }

    private static void seedAppointmentsAndContacts(MongoDatabase db, String prefix, int count, Date start) {
        Date end = Date.from(start.toInstant().plus(Duration.ofMinutes(45)));
        List<Document> contacts = new ArrayList<>(count);
        List<Document> appointments = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            contacts.add(new Document("_id", prefix + "pat-" + i).append("givenName", "Pat")
                    .append("email", "p" + i + "@" + prefix + "bench.example").append("phone", phone(i))
                    .append("language", "en").append("channels", List.of("EMAIL", "SMS")).append("consents", null)
                    .append("revision", 1L));
            appointments.add(new Document("_id", prefix + "apt-" + i).append("clinicId", CLINIC)
                    .append("practitionerId", "sofia-ramirez").append("patientId", prefix + "pat-" + i)
                    .append("start", start).append("end", end).append("status", "BOOKED").append("revision", 1L)
                    .append("serviceId", "massage-60"));
        }
        insertInChunks(db.getCollection("contacts"), contacts);
        insertInChunks(db.getCollection("appointments"), appointments);
    }

    /** The reminder document the planner stores: {@code <appointmentId>:REMINDER:<CHANNEL>:PT24H}. */
    private static Document reminder(String prefix, int i, Instant due, Date appointmentStart) {
        String appointmentId = prefix + "apt-" + i;
        String channel = i % 2 == 0 ? "EMAIL" : "SMS";
        Date at = Date.from(due);
        return new Document("_id", appointmentId + ":REMINDER:" + channel + ":" + OFFSET)
                .append("appointmentId", appointmentId).append("patientId", prefix + "pat-" + i)
                .append("clinicId", CLINIC).append("kind", "REMINDER").append("channel", channel)
                .append("status", "SCHEDULED").append("dueAt", at).append("attempts", 0)
                .append("nextAttemptAt", at).append("appointmentRevision", 1L)
                .append("appointmentStart", appointmentStart);
    }

    private static void insertInChunks(MongoCollection<Document> collection, List<Document> documents) {
        for (int from = 0; from < documents.size(); from += 500) {
            collection.insertMany(documents.subList(from, Math.min(from + 500, documents.size())));
        }
    }

    /** A distinct valid North American number per patient (+1 587 7xx xxxx). */
    private static String phone(int i) {
        return String.format(Locale.ROOT, "+15877%06d", i);
    }
}
