package com.clinicbackbone.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code ./run-local.sh}: the whole backbone on one machine. Starts the OpenID Connect issuer (auth-server, child
 * JVM), a Kafka broker (child JVM), the MongoDB-wire server, the SMTP catcher, the SMS sink with the inbox page and
 * the three services (child JVMs, trusting the issuer's tokens) and the operator console (child JVM), prints what
 * runs where, and stops everything on
 * Ctrl-C. Data lives in {@code .data/} of the checkout.
 */
public final class LocalStack {

    static final int KAFKA_PORT = 9092;
    static final int KAFKA_CONTROLLER_PORT = 9093;
    static final int MONGO_PORT = 27017;
    static final int SMTP_PORT = 2525;
    static final int INBOX_PORT = 8025;
    static final int AUTH_PORT = 9000;
    /** The issuer the services trust; auth-server's default {@code auth.issuer}. */
    static final String ISSUER = "http://127.0.0.1:" + AUTH_PORT;
    static final String AUTH_SERVER = "auth-server";
    /** The operator console: its module (and jar) name and port; it signs operators in at the issuer. */
    static final String CONSOLE = "operator-console";
    static final int CONSOLE_PORT = 8080;
    /** 127.0.0.1, not localhost: the issuer knows the console's redirect URI by that host. */
    static final String CONSOLE_URL = "http://127.0.0.1:" + CONSOLE_PORT;
    /** clinic-web: the front desk's calendar and the patients' pages; people sign in at the issuer. */
    static final String WEB = "clinic-web";
    static final int WEB_PORT = 8090;
    /** 127.0.0.1, as the issuer knows clinic-web's redirect URI. */
    static final String WEB_URL = "http://127.0.0.1:" + WEB_PORT;
    static final Duration KAFKA_READY_TIMEOUT = Duration.ofSeconds(60);
    static final Duration SERVICE_HEALTHY_TIMEOUT = Duration.ofSeconds(180);

    /** One of the three services: its module (and jar) name, port and database. */
    record Service(String name, int port, String database) {
    }

    static final List<Service> SERVICES = List.of(
            new Service("booking-service", 8081, "booking"),
            new Service("patient-service", 8082, "patients"),
            new Service("notification-service", 8083, "notifications"));

    private final PrintStream out;
    private final Path root;
    private final Path data;
    private final Path logs;
    private final long startedAt = System.nanoTime();

    private boolean stopping;
    private KafkaBrokerProcess kafka;
    private MongoWireServer mongo;
    private MailCatcher mail;
    private SmsSink sink;
    private final List<ServiceProcess> services = new ArrayList<>();

    LocalStack(Path root, PrintStream out) {
        this.root = root;
        this.out = out;
        this.data = root.resolve(".data");
        this.logs = data.resolve("logs");
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0) {
            System.out.println("usage: ./run-local.sh   (starts the whole backbone locally; Ctrl-C stops it)");
            System.out.println("Data and logs are kept in .data/ of the checkout; delete it to start from the demo data.");
            System.exit(args[0].equals("--help") || args[0].equals("-h") ? 0 : 2);
        }
        Path root;
        try {
            root = RepoRoot.find();
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage() + ": run it from the checkout (./run-local.sh)");
            System.exit(1);
            return;
        }
        Path logs = root.resolve(".data").resolve("logs");
        System.setProperty("local-stack.log", logs.resolve("local-stack.log").toString());
        System.setProperty("logback.configurationFile", "local-stack-logback.xml");

        LocalStack stack = new LocalStack(root, System.out);
        List<String> problems = stack.preflight();
        if (!problems.isEmpty()) {
            problems.forEach(System.err::println);
            System.exit(1);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-shutdown"));
        try {
            stack.start();
        } catch (RuntimeException e) {
            if (stack.isStopping()) {
                return;
            }
            System.err.println();
            System.err.println("Start-up failed: " + e.getMessage());
            stack.stop();
            System.exit(1);
        }
        stack.watch();
    }

    /** The fixed ports the stack listens on, and what for. */
    static Map<Integer, String> ports() {
        Map<Integer, String> ports = new LinkedHashMap<>();
        ports.put(AUTH_PORT, "auth-server (OpenID Connect issuer)");
        ports.put(KAFKA_PORT, "Kafka broker");
        ports.put(KAFKA_CONTROLLER_PORT, "Kafka controller");
        ports.put(MONGO_PORT, "MongoDB-wire server");
        ports.put(SMTP_PORT, "SMTP catcher");
        ports.put(INBOX_PORT, "inbox and SMS sink");
        SERVICES.forEach(service -> ports.put(service.port(), service.name()));
        ports.put(CONSOLE_PORT, "operator console");
        ports.put(WEB_PORT, "clinic-web (desk and patients' pages)");
        return ports;
    }

    /** What keeps the stack from starting: a port in use, a service jar not built. */
    List<String> preflight() {
        List<String> problems = new ArrayList<>();
        ports().forEach((port, what) -> {
            if (!isFree(port)) {
                problems.add("Port " + port + " (" + what + ") is already taken; is a local stack already running?"
                        + " (find the process with: lsof -i :" + port + ")");
            }
        });
        List<String> jars = new ArrayList<>(List.of(AUTH_SERVER));
        SERVICES.forEach(service -> jars.add(service.name()));
        jars.add(CONSOLE);
        jars.add(WEB);
        for (String name : jars) {
            Path jar = jarOf(name);
            if (!Files.isRegularFile(jar)) {
                problems.add("Missing " + root.relativize(jar) + ": build it with mvn -DskipTests install");
            }
        }
        Path lib = kafkaLibDirectory();
        if (!Files.isDirectory(lib)) {
            problems.add("Missing " + lib + " (the Kafka jars): build with mvn -DskipTests install");
        }
        return problems;
    }

    void start() {
        out.println("Starting the Clinic Backbone local stack (data in " + root.relativize(data) + "/) ...");
        // the issuer first: it boots while the broker does, and is healthy before any service wants its keys
        ServiceProcess issuer = ServiceProcess.start(AUTH_SERVER, jarOf(AUTH_SERVER), authServerArgs(),
                logs.resolve(AUTH_SERVER + ".log"));
        track(() -> services.add(issuer), issuer::stop);
        KafkaBrokerProcess broker = KafkaBrokerProcess.start(data.resolve("kafka"), KAFKA_PORT, KAFKA_CONTROLLER_PORT,
                KafkaBrokerProcess.classpathOf(kafkaLibDirectory()), logs.resolve("kafka.log"));
        track(() -> kafka = broker, broker::stop);
        // the in-process servers start while the broker boots
        MongoWireServer mongoServer = MongoWireServer.start(data.resolve("mongo").resolve("backbone.mv"), MONGO_PORT);
        track(() -> mongo = mongoServer, mongoServer::close);
        SmsSink smsSink = new SmsSink(INBOX_PORT, data.resolve("inbox.jsonl"), inboundWebhookUrl());
        track(() -> sink = smsSink, smsSink::close);
        MailCatcher catcher = MailCatcher.start(SMTP_PORT, smsSink::recordMail);
        track(() -> mail = catcher, catcher::close);
        step("MongoDB-wire server, SMTP catcher and inbox up");

        issuer.awaitHealthy(AUTH_PORT, SERVICE_HEALTHY_TIMEOUT);
        step("auth-server healthy (issuer " + ISSUER + ")");
        broker.awaitReady(KAFKA_READY_TIMEOUT);
        step("Kafka broker ready");

        List<CompletableFuture<Void>> healthy = new ArrayList<>();
        ExecutorService waiters = Executors.newFixedThreadPool(SERVICES.size() + 2);
        try {
            for (Service service : SERVICES) {
                ServiceProcess process = ServiceProcess.start(service.name(), jarOf(service.name()), argsOf(service),
                        logs.resolve(service.name() + ".log"));
                track(() -> services.add(process), process::stop);
                healthy.add(CompletableFuture.runAsync(() -> {
                    process.awaitHealthy(service.port(), SERVICE_HEALTHY_TIMEOUT);
                    step(service.name() + " healthy");
                }, waiters));
            }
            ServiceProcess console = ServiceProcess.start(CONSOLE, jarOf(CONSOLE), consoleArgs(),
                    logs.resolve(CONSOLE + ".log"));
            track(() -> services.add(console), console::stop);
            healthy.add(CompletableFuture.runAsync(() -> {
                console.awaitHealthy(CONSOLE_PORT, SERVICE_HEALTHY_TIMEOUT);
                step(CONSOLE + " healthy");
            }, waiters));
            ServiceProcess web = ServiceProcess.start(WEB, jarOf(WEB), webArgs(), logs.resolve(WEB + ".log"));
            track(() -> services.add(web), web::stop);
            healthy.add(CompletableFuture.runAsync(() -> {
                web.awaitHealthy(WEB_PORT, SERVICE_HEALTHY_TIMEOUT);
                step(WEB + " healthy");
            }, waiters));
            awaitAllOrFirstFailure(healthy);
        } finally {
            waiters.shutdownNow();
        }
        printTable();
    }

    List<String> argsOf(Service service) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + service.port(),
                "--spring.mongodb.uri=mongodb://127.0.0.1:" + MONGO_PORT + "/" + service.database(),
                "--spring.cloud.stream.kafka.binder.brokers=127.0.0.1:" + KAFKA_PORT,
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + ISSUER));
        if (service.name().equals("notification-service")) {
            args.addAll(List.of(
                    "--spring.mail.host=127.0.0.1",
                    "--spring.mail.port=" + SMTP_PORT,
                    "--notifications.sms.base-url=http://127.0.0.1:" + INBOX_PORT,
                    "--notifications.sms.status-callback-url=http://127.0.0.1:" + service.port() + "/api/sms/status",
                    "--notifications.sms.inbound-url=" + inboundWebhookUrl()));
        }
        return args;
    }

    /** Where the inbox page's replies go: notification-service's inbound SMS webhook (also what it verifies). */
    static String inboundWebhookUrl() {
        int port = SERVICES.stream().filter(service -> service.name().equals("notification-service")).findFirst()
                .orElseThrow().port();
        return "http://127.0.0.1:" + port + "/api/sms/inbound";
    }

    /**
     * The console: its own database, the broker, the issuer; it watches the instances of {@link #SERVICES} and the
     * issuer on their local-stack ports (its default {@code console.instances}).
     */
    List<String> consoleArgs() {
        return List.of("--server.port=" + CONSOLE_PORT,
                "--spring.mongodb.uri=mongodb://127.0.0.1:" + MONGO_PORT + "/console",
                "--spring.kafka.bootstrap-servers=127.0.0.1:" + KAFKA_PORT,
                "--console.issuer=" + ISSUER);
    }

    /** clinic-web: the issuer people sign in at, the three services' URLs, the broker for live updates. */
    List<String> webArgs() {
        List<String> args = new ArrayList<>(List.of("--server.port=" + WEB_PORT, "--web.issuer=" + ISSUER,
                "--spring.cloud.stream.kafka.binder.brokers=127.0.0.1:" + KAFKA_PORT));
        for (Service service : SERVICES) {
            String property = switch (service.name()) {
                case "booking-service" -> "--web.booking-url=";
                case "patient-service" -> "--web.patient-url=";
                default -> "--web.notification-url=";
            };
            args.add(property + "http://127.0.0.1:" + service.port());
        }
        return args;
    }

    /**
     * The issuer; it mails new patients their sign-up code through the SMTP catcher and keeps their accounts in
     * {@code .data/auth/accounts.json} (so they survive a restart, as the records they are linked to do).
     */
    List<String> authServerArgs() {
        return List.of("--server.port=" + AUTH_PORT, "--auth.issuer=" + ISSUER, "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + SMTP_PORT,
                "--auth.accounts-file=" + data.resolve("auth").resolve("accounts.json"));
    }

    /** Stops what was started, services first, then the broker and the in-process servers. Safe to call twice. */
    void stop() {
        List<ServiceProcess> toStop;
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
            toStop = List.copyOf(services);
        }
        out.println();
        out.println("Stopping the local stack ...");
        List<Thread> stoppers = toStop.stream()
                .map(service -> new Thread(() -> quietly(service::stop), "stop-" + service.name()))
                .toList();
        stoppers.forEach(Thread::start);
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        quietly(kafka == null ? null : kafka::stop);
        quietly(mail == null ? null : mail::close);
        quietly(sink == null ? null : sink::close);
        quietly(mongo == null ? null : mongo::close);
        out.println("Stopped. Data kept in " + data);
        out.flush();
    }

    synchronized boolean isStopping() {
        return stopping;
    }

    /** Keeps the launcher running and says so when a process ends on its own. */
    private void watch() throws InterruptedException {
        List<String> reported = new ArrayList<>();
        while (!isStopping()) {
            if (kafka != null && !kafka.isAlive() && !reported.contains("kafka")) {
                reported.add("kafka");
                System.err.println("The Kafka broker stopped unexpectedly; see " + root.relativize(kafka.logFile()));
            }
            for (ServiceProcess service : List.copyOf(services)) {
                if (!service.isAlive() && !reported.contains(service.name()) && !isStopping()) {
                    reported.add(service.name());
                    System.err.println(service.name() + " stopped unexpectedly; see " + root.relativize(service.logFile()));
                }
            }
            Thread.sleep(1000);
        }
    }

    /**
     * Registers a started component for {@link #stop()}; when the stack is already stopping (Ctrl-C during the
     * start), stops it right away instead.
     */
    private void track(Runnable register, Runnable stopper) {
        synchronized (this) {
            if (!stopping) {
                register.run();
                return;
            }
        }
        stopper.run();
        throw new IllegalStateException("stopping");
    }

    private void printTable() {
        String elapsed = seconds();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"auth-server (OIDC issuer)", ISSUER + "  (token: /oauth2/token)",
                rel(logs.resolve(AUTH_SERVER + ".log"))});
        for (Service service : SERVICES) {
            rows.add(new String[] {service.name(), "http://127.0.0.1:" + service.port() + "  (/actuator/health)",
                    rel(logs.resolve(service.name() + ".log"))});
        }
        rows.add(new String[] {"operator console", CONSOLE_URL + "  (sign in: operator / demo-secret)",
                rel(logs.resolve(CONSOLE + ".log"))});
        rows.add(new String[] {"clinic-web", WEB_URL + "  (desk: /desk, patients: /)", rel(logs.resolve(WEB + ".log"))});
        rows.add(new String[] {"inbox: mail + SMS", "http://127.0.0.1:" + INBOX_PORT + "  (JSON: /api/messages)",
                rel(data.resolve("inbox.jsonl"))});
        rows.add(new String[] {"SMS sink (Twilio API)", "http://127.0.0.1:" + INBOX_PORT
                + "/2010-04-01/Accounts/{AccountSid}/Messages.json", rel(logs.resolve("local-stack.log"))});
        rows.add(new String[] {"SMTP catcher", "smtp://127.0.0.1:" + SMTP_PORT, rel(logs.resolve("local-stack.log"))});
        rows.add(new String[] {"Kafka broker (KRaft)", "127.0.0.1:" + KAFKA_PORT + "  (controller 127.0.0.1:"
                + KAFKA_CONTROLLER_PORT + ")", rel(logs.resolve("kafka.log"))});
        rows.add(new String[] {"MongoDB-wire server", "mongodb://127.0.0.1:" + MONGO_PORT + "  (H2 "
                + rel(mongo.storeFile()) + ")", rel(logs.resolve("local-stack.log"))});
        int w0 = "what".length();
        int w1 = "where".length();
        for (String[] row : rows) {
            w0 = Math.max(w0, row[0].length());
            w1 = Math.max(w1, row[1].length());
        }
        String format = "  %-" + w0 + "s  %-" + w1 + "s  %s%n";
        out.println();
        out.println("Clinic Backbone is up: all healthy " + elapsed + " after start.");
        out.println();
        out.printf(format, "what", "where", "log / data");
        out.printf(format, "-".repeat(w0), "-".repeat(w1), "-".repeat(10));
        rows.forEach(row -> out.printf(format, (Object[]) row));
        out.println();
        out.println("  data folder: " + data + "  (kept across restarts; delete it to start from the demo data)");
        out.println("  the services trust tokens from " + ISSUER + "; get one for a demo persona with");
        out.println("    " + tokenCommand("frontdesk-running-shoe"));
        out.println("  open http://127.0.0.1:" + INBOX_PORT + " to see what patients would receive.");
        out.println("  open " + CONSOLE_URL + " (as operator / demo-secret) for health, lag, reminders and dead letters.");
        out.println("  open " + WEB_URL + "/desk (as frontdesk-running-shoe / demo-secret) for the front desk's calendar,");
        out.println("    " + WEB_URL + " for the patients' pages (sign in as patient-ann-lee / demo-secret).");
        out.println("Press Ctrl-C to stop everything.");
        out.flush();
    }

    /** The curl that gets a demo persona's access token (client credentials; secret demo-secret). */
    static String tokenCommand(String persona) {
        return "curl -s -u " + persona + ":demo-secret -d grant_type=client_credentials " + ISSUER + "/oauth2/token";
    }

    private void step(String what) {
        out.println("  " + what + " (" + seconds() + ")");
    }

    private String seconds() {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startedAt) / 1e9);
    }

    private String rel(Path path) {
        return root.relativize(path).toString();
    }

    /** {@code <module>/target/<module>.jar}: each app module builds a jar named after itself. */
    private Path jarOf(String module) {
        return root.resolve(module).resolve("target").resolve(module + ".jar");
    }

    /** target/lib next to local-stack.jar (or the classes folder when run from an IDE). */
    private Path kafkaLibDirectory() {
        try {
            Path location = Path.of(LocalStack.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return location.getParent().resolve("lib");
        } catch (URISyntaxException | RuntimeException e) {
            return root.resolve("local-stack").resolve("target").resolve("lib");
        }
    }

    private static void awaitAllOrFirstFailure(List<CompletableFuture<Void>> futures) {
        CompletableFuture<Void> firstFailure = new CompletableFuture<>();
        futures.forEach(f -> f.whenComplete((ok, error) -> {
            if (error != null) {
                firstFailure.completeExceptionally(error);
            }
        }));
        CompletableFuture<Void> all = CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
        try {
            CompletableFuture.anyOf(all, firstFailure).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void quietly(Runnable action) {
        if (action == null) {
            return;
        }
        try {
            action.run();
        } catch (RuntimeException e) {
            System.err.println("While stopping: " + e);
        }
    }
}
