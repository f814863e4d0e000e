package com.clinicbackbone.benchmark;

import com.clinicbackbone.localstack.KafkaBrokerProcess;
import com.clinicbackbone.localstack.MongoWireServer;
import com.clinicbackbone.localstack.ServiceProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The parts of {@code ./run-local.sh} the booking path needs, on free ports and a fresh temporary data folder: the
 * issuer (auth-server), a Kafka broker (KRaft, child JVM), the MongoDB-wire server (H2 file, in this JVM),
 * booking-service and patient-service (child JVMs, the local stack's JVM options). notification-service is left out:
 * it is not on the booking path and would only compete for the CPU.
 */
final class Stack implements AutoCloseable {

    private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(180);

    final Path data;
    private final boolean keepData;
    final int authPort = freePort();
    final int bookingPort = freePort();
    final int patientPort = freePort();
    private final List<ServiceProcess> services = new ArrayList<>();
    private KafkaBrokerProcess kafka;
    private MongoWireServer mongo;

    private Stack(Path data, boolean keepData) {
        this.data = data;
        this.keepData = keepData;
    }

    /**
     * Starts everything and waits until it is healthy.
     *
     * @param jars the folder with auth-server.jar, booking-service.jar and patient-service.jar
     * @param kafkaLib the folder with the Kafka broker's jars
     * @param keepData keep the data folder (logs included) after {@link #close()}
     */
    static Stack start(Path jars, Path kafkaLib, PrintStream out, boolean keepData) throws IOException {
        Stack stack = new Stack(Files.createTempDirectory("clinic-benchmark-"), keepData);
        try {
            stack.startAll(jars, kafkaLib, out);
            return stack;
        } catch (RuntimeException | IOException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(Path jars, Path kafkaLib, PrintStream out) throws IOException {
        Path logs = Files.createDirectories(data.resolve("logs"));
        int kafkaPort = freePort();
        ServiceProcess issuer = ServiceProcess.start("auth-server", jars.resolve("auth-server.jar"),
                List.of("--server.port=" + authPort, "--auth.issuer=" + issuer()), logs.resolve("auth-server.log"));
        services.add(issuer);
        kafka = KafkaBrokerProcess.start(data.resolve("kafka"), kafkaPort, freePort(),
                KafkaBrokerProcess.classpathOf(kafkaLib), logs.resolve("kafka.log"));
        mongo = MongoWireServer.start(data.resolve("mongo").resolve("backbone.mv"), 0);
        issuer.awaitHealthy(authPort, HEALTHY_WITHIN);
        kafka.awaitReady(HEALTHY_WITHIN);
        out.println("  issuer, Kafka broker and MongoDB-wire server up (data in " + data + ")");

        List<String> common = List.of("--spring.cloud.stream.kafka.binder.brokers=" + kafkaBootstrap(),
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer());
        ServiceProcess booking = service(jars, logs, "booking-service", bookingPort, "booking", common);
        ServiceProcess patient = service(jars, logs, "patient-service", patientPort, "patients", common);
        CompletableFuture.allOf(
                CompletableFuture.runAsync(() -> booking.awaitHealthy(bookingPort, HEALTHY_WITHIN)),
                CompletableFuture.runAsync(() -> patient.awaitHealthy(patientPort, HEALTHY_WITHIN))).join();
        out.println("  booking-service and patient-service healthy");
    }

    private ServiceProcess service(Path jars, Path logs, String name, int port, String database, List<String> common) {
        List<String> args = new ArrayList<>(common);
        args.add("--server.port=" + port);
        args.add("--spring.mongodb.uri=" + mongo.uri(database));
        ServiceProcess process = ServiceProcess.start(name, jars.resolve(name + ".jar"), args,
                data.resolve("logs").resolve(name + ".log"));
        services.add(process);
        return process;
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

    String kafkaBootstrap() {
        return kafka.bootstrapServers();
    }

    /** The MongoDB-wire server's connection string without a database. */
    String mongoUri() {
        return "mongodb://127.0.0.1:" + mongo.port();
    }

    /** Stops the services, the broker and the server, then deletes the data folder unless it is to be kept. */
    @Override
    public void close() {
        services.forEach(ServiceProcess::stop);
        if (kafka != null) {
            kafka.stop();
        }
        if (mongo != null) {
            mongo.close();
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
