package com.clinicbackbone.benchmark;

import com.clinicbackbone.localstack.KafkaBrokerProcess;
import com.clinicbackbone.localstack.MailCatcher;
import com.clinicbackbone.localstack.MongoWireServer;
import com.clinicbackbone.localstack.ServiceProcess;
import com.clinicbackbone.localstack.SmsSink;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * What the benchmark measures, on free ports and a fresh temporary data folder (never {@code .data/}): the issuer
 * (auth-server), a Kafka broker (KRaft, child JVM), the MongoDB-wire server (H2 file, in this JVM) or a MongoDB
 * given with {@code --mongo-uri} (fresh databases of its own, dropped afterwards), the local SMTP catcher and SMS sink
 * (in this JVM), then booking-service and patient-service, and as many notification-service instances as asked.
 * Every service jar runs as a child JVM with production flags ({@link ServiceJvm#productionOptions}, as compose).
 */
final class Stack implements AutoCloseable {

    static final Duration HEALTHY_WITHIN = Duration.ofSeconds(240);

    final Path data;
    private final Path jars;
    /** JVM options for every service instead of {@link ServiceJvm#productionOptions}, or null. */
    private final List<String> jvmOverride;
    private final boolean keepData;
    /** A MongoDB given with --mongo-uri (no database), or null for the embedded MongoDB-wire server. */
    private final String externalMongo;
    /** Prefix of this stack's database names on an external MongoDB (they must not meet another run's). */
    private final String databasePrefix = "bench" + Long.toString(System.currentTimeMillis(), 36) + "_";
    final int authPort = freePort();
    final int bookingPort = freePort();
    final int patientPort = freePort();
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    /** Further arguments per jar (e.g. {@code booking-service}), for every instance started from it. */
    private final Map<String, List<String>> extraArgs = new LinkedHashMap<>();
    private final List<Integer> notificationPorts = new ArrayList<>();
    private KafkaBrokerProcess kafka;
    private MongoWireServer mongo;
    private SmsSink sms;
    private MailCatcher mail;

    private Stack(Path data, Path jars, List<String> jvmOverride, boolean keepData, String externalMongo) {
        this.data = data;
        this.jars = jars;
        this.jvmOverride = jvmOverride;
        this.keepData = keepData;
        this.externalMongo = externalMongo;
    }

    /**
     * Starts the issuer, the broker, the MongoDB-wire server (unless {@code externalMongo}), the SMTP catcher and the
     * SMS sink, and waits until they are ready. The services come with {@link #startBookingAndPatient} and
     * {@link #startNotificationInstance}; what must be in the store before them (the history) goes in between.
     *
     * @param jars the folder with the service jars
     * @param kafkaLib the folder with the Kafka broker's jars
     * @param jvmOverride JVM options for every service instead of {@link ServiceJvm#productionOptions}, or null
     * @param externalMongo a {@code mongodb://} URI to use instead of the embedded server, or null
     */
    static Stack start(Path jars, Path kafkaLib, List<String> jvmOverride, PrintStream out, boolean keepData,
                       String externalMongo) throws IOException {
        Stack stack = new Stack(Files.createTempDirectory("clinic-benchmark-"), jars, jvmOverride, keepData,
                externalMongo);
        try {
            stack.startInfrastructure(kafkaLib, out);
            return stack;
        } catch (RuntimeException | IOException e) {
            stack.close();
            throw e;
        }
    }

    private void startInfrastructure(Path kafkaLib, PrintStream out) throws IOException {
        Path logs = Files.createDirectories(data.resolve("logs"));
        ServiceProcess issuer = ServiceJvm.start("auth-server", jars.resolve("auth-server.jar"), jvm("auth-server"),
                List.of("--server.port=" + authPort, "--auth.issuer=" + issuer()), logs.resolve("auth-server.log"));
        services.put(issuer.name(), issuer);
        kafka = KafkaBrokerProcess.start(data.resolve("kafka"), freePort(), freePort(),
                KafkaBrokerProcess.classpathOf(kafkaLib), logs.resolve("kafka.log"));
        if (externalMongo == null) {
            mongo = MongoWireServer.start(data.resolve("mongo").resolve("backbone.mv"), 0);
        }
        sms = new SmsSink(0, data.resolve("inbox.jsonl"));
        mail = MailCatcher.start(0, sms::recordMail);
        issuer.awaitHealthy(authPort, HEALTHY_WITHIN);
        kafka.awaitReady(HEALTHY_WITHIN);
        out.println("  issuer, Kafka broker, " + (externalMongo == null ? "MongoDB-wire server (H2 file)"
                : "MongoDB at --mongo-uri (databases " + databasePrefix + "*)") + ", SMTP catcher and SMS sink up"
                + " (data in " + data + ")");
    }

    /** Starts booking-service and patient-service and waits until both are healthy. */
    void startBookingAndPatient(PrintStream out) {
        ServiceProcess booking = service("booking-service", bookingPort, List.of("--spring.mongodb.uri=" + uri("booking")));
        ServiceProcess patient = service("patient-service", patientPort, List.of("--spring.mongodb.uri="
                + uri("patients")));
        CompletableFuture.allOf(
                CompletableFuture.runAsync(() -> booking.awaitHealthy(bookingPort, HEALTHY_WITHIN)),
                CompletableFuture.runAsync(() -> patient.awaitHealthy(patientPort, HEALTHY_WITHIN))).join();
        out.println("  booking-service and patient-service healthy (JVM options "
                + String.join(" ", jvm("booking-service")) + " / " + String.join(" ", jvm("patient-service")) + ")");
    }

    /** Starts one more notification-service instance and waits until it is healthy. */
    void startNotificationInstance(String instanceId, int threads) {
        int port = freePort();
        ServiceProcess instance = service("notification-service-" + instanceId, port, List.of(
                "--spring.mongodb.uri=" + uri("notifications"),
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + mail.port(),
                "--notifications.sms.base-url=" + sms.baseUrl(),
                "--notifications.sms.status-callback-url=http://127.0.0.1:" + port + "/api/sms/status",
                "--notifications.dispatcher.instance-id=" + instanceId,
                "--notifications.dispatcher.threads=" + threads));
        instance.awaitHealthy(port, HEALTHY_WITHIN);
        notificationPorts.add(port);
    }

    /** Adds arguments to every later start of the jar's service (e.g. {@code booking-service}). */
    void addArgs(String jar, List<String> args) {
        extraArgs.computeIfAbsent(jar, it -> new ArrayList<>()).addAll(args);
    }

    private ServiceProcess service(String name, int port, List<String> specific) {
        List<String> args = new ArrayList<>(List.of("--server.port=" + port,
                "--spring.cloud.stream.kafka.binder.brokers=" + kafkaBootstrap(),
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer()));
        args.addAll(specific);
        String jar = name.startsWith("notification-service") ? "notification-service" : name;
        args.addAll(extraArgs.getOrDefault(jar, List.of()));
        ServiceProcess process = ServiceJvm.start(name, jars.resolve(jar + ".jar"), jvm(name), args,
                data.resolve("logs").resolve(name + ".log"));
        services.put(name, process);
        return process;
    }

    /**
     * Runs a service jar's one-shot entry point against the service's database (before the service starts) and
     * waits until it exits.
     *
     * @param service e.g. {@code booking-service}
     * @param database the service's database, e.g. {@code booking}
     */
    void runEntryPoint(String service, String database, String mainClass, List<String> args, Duration timeout) {
        List<String> all = new ArrayList<>(List.of("--spring.mongodb.uri=" + uri(database),
                "--spring.cloud.stream.kafka.binder.brokers=" + kafkaBootstrap(),
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer()));
        all.addAll(args);
        ServiceJvm.runToEnd(service + " " + mainClass, jars.resolve(service + ".jar"), mainClass, jvm(service), all,
                data.resolve("logs").resolve(service + "-history.log"), timeout);
    }

    /** A service's jar, e.g. {@code booking-service.jar}. */
    Path jar(String service) {
        return jars.resolve(service + ".jar");
    }

    /** The JVM options of a service: {@code --service-jvm} when given, else production flags. */
    List<String> jvm(String service) {
        return jvmOverride != null ? jvmOverride : ServiceJvm.productionOptions(service);
    }

    /** Every process this stack started, by name: the child JVMs, and this JVM (MongoDB-wire server, sinks). */
    Map<String, Long> processes() {
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put("benchmark JVM (" + (externalMongo == null ? "MongoDB-wire server, " : "")
                + "SMTP catcher, SMS sink; idle client)", ProcessHandle.current().pid());
        services.forEach((name, process) -> {
            if (process.isAlive()) {
                pids.put(name, process.pid());
            }
        });
        ProcessHandle.current().children()
                .filter(child -> !pids.containsValue(child.pid()))
                .filter(child -> child.info().commandLine().orElse("").contains("kafka"))
                .forEach(child -> pids.put("kafka broker", child.pid()));
        return pids;
    }

    String issuer() {
        return "http://127.0.0.1:" + authPort;
    }

    String booking(String path) {
        return "http://127.0.0.1:" + bookingPort + path;
    }

    String patient(String path) {
        return "http://127.0.0.1:" + patientPort + path;
    }

    List<Integer> notificationPorts() {
        return List.copyOf(notificationPorts);
    }

    String kafkaBootstrap() {
        return kafka.bootstrapServers();
    }

    /** Where the benchmark itself connects (no database). */
    String mongoUri() {
        return externalMongo != null ? externalMongo : "mongodb://127.0.0.1:" + mongo.port();
    }

    /** The real name of a service's database: {@code booking}, {@code patients}, {@code notifications}. */
    String database(String name) {
        return externalMongo == null ? name : databasePrefix + name;
    }

    /** A connection string for one of this stack's databases. */
    String uri(String name) {
        return externalMongo == null ? mongo.uri(name) : withDatabase(externalMongo, database(name));
    }

    /** A MongoDB URI without a database, with {@code database} as its path (its options kept). */
    static String withDatabase(String uri, String database) {
        int query = uri.indexOf('?');
        String base = query < 0 ? uri : uri.substring(0, query);
        String options = query < 0 ? "" : uri.substring(query);
        int hostsEnd = base.indexOf('/', base.indexOf("://") + 3);
        return (hostsEnd < 0 ? base : base.substring(0, hostsEnd)) + "/" + database + options;
    }

    SmsSink sms() {
        return sms;
    }

    /** Checks a {@code --mongo-uri}: a mongodb URI without a database (each stack makes its own). */
    static String checkedExternalMongo(String uri) {
        if (uri == null) {
            return null;
        }
        if (!uri.startsWith("mongodb://") && !uri.startsWith("mongodb+srv://")) {
            throw new IllegalArgumentException("--mongo-uri must be a mongodb:// or mongodb+srv:// URI");
        }
        String database = new ConnectionString(uri).getDatabase();
        if (database != null && !database.isEmpty()) {
            throw new IllegalArgumentException("--mongo-uri must not name a database: the benchmark makes its own");
        }
        return uri;
    }

    /** Stops the services, the broker, the sinks and the server, then deletes the data unless it is to be kept. */
    @Override
    public void close() {
        List<ServiceProcess> running = new ArrayList<>(services.values());
        CompletableFuture.allOf(running.stream().map(service -> CompletableFuture.runAsync(service::stop))
                .toArray(CompletableFuture[]::new)).join();
        if (kafka != null) {
            kafka.stop();
        }
        if (mail != null) {
            mail.close();
        }
        if (sms != null) {
            sms.close();
        }
        if (mongo != null) {
            mongo.close();
        }
        if (externalMongo != null && !keepData) {
            try (MongoClient client = MongoClients.create(externalMongo)) {
                for (String name : client.listDatabaseNames()) {
                    if (name.startsWith(databasePrefix)) {
                        client.getDatabase(name).drop();
                    }
                }
            } catch (RuntimeException e) {
                System.err.println("Could not drop the databases " + databasePrefix + "*: " + e.getMessage());
            }
        }
        removeData(data, keepData);
    }

    /** Deletes a stack's temporary data folder, or says where it was kept. */
    static void removeData(Path data, boolean keep) {
        if (keep) {
            System.out.println("Data and logs kept in " + data);
            return;
        }
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("Could not delete " + data + ": " + e.getMessage());
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
