package com.clinicbackbone.benchmark;

import com.clinicbackbone.events.Topics;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * {@code ./benchmark.sh}: starts a stack of its own (see {@link Stack}), optionally stores a history first (see
 * {@link History}), and measures, with the services on production JVM flags:
 * <ol>
 *   <li>availability: one practitioner over 31 days, one client, warm: median and p99;</li>
 *   <li>one booking at a time from one client: median and p99 of the request;</li>
 *   <li>bookings per second with N concurrent front desk clients (201 received and the AppointmentBooked event seen
 *       on {@code clinic.appointments.v1});</li>
 *   <li>{@code GET /api/clinics} requests per second over N connections;</li>
 *   <li>the raw floor: one insert and one acknowledged Kafka send per booking with the bare clients, same server,
 *       broker and concurrency (see {@link Floor}), and the ratio API / floor;</li>
 *   <li>reminders per second with two notification-service instances and the due-to-sent lag (see
 *       {@link ReminderLoad});</li>
 *   <li>the idle CPU of every process the benchmark started, over a quiet span.</li>
 * </ol>
 * With {@code --history=N} it does all of that twice, each time on a fresh stack: on an empty store, then with N
 * past appointments stored, and prints both side by side.
 */
public final class Benchmark {

    static final String DESK = "frontdesk-running-shoe";

    record Options(int clients, int bookings, int warmUpBookings, int singleClientBookings, int availabilityCalls,
                   int availabilityWarmUp, int clinicsSeconds, int reminderCount, int reminderRate,
                   int reminderThreads, int idleSeconds, int history, boolean historyOnly, boolean historyRetention,
                   boolean seedOnly, boolean quick,
                   boolean keepData, String mongoUri, List<String> serviceJvm) {

        static final String USAGE = "usage: ./benchmark.sh [--no-build] [--history=N [--history-only]"
                + " [--history-retention=true] [--seed-only]] [--quick]"
                + " [--clients=8] [--bookings=400] [--warm-up-bookings=100] [--single-client-bookings=100]"
                + " [--availability-calls=500] [--availability-warm-up=50] [--clinics-seconds=10]"
                + " [--reminder-count=4000] [--reminder-rate=1000] [--reminder-threads=4] [--idle-seconds=60]"
                + " [--mongo-uri=<mongodb://host:port/?options>] [--service-jvm=\"<JVM options>\"] [--keep-data]\n"
                + "       ./benchmark.sh --reminders [--no-build] [--count=4000] [--rate=2000] [--threads=4]"
                + " [--mongo-uri=<uri>] [--keep-data]";

        static Options parse(String... args) {
            Map<String, String> values = new ConcurrentHashMap<>();
            boolean keep = false;
            boolean quick = false;
            boolean historyOnly = false;
            boolean seedOnly = false;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--keep-data")) {
                    keep = true;
                } else if (arg.equals("--quick")) {
                    quick = true;
                } else if (arg.equals("--history-only")) {
                    historyOnly = true;
                } else if (arg.equals("--seed-only")) {
                    seedOnly = true;
                } else if (arg.equals("--mongo-uri") && i + 1 < args.length) {
                    values.put("mongo-uri", args[++i]);
                } else if (arg.startsWith("--") && arg.contains("=")) {
                    values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
                } else {
                    throw new IllegalArgumentException("unknown argument " + arg);
                }
            }
            String mongoUri = Stack.checkedExternalMongo(values.remove("mongo-uri"));
            String jvm = values.remove("service-jvm");
            String retention = values.remove("history-retention");
            if (retention != null && !retention.equals("true") && !retention.equals("false")) {
                throw new IllegalArgumentException("--history-retention must be true or false");
            }
            Options options = new Options(number(values, "clients", 8),
                    number(values, "bookings", quick ? 100 : 400),
                    number(values, "warm-up-bookings", quick ? 20 : 100),
                    number(values, "single-client-bookings", quick ? 20 : 100),
                    number(values, "availability-calls", quick ? 100 : 500),
                    number(values, "availability-warm-up", quick ? 20 : 50),
                    number(values, "clinics-seconds", quick ? 3 : 10),
                    number(values, "reminder-count", quick ? 400 : 4000),
                    number(values, "reminder-rate", quick ? 200 : 1000),
                    number(values, "reminder-threads", 4),
                    number(values, "idle-seconds", quick ? 15 : 60),
                    number(values, "history", 0), historyOnly, "true".equals(retention), seedOnly, quick, keep,
                    mongoUri,
                    jvm == null ? null : Arrays.asList(jvm.trim().split("\\s+")));
            if (!values.isEmpty()) {
                throw new IllegalArgumentException("unknown option --" + values.keySet().iterator().next());
            }
            if ((historyOnly || seedOnly) && options.history() <= 0) {
                throw new IllegalArgumentException("--history-only and --seed-only need --history=N");
            }
            return options;
        }

        private static int number(Map<String, String> values, String name, int otherwise) {
            String value = values.remove(name);
            return value == null ? otherwise : Integer.parseInt(value.replace("_", "").replace(",", ""));
        }
    }

    /** One timed batch: how many succeeded, in how long, and each success's own latency (ms). */
    record Batch(int done, int failed, double seconds, Percentiles latencies) {

        double perSecond() {
            return done / seconds;
        }
    }

    private final Options options;
    private final PrintStream out;

    Benchmark(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--reminders")) {
            Reminders.main(args);
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        new Benchmark(options, System.out).run();
        System.exit(0); // the Kafka clients' and the MongoDB-wire server's threads
    }

    void run() throws Exception {
        Path home = homeFolder();
        out.printf(Locale.ROOT, "Clinic Backbone benchmark: %d cores (load average %.1f), %s %s, %s %s; MongoDB: %s;"
                        + " service JVM options: %s%s%n", Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), System.getProperty("os.name"),
                System.getProperty("os.arch"), options.mongoUri() == null ? "embedded MongoDB-wire server (H2 file)"
                        : "--mongo-uri", options.serviceJvm() == null ? "production flags as docker-compose.yml"
                        + " (G1, fixed heap per service, full JIT)" : String.join(" ", options.serviceJvm()),
                options.quick() ? "; --quick" : "");
        if (options.seedOnly()) { // how long the history takes to store, and what it leaves; nothing measured
            try (Stack stack = Stack.start(home.resolve("services"), home.resolve("lib"), options.serviceJvm(), out,
                    options.keepData(), options.mongoUri())) {
                createTopics(stack.kafkaBootstrap());
                History.store(stack, options.history(), options.historyRetention(), out);
            }
            return;
        }
        List<Round> rounds = new ArrayList<>();
        if (!options.historyOnly()) {
            rounds.add(round(home, 0));
        }
        if (options.history() > 0) {
            rounds.add(round(home, options.history()));
        }
        Report.print(out, options, rounds);
    }

    /** Everything measured on one fresh stack, with {@code history} past appointments stored first. */
    private Round round(Path home, int history) throws Exception {
        Round round = new Round(history);
        out.println();
        out.println(history == 0 ? "=== Empty store ==="
                : "=== With a history of " + history + " past appointments ===");
        long started = System.nanoTime();
        try (Stack stack = Stack.start(home.resolve("services"), home.resolve("lib"), options.serviceJvm(), out,
                options.keepData(), options.mongoUri())) {
            createTopics(stack.kafkaBootstrap());
            if (!options.historyRetention()) { // in both rounds, so that they differ in the history only
                History.retentionBeyondHistory(stack, out);
            }
            if (history > 0) {
                round.historySeconds = History.store(stack, history, options.historyRetention(), out);
            }
            stack.startBookingAndPatient(out);
            out.printf(Locale.ROOT, "  up in %.0f s%n", seconds(System.nanoTime() - started));
            Api desk = Api.signIn(stack.issuer(), DESK);

            boolean availability = measureAvailability(stack, desk, round);
            int wanted = options.warmUpBookings() + options.singleClientBookings() + options.bookings();
            List<Slots.Slot> slots = slots(stack, desk, availability, wanted);
            List<String> patients = registerPatients(stack, desk, slots.size());

            int warm = options.warmUpBookings();
            int single = warm + options.singleClientBookings();
            try (BookedEvents events = new BookedEvents(stack.kafkaBootstrap())) {
                bookThroughApi(stack, desk, events, slots.subList(0, warm), patients.subList(0, warm),
                        options.clients());
                Batch one = bookThroughApi(stack, desk, events, slots.subList(warm, single),
                        patients.subList(warm, single), 1);
                round.singleP50 = one.latencies().median();
                round.singleP99 = one.latencies().percentile(99);
                out.printf(Locale.ROOT, "booking, one client: %d bookings one after the other: request median %.1f ms,"
                        + " p99 %.1f ms%n", one.done(), round.singleP50, round.singleP99);
                Batch api = bookThroughApi(stack, desk, events, slots.subList(single, slots.size()),
                        patients.subList(single, patients.size()), options.clients());
                round.bookingsPerSecond = api.perSecond();
                out.printf(Locale.ROOT, "bookings through the API: %d bookings, %d clients, %d refused: %.1f"
                                + " bookings/s (201 received and AppointmentBooked seen on %s); request median %.1f ms,"
                                + " p99 %.1f ms%n", api.done(), options.clients(), api.failed(), api.perSecond(),
                        Topics.APPOINTMENTS, api.latencies().median(), api.latencies().percentile(99));
            }

            round.clinicsPerSecond = clinicsPerSecond(stack, desk);

            Batch floor;
            try (Floor direct = new Floor(stack.mongoUri(), stack.kafkaBootstrap())) {
                List<Slots.Slot> measured = slots.subList(single, slots.size());
                List<String> measuredPatients = patients.subList(single, patients.size());
                timed(slots.subList(0, warm), patients.subList(0, warm), direct::book, options.clients());
                floor = timed(measured, measuredPatients, direct::book, options.clients());
            }
            round.floorPerSecond = floor.perSecond();
            out.printf(Locale.ROOT, "floor (bare clients: one insert + one Kafka send acks=all per booking): %d"
                            + " bookings, %d clients: %.1f bookings/s; latency median %.1f ms, p99 %.1f ms%n",
                    floor.done(), options.clients(), floor.perSecond(), floor.latencies().median(),
                    floor.latencies().percentile(99));
            out.printf(Locale.ROOT, "API / floor: %.0f %%%n", 100 * round.bookingsPerSecond / round.floorPerSecond);

            reminders(stack, desk, round);

            out.printf(Locale.ROOT, "idle: settling, then %d s of CPU time of every process ...%n",
                    options.idleSeconds());
            Thread.sleep(options.quick() ? 5_000 : 15_000);
            Map<String, Double> ownThreads = new java.util.LinkedHashMap<>();
            round.idle = IdleCpu.measure(stack.processes(), Duration.ofSeconds(options.idleSeconds()), ownThreads);
            round.idle.forEach((name, percent) -> out.printf(Locale.ROOT, "  %-60s %5.2f %% of one core%n", name,
                    percent));
            out.println("  of which this JVM's threads (JVM-internal ones such as GC and JIT not listed):");
            ownThreads.forEach((name, percent) -> out.printf(Locale.ROOT, "    %-58s %5.2f %%%n", name, percent));
        }
        return round;
    }

    /** Starts two notification-service instances, lets them finish the booking phases' work, then the two phases. */
    private void reminders(Stack stack, Api desk, Round round) throws Exception {
        out.println("reminders: starting two notification-service instances ...");
        stack.startNotificationInstance("reminders-1", options.reminderThreads());
        stack.startNotificationInstance("reminders-2", options.reminderThreads());
        try (ReminderLoad load = new ReminderLoad(stack, out)) {
            load.setPolicy(desk, stack.notificationPorts().get(0));
            settle(stack, load);
            Duration giveUp = Duration.ofSeconds(options.quick() ? 120 : 300);
            // warms the instances up and tells how fast they plan, hence how far ahead the next phases fall due
            load.run("2 instances, warm-up", Math.min(200, options.reminderCount() / 4), 0, giveUp);
            settle(stack, load);
            ReminderLoad.Phase burst = load.run("2 instances, burst", options.reminderCount(), 0, giveUp);
            settle(stack, load);
            ReminderLoad.Phase paced = load.run("2 instances, paced", options.reminderCount(), options.reminderRate(),
                    giveUp);
            round.remindersPerSecond = burst.perSecond();
            if (paced.lagMs() != null) {
                round.lagP50 = paced.lagMs().median();
                round.lagP99 = paced.lagMs().percentile(99);
            }
        }
    }

    /** Waits until the consumers caught up and the sinks have received nothing for 3 s (at most 5 minutes). */
    private void settle(Stack stack, ReminderLoad load) throws Exception {
        java.time.Instant deadline = java.time.Instant.now().plus(Duration.ofMinutes(5));
        load.awaitConsumed(java.util.Set.of(Topics.APPOINTMENTS, Topics.PATIENT_CONTACTS), "", deadline);
        int seen = -1;
        long quietSince = System.nanoTime();
        while (java.time.Instant.now().isBefore(deadline)) {
            int now = stack.sms().sms().size() + stack.sms().mail().size();
            if (now != seen) {
                seen = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > 3_000_000_000L) {
                return;
            }
            Thread.sleep(250);
        }
    }

    /** GET /api/availability for sofia-ramirez's massage-60 over 31 days; false when the endpoint is not there. */
    private boolean measureAvailability(Stack stack, Api desk, Round round) {
        LocalDate from = LocalDate.now(Slots.ZONE).plusDays(1);
        String url = stack.booking("/api/availability?" + String.join("&", Api.query("clinicId", Slots.CLINIC),
                Api.query("serviceId", "massage-60"), Api.query("practitionerId", "sofia-ramirez"),
                Api.query("from", from), Api.query("to", from.plusDays(30))));
        Api.Answer first = desk.get(url);
        if (first.status() != 200) {
            out.println("availability: endpoint not available (" + first.status() + ")");
            return false;
        }
        int slots = first.json().get("slots").size();
        for (int i = 0; i < options.availabilityWarmUp(); i++) {
            desk.get(url);
        }
        double[] millis = new double[options.availabilityCalls()];
        for (int i = 0; i < millis.length; i++) {
            long start = System.nanoTime();
            Api.Answer answer = desk.get(url);
            millis[i] = (System.nanoTime() - start) / 1e6;
            if (answer.status() != 200) {
                throw new IllegalStateException("availability answered " + answer.status() + ": " + answer.text());
            }
        }
        Percentiles latency = new Percentiles(millis);
        round.availabilityP50 = latency.median();
        round.availabilityP99 = latency.percentile(99);
        out.printf(Locale.ROOT, "availability (sofia-ramirez, massage-60, %s to %s, %d free starts): %d calls after %d"
                        + " warm-up, one client: median %.1f ms, p99 %.1f ms%n", from, from.plusDays(30), slots,
                latency.count(), options.availabilityWarmUp(), latency.median(), latency.percentile(99));
        return true;
    }

    /**
     * {@code GET /api/clinics} as the front desk from {@link Options#clients()} threads, each with its own HTTP
     * connection, for {@link Options#clinicsSeconds()} after a warm-up of a third of that: 200 answers per second.
     */
    private double clinicsPerSecond(Stack stack, Api desk) throws Exception {
        URI uri = URI.create(stack.booking("/api/clinics"));
        HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + desk.token())
                .timeout(Duration.ofSeconds(30)).GET().build();
        long warmUpNanos = Duration.ofSeconds(Math.max(1, options.clinicsSeconds() / 3)).toNanos();
        long measureNanos = Duration.ofSeconds(options.clinicsSeconds()).toNanos();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long begin = System.nanoTime();
        long measureFrom = begin + warmUpNanos;
        long end = measureFrom + measureNanos;
        ExecutorService pool = Executors.newFixedThreadPool(options.clients());
        try {
            List<Future<?>> connections = new ArrayList<>();
            for (int i = 0; i < options.clients(); i++) {
                connections.add(pool.submit(() -> {
                    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                    for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
                        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (System.nanoTime() >= measureFrom && System.nanoTime() < end) {
                            (response.statusCode() == 200 ? ok : failed).incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> connection : connections) {
                connection.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double perSecond = ok.get() / (measureNanos / 1e9);
        out.printf(Locale.ROOT, "GET /api/clinics, %d connections, %d s after %d s warm-up: %.0f requests/s%s%n",
                options.clients(), options.clinicsSeconds(), warmUpNanos / 1_000_000_000L, perSecond,
                failed.get() == 0 ? "" : " (" + failed.get() + " answers other than 200)");
        return perSecond;
    }

    /** Distinct free slots for the warm-up and the measured bookings, from the availability answer when present. */
    private List<Slots.Slot> slots(Stack stack, Api desk, boolean availability, int wanted) {
        LocalDate first = LocalDate.now(Slots.ZONE).plusDays(2);
        LocalDate last = LocalDate.now(Slots.ZONE).plusDays(120);
        List<Slots.Slot> slots = availability ? Slots.fromAvailability(first, last, (offer, from, to) -> {
            Api.Answer answer = desk.get(stack.booking("/api/availability?" + String.join("&",
                    Api.query("clinicId", Slots.CLINIC), Api.query("serviceId", offer.serviceId()),
                    Api.query("practitionerId", offer.practitionerId()), Api.query("from", from),
                    Api.query("to", to))));
            return answer.status() == 200 ? answer.json() : null;
        }) : List.of();
        String source = "the availability answers";
        if (slots.isEmpty()) {
            slots = Slots.fromHours(first, last);
            source = "the weekly hours";
        }
        if (slots.size() < wanted) {
            throw new IllegalStateException("only " + slots.size() + " free slots, " + wanted + " wanted");
        }
        List<Slots.Slot> shuffled = new ArrayList<>(slots);
        Collections.shuffle(shuffled, new java.util.Random(4)); // spread over days and practitioners
        out.println("slots: " + wanted + " of " + slots.size() + " free slots from " + source
                + " (massage-60 with sofia-ramirez, physio-follow-up with maya-chen; " + first + " to " + last + ")");
        return shuffled.subList(0, wanted);
    }

    /** Registers the patients through patient-service and waits until booking-service's registry has them all. */
    private List<String> registerPatients(Stack stack, Api desk, int count) throws Exception {
        List<String> ids = Collections.synchronizedList(new ArrayList<>(Collections.nCopies(count, (String) null)));
        long runId = System.currentTimeMillis();
        timedIndexes(count, options.clients(), index -> {
            Api.Answer answer = desk.post(stack.patient("/api/patients"), Map.of(
                    "givenName", "Bench", "familyName", "Patient " + letters(index),
                    "birthDate", "1980-01-01", "email", "bench." + runId + "." + index + "@example.org",
                    "language", "en", "channels", List.of("EMAIL"), "clinicId", Slots.CLINIC));
            if (answer.status() != 201) {
                throw new IllegalStateException("registration answered " + answer.status() + ": " + answer.text());
            }
            ids.set(index, answer.json().get("id").asString());
        });
        try (MongoClient mongo = MongoClients.create(stack.mongoUri())) {
            var registry = mongo.getDatabase(stack.database("booking")).getCollection("patient_registry");
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            for (int from = 0; from < count; from += 100) { // by _id $in: a key lookup even on the embedded server
                List<String> chunk = ids.subList(from, Math.min(count, from + 100));
                while (registry.countDocuments(Filters.in("_id", chunk)) < chunk.size()) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("booking-service did not learn of the patients within 120 s");
                    }
                    Thread.sleep(200);
                }
            }
        }
        out.println("patients: " + count + " registered through patient-service, known to booking-service");
        return List.copyOf(ids);
    }

    /** Books every slot through POST /api/appointments; the time ends when the last event has been seen. */
    private Batch bookThroughApi(Stack stack, Api desk, BookedEvents events, List<Slots.Slot> slots,
                                 List<String> patients, int clients) throws Exception {
        Map<String, Long> createdAt = new ConcurrentHashMap<>();
        AtomicInteger refusals = new AtomicInteger();
        long start = System.nanoTime();
        Batch requests = timed(slots, patients, (slot, patient) -> {
            Api.Answer answer = desk.post(stack.booking("/api/appointments"), Map.of("clinicId", Slots.CLINIC,
                    "serviceId", slot.serviceId(), "practitionerId", slot.practitionerId(), "patientId", patient,
                    "start", slot.start().toString()));
            if (answer.status() == 201) {
                createdAt.put(answer.json().get("id").asString(), System.nanoTime());
            } else if (refusals.incrementAndGet() <= 3) {
                out.println("  refused: " + answer.status() + " " + answer.text());
            }
        }, clients);
        long lastEvent = events.awaitAll(createdAt.keySet(), Duration.ofSeconds(120));
        long lastCreated = createdAt.values().stream().mapToLong(Long::longValue).max().orElse(start);
        long end = Math.max(lastEvent, lastCreated);
        out.printf(Locale.ROOT, "  %d bookings, %d client%s: the 201s alone at %.1f/s; the last AppointmentBooked seen"
                        + " %.1f s after the last 201%n", createdAt.size(), clients, clients == 1 ? "" : "s",
                createdAt.size() / seconds(lastCreated - start), seconds(end - lastCreated));
        return new Batch(createdAt.size(), refusals.get(), seconds(end - start), requests.latencies());
    }

    /** Runs the action for every slot (with its patient) from {@code clients} threads. */
    private Batch timed(List<Slots.Slot> slots, List<String> patients, BiConsumer<Slots.Slot, String> action,
                        int clients) throws Exception {
        double[] millis = new double[slots.size()];
        long start = System.nanoTime();
        timedIndexes(slots.size(), clients, index -> {
            long began = System.nanoTime();
            action.accept(slots.get(index), patients.get(index));
            millis[index] = (System.nanoTime() - began) / 1e6;
        });
        return new Batch(slots.size(), 0, seconds(System.nanoTime() - start), new Percentiles(millis));
    }

    /** Runs the task for the indexes 0..count-1 from {@code clients} threads; the first failure is thrown. */
    private static void timedIndexes(int count, int clients, java.util.function.IntConsumer task) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                futures.add(pool.submit(() -> {
                    for (int index = next.getAndIncrement(); index < count; index = next.getAndIncrement()) {
                        task.accept(index);
                    }
                }));
            }
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static void createTopics(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            for (String topic : List.of(Topics.APPOINTMENTS, Floor.TOPIC)) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }

    /** Folder of benchmark.jar: lib/ (its classpath, also the Kafka broker's) and services/ (the service jars). */
    static Path homeFolder() throws URISyntaxException {
        Path location = Path.of(Benchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path home = location.getParent();
        if (!Files.isDirectory(home.resolve("services"))) {
            throw new IllegalStateException("No " + home.resolve("services") + ": build with ./benchmark.sh");
        }
        return home;
    }

    /** 0 → "A", 25 → "Z", 26 → "BA": patient names may hold letters only. */
    static String letters(int index) {
        StringBuilder name = new StringBuilder();
        int rest = index;
        do {
            name.insert(0, (char) ('A' + rest % 26));
            rest /= 26;
        } while (rest > 0);
        return name.toString();
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
