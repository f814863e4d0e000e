package com.clinicbackbone.benchmark;

import com.clinicbackbone.events.Topics;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
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
import java.util.function.BiConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * {@code ./benchmark.sh}: starts its own local stack (see {@link Stack}) and prints
 * <ol>
 *   <li>availability latency: one practitioner over 31 days, warm, median and p99;</li>
 *   <li>bookings per second through the HTTP API end to end (201 received and the AppointmentBooked event seen on
 *       {@code clinic.appointments.v1}) with N concurrent front desk clients over distinct free slots;</li>
 *   <li>the floor: the same writes with the MongoDB driver and the Kafka producer (see {@link Floor}), same
 *       concurrency; and the ratio API / floor.</li>
 * </ol>
 */
public final class Benchmark {

    static final String DESK = "frontdesk-running-shoe";

    record Options(int clients, int bookings, int warmUpBookings, int availabilityCalls, int availabilityWarmUp,
                   boolean keepData) {

        static Options parse(String... args) {
            Map<String, String> values = new ConcurrentHashMap<>();
            boolean keep = false;
            for (String arg : args) {
                if (arg.equals("--keep-data")) {
                    keep = true;
                } else if (arg.startsWith("--") && arg.contains("=")) {
                    values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
                } else {
                    throw new IllegalArgumentException("unknown argument " + arg);
                }
            }
            Options options = new Options(number(values, "clients", 8), number(values, "bookings", 400),
                    number(values, "warm-up-bookings", 100), number(values, "availability-calls", 500),
                    number(values, "availability-warm-up", 50), keep);
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
        if (java.util.Arrays.asList(args).contains("--reminders")) {
            Reminders.main(args);
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: ./benchmark.sh [--no-build] [--clients=8] [--bookings=400] [--warm-up-bookings=100]"
                    + " [--availability-calls=500] [--availability-warm-up=50] [--keep-data]");
            System.exit(2);
            return;
        }
        new Benchmark(options, System.out).run();
        System.exit(0); // the Kafka clients' and the MongoDB-wire server's threads
    }

    void run() throws Exception {
        Path home = homeFolder();
        out.printf(Locale.ROOT, "Clinic Backbone benchmark: %d cores, %s %s, %s %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.arch"));
        out.println("Starting a local stack of its own (service jars from " + home.resolve("services") + ") ...");
        long started = System.nanoTime();
        try (Stack stack = Stack.start(home.resolve("services"), home.resolve("lib"), out, options.keepData())) {
            out.printf(Locale.ROOT, "  up in %.0f s%n", seconds(System.nanoTime() - started));
            createTopics(stack.kafkaBootstrap());
            Api desk = Api.signIn(stack.issuer(), DESK);

            boolean availability = measureAvailability(stack, desk);
            List<Slots.Slot> slots = slots(stack, desk, availability);
            List<String> patients = registerPatients(stack, desk, slots.size());

            List<Slots.Slot> warmUp = slots.subList(0, options.warmUpBookings());
            List<Slots.Slot> measured = slots.subList(options.warmUpBookings(), slots.size());
            Batch api;
            try (BookedEvents events = new BookedEvents(stack.kafkaBootstrap())) {
                bookThroughApi(stack, desk, events, warmUp, patients.subList(0, warmUp.size()));
                api = bookThroughApi(stack, desk, events, measured, patients.subList(warmUp.size(), patients.size()));
            }
            out.printf(Locale.ROOT, "bookings through the API: %d bookings, %d clients, %d refused: %.1f bookings/s"
                            + " (201 received and AppointmentBooked seen on %s); request latency median %.1f ms,"
                            + " p99 %.1f ms%n", api.done(), options.clients(), api.failed(), api.perSecond(),
                    Topics.APPOINTMENTS, api.latencies().median(), api.latencies().percentile(99));

            Batch floor;
            try (Floor direct = new Floor(stack.mongoUri(), stack.kafkaBootstrap())) {
                timed(warmUp, patients, direct::book);
                floor = timed(measured, patients.subList(warmUp.size(), patients.size()), direct::book);
            }
            out.printf(Locale.ROOT, "floor (MongoDB driver: claims + appointment with outbox; Kafka producer acks=all):"
                            + " %d bookings, %d clients: %.1f bookings/s; latency median %.1f ms, p99 %.1f ms%n",
                    floor.done(), options.clients(), floor.perSecond(), floor.latencies().median(),
                    floor.latencies().percentile(99));
            out.printf(Locale.ROOT, "API / floor: %.0f %% (target >= 40 %%)%n", 100 * api.perSecond() / floor.perSecond());
        }
    }

    /** GET /api/availability for sofia-ramirez's massage-60 over 31 days; false when the endpoint is not there. */
    private boolean measureAvailability(Stack stack, Api desk) {
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
        out.printf(Locale.ROOT, "availability (sofia-ramirez, massage-60, %s to %s, %d free starts): %d calls after %d"
                        + " warm-up, one client: median %.1f ms, p99 %.1f ms%n", from, from.plusDays(30), slots,
                latency.count(), options.availabilityWarmUp(), latency.median(), latency.percentile(99));
        return true;
    }

    /** Distinct free slots for the warm-up and the measured bookings, from the availability answer when present. */
    private List<Slots.Slot> slots(Stack stack, Api desk, boolean availability) {
        LocalDate first = LocalDate.now(Slots.ZONE).plusDays(2);
        LocalDate last = LocalDate.now(Slots.ZONE).plusDays(85);
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
        int wanted = options.warmUpBookings() + options.bookings();
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
        timedIndexes(count, index -> {
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
            var registry = mongo.getDatabase("booking").getCollection("patient_registry");
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (registry.countDocuments(Filters.in("_id", ids)) < count) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("booking-service did not learn of the patients within 120 s");
                }
                Thread.sleep(200);
            }
        }
        out.println("patients: " + count + " registered through patient-service, known to booking-service");
        return List.copyOf(ids);
    }

    /** Books every slot through POST /api/appointments; the time ends when the last event has been seen. */
    private Batch bookThroughApi(Stack stack, Api desk, BookedEvents events, List<Slots.Slot> slots,
                                 List<String> patients) throws Exception {
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
        });
        long lastEvent = events.awaitAll(createdAt.keySet(), Duration.ofSeconds(120));
        long lastCreated = createdAt.values().stream().mapToLong(Long::longValue).max().orElse(start);
        long end = Math.max(lastEvent, lastCreated);
        out.printf(Locale.ROOT, "  %d bookings: the 201s alone at %.1f/s; the last AppointmentBooked seen %.1f s after"
                        + " the last 201%n", createdAt.size(), createdAt.size() / seconds(lastCreated - start),
                seconds(end - lastCreated));
        return new Batch(createdAt.size(), refusals.get(), seconds(end - start), requests.latencies());
    }

    /** Runs the action for every slot (with its patient) from {@link Options#clients()} threads. */
    private Batch timed(List<Slots.Slot> slots, List<String> patients, BiConsumer<Slots.Slot, String> action)
            throws Exception {
        double[] millis = new double[slots.size()];
        long start = System.nanoTime();
        timedIndexes(slots.size(), index -> {
            long began = System.nanoTime();
            action.accept(slots.get(index), patients.get(index));
            millis[index] = (System.nanoTime() - began) / 1e6;
        });
        return new Batch(slots.size(), 0, seconds(System.nanoTime() - start), new Percentiles(millis));
    }

    /** Runs the task for the indexes 0..count-1 from {@link Options#clients()} threads; the first failure is thrown. */
    private void timedIndexes(int count, java.util.function.IntConsumer task) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(options.clients());
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int i = 0; i < options.clients(); i++) {
                clients.add(pool.submit(() -> {
                    for (int index = next.getAndIncrement(); index < count; index = next.getAndIncrement()) {
                        task.accept(index);
                    }
                }));
            }
            for (Future<?> client : clients) {
                try {
                    client.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void createTopics(String bootstrap) throws Exception {
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

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
