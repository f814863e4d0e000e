package com.clinicbackbone.web;

import com.clinicbackbone.localstack.MailCatcher;
import com.clinicbackbone.localstack.RepoRoot;
import com.clinicbackbone.localstack.ServiceProcess;
import com.clinicbackbone.localstack.SmsSink;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The whole backbone for the end-to-end tests, started once per test JVM and shared by every test class (stopped
 * when the JVM ends): a Kafka broker (KRaft), the MongoDB-wire server, the mail catcher and SMS sink of the local
 * stack, the issuer and the three services as processes from their jars (with their demo data), and clinic-web
 * in this JVM on a free port. Tests make their own data (new patients, free times) so that they do not depend on
 * the order they run in.
 */
public final class RunningBackbone {

    private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(240);
    private static RunningBackbone started;

    public final int authPort = freePort();
    public final int bookingPort = freePort();
    public final int patientPort = freePort();
    public final int notificationPort = freePort();
    public final int webPort = freePort();
    public final EmbeddedKafkaKraftBroker kafka;
    public final SmsSink inbox;
    private final MongoServer mongo;
    private final MailCatcher mail;
    private final List<ServiceProcess> processes = new ArrayList<>();
    private final ConfigurableApplicationContext web;
    /** The service processes' pids, so that a run whose JVM was killed (no shutdown hook) is cleaned up next time. */
    private final Path pids;

    /** The running backbone; the first call starts it (a minute or two). */
    public static synchronized RunningBackbone get() {
        if (started == null) {
            try {
                started = new RunningBackbone();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "stop-backbone"));
        }
        return started;
    }

    private RunningBackbone() throws IOException {
        Path root = RepoRoot.find();
        Path work = Files.createDirectories(Path.of("target", "e2e").toAbsolutePath());
        pids = work.resolve("service-pids");
        stopLeftovers(pids);
        kafka = new EmbeddedKafkaKraftBroker(1, 3);
        kafka.afterPropertiesSet();
        mongo = new MongoServer(new MemoryBackend());
        mongo.bind("127.0.0.1", 0);
        int mongoPort = mongo.getLocalAddress().getPort();
        inbox = new SmsSink(0, work.resolve("inbox-" + System.nanoTime() + ".jsonl"),
                "http://127.0.0.1:" + notificationPort + "/api/sms/inbound");
        mail = MailCatcher.start(0, inbox::recordMail);

        ServiceProcess auth = start(root, work, "auth-server", List.of("--server.port=" + authPort,
                "--auth.issuer=" + issuer(), "--auth.web-redirect-uri=" + web("/login/oauth2/code/backbone"),
                // new patients' one-time codes go to the mail catcher (backbone.inbox.mail())
                "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + mail.port()));
        List<String> common = List.of("--spring.cloud.stream.kafka.binder.brokers=" + kafka.getBrokersAsString(),
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer());
        ServiceProcess booking = start(root, work, "booking-service", with(common, "--server.port=" + bookingPort,
                "--spring.mongodb.uri=mongodb://127.0.0.1:" + mongoPort + "/booking"));
        ServiceProcess patient = start(root, work, "patient-service", with(common, "--server.port=" + patientPort,
                "--spring.mongodb.uri=mongodb://127.0.0.1:" + mongoPort + "/patients"));
        ServiceProcess notification = start(root, work, "notification-service", with(common,
                "--server.port=" + notificationPort,
                "--spring.mongodb.uri=mongodb://127.0.0.1:" + mongoPort + "/notifications",
                "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + mail.port(),
                "--notifications.sms.base-url=" + inbox.baseUrl(),
                "--notifications.sms.status-callback-url=http://127.0.0.1:" + notificationPort + "/api/sms/status",
                "--notifications.sms.inbound-url=http://127.0.0.1:" + notificationPort + "/api/sms/inbound"));
        web = new SpringApplicationBuilder(ClinicWebApplication.class).run(
                "--server.port=" + webPort,
                "--web.issuer=" + issuer(),
                "--web.booking-url=http://127.0.0.1:" + bookingPort,
                "--web.patient-url=http://127.0.0.1:" + patientPort,
                "--web.notification-url=http://127.0.0.1:" + notificationPort,
                "--spring.cloud.stream.kafka.binder.brokers=" + kafka.getBrokersAsString());
        CompletableFuture.allOf(
                CompletableFuture.runAsync(() -> auth.awaitHealthy(authPort, HEALTHY_WITHIN)),
                CompletableFuture.runAsync(() -> booking.awaitHealthy(bookingPort, HEALTHY_WITHIN)),
                CompletableFuture.runAsync(() -> patient.awaitHealthy(patientPort, HEALTHY_WITHIN)),
                CompletableFuture.runAsync(() -> notification.awaitHealthy(notificationPort, HEALTHY_WITHIN))).join();
    }

    public String issuer() {
        return "http://127.0.0.1:" + authPort;
    }

    /** A clinic-web URL. */
    public String web(String path) {
        return "http://127.0.0.1:" + webPort + path;
    }

    public String booking(String path) {
        return "http://127.0.0.1:" + bookingPort + path;
    }

    public String patients(String path) {
        return "http://127.0.0.1:" + patientPort + path;
    }

    public String notifications(String path) {
        return "http://127.0.0.1:" + notificationPort + path;
    }

    private ServiceProcess start(Path root, Path work, String name, List<String> args) {
        ServiceProcess process = ServiceProcess.start(name, root.resolve(name).resolve("target").resolve(name + ".jar"),
                args, work.resolve(name + ".log"));
        processes.add(process);
        try {
            Files.writeString(pids, process.pid() + "\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return process;
    }

    /** Stops the service processes a previous run left behind (its JVM was killed before its shutdown hook ran). */
    private static void stopLeftovers(Path pids) throws IOException {
        if (Files.exists(pids)) {
            for (String pid : Files.readAllLines(pids)) {
                ProcessHandle.of(Long.parseLong(pid.strip())).filter(p -> p.info().command().orElse("").contains("java"))
                        .ifPresent(ProcessHandle::destroyForcibly);
            }
            Files.delete(pids);
        }
    }

    private static List<String> with(List<String> common, String... more) {
        List<String> args = new ArrayList<>(common);
        args.addAll(List.of(more));
        return args;
    }

    private void stop() {
        // all at once: surefire kills a test JVM that takes longer than its exit timeout, orphaning what is left
        processes.parallelStream().forEach(process -> quietly(process::stop));
        quietly(web::close);
        quietly(mail::close);
        quietly(inbox::close);
        quietly(mongo::shutdownNow);
        quietly(kafka::destroy);
    }

    private static void quietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            // stopping anyway
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
