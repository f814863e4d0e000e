package com.clinicbackbone.system;

import com.clinicbackbone.localstack.RepoRoot;
import com.clinicbackbone.localstack.ServiceProcess;
import com.clinicbackbone.security.DemoPersona;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * The three services, each started from its Spring Boot jar as its own process (as in production), wired to the
 * given Kafka, MongoDB, SMTP server and SMS provider.
 */
final class Backbone implements AutoCloseable {

    private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(240);
    /** How long a waitlist offer holds freed time in this stack (15 minutes by default), so an expiry is seen. */
    static final Duration OFFER_WINDOW = Duration.ofSeconds(30);

    private final List<ServiceProcess> processes = new ArrayList<>();
    /** The services' committed OpenAPI documents: booking, patient, notification. */
    final List<OpenApiContract> contracts = Stream.of("booking-service", "patient-service", "notification-service")
            .map(service -> OpenApiContract.load(RepoRoot.find().resolve("docs/api/" + service + ".openapi.json")))
            .toList();
    final int authPort = freePort();
    final int bookingPort = freePort();
    final int patientPort = freePort();
    final int notificationPort = freePort();

    Backbone(String kafkaBootstrap, MongoUris mongo, int smtpPort, String smsBaseUrl) throws IOException {
        Path root = RepoRoot.find();
        Path logs = Files.createDirectories(Path.of("target", "service-logs"));
        ServiceProcess auth = ServiceProcess.start("auth-server",
                root.resolve("auth-server").resolve("target").resolve("auth-server.jar"),
                List.of("--server.port=" + authPort, "--auth.issuer=" + issuer()), logs.resolve("auth-server.log"));
        processes.add(auth);
        List<String> common = List.of("--spring.cloud.stream.kafka.binder.brokers=" + kafkaBootstrap,
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer());
        var booking = start(root, logs, "booking-service", bookingPort, mongo.forDatabase("booking"), common,
                List.of("--booking.waitlist.offer-window=" + OFFER_WINDOW));
        var patient = start(root, logs, "patient-service", patientPort, mongo.forDatabase("patients"), common, List.of());
        var notification = start(root, logs, "notification-service", notificationPort,
                mongo.forDatabase("notifications"), common,
                List.of("--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtpPort,
                        "--notifications.sms.base-url=" + smsBaseUrl,
                        "--notifications.sms.status-callback-url=http://127.0.0.1:" + notificationPort + "/api/sms/status"));
        // every exchange of the scenarios with a service must keep the service's committed OpenAPI document
        Http.holdTo(booking(""), contracts.get(0));
        Http.holdTo(patient(""), contracts.get(1));
        Http.holdTo(notification(""), contracts.get(2));
        ExecutorService waits = Executors.newFixedThreadPool(4);
        try {
            CompletableFuture.allOf(
                    CompletableFuture.runAsync(() -> auth.awaitHealthy(authPort, HEALTHY_WITHIN), waits),
                    CompletableFuture.runAsync(() -> booking.awaitHealthy(bookingPort, HEALTHY_WITHIN), waits),
                    CompletableFuture.runAsync(() -> patient.awaitHealthy(patientPort, HEALTHY_WITHIN), waits),
                    CompletableFuture.runAsync(() -> notification.awaitHealthy(notificationPort, HEALTHY_WITHIN),
                            waits)).join();
        } catch (RuntimeException e) {
            close();
            throw e;
        } finally {
            waits.shutdownNow();
        }
    }

    private ServiceProcess start(Path root, Path logs, String name, int port, String mongoUri, List<String> common,
                                 List<String> extra) throws IOException {
        List<String> args = new ArrayList<>(common);
        args.add("--server.port=" + port);
        args.add("--spring.mongodb.uri=" + mongoUri);
        args.addAll(extra);
        ServiceProcess process = ServiceProcess.start(name, root.resolve(name).resolve("target").resolve(name + ".jar"),
                args, logs.resolve(name + ".log"));
        processes.add(process);
        return process;
    }

    String issuer() {
        return "http://127.0.0.1:" + authPort;
    }

    /** A token for a demo persona from the local issuer (client-credentials grant, demo secret). */
    String token(DemoPersona persona) {
        return new Http().clientCredentialsToken(issuer() + "/oauth2/token", persona.clientId(), "demo-secret");
    }

    String booking(String path) {
        return "http://127.0.0.1:" + bookingPort + path;
    }

    String patient(String path) {
        return "http://127.0.0.1:" + patientPort + path;
    }

    String notification(String path) {
        return "http://127.0.0.1:" + notificationPort + path;
    }

    @Override
    public void close() {
        List.of(booking(""), patient(""), notification("")).forEach(Http::release);
        processes.forEach(ServiceProcess::stop);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How to reach one database of the MongoDB under test. */
    @FunctionalInterface
    interface MongoUris {
        String forDatabase(String database);
    }
}
