package com.clinicbackbone.localstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real Apache Kafka broker (KRaft, combined broker and controller, one node) running as its own JVM from the
 * Kafka jars. Its data lives in the given folder; a restart on the same folder keeps topics and records.
 */
public final class KafkaBrokerProcess {

    static final List<String> JVM_OPTIONS = List.of("-Xmx512m", "-XX:+UseSerialGC");
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);
    private static final int LOG_TAIL_LINES = 40;

    private final Process process;
    private final int port;
    private final Path logFile;

    private KafkaBrokerProcess(Process process, int port, Path logFile) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
    }

    /** The classpath for the broker JVM: every jar in the folder (the JVM expands the wildcard). */
    public static String classpathOf(Path libDirectory) {
        return libDirectory.toAbsolutePath() + File.separator + "*";
    }

    /**
     * Formats the storage once (the cluster id is kept in the data folder), then starts the broker. Returns without
     * waiting: call {@link #awaitReady(Duration)}.
     *
     * @param dataDirectory holds server.properties, the cluster id and the log directory
     * @param port the PLAINTEXT listener on 127.0.0.1
     * @param controllerPort the KRaft controller listener on 127.0.0.1
     * @param classpath the broker's classpath, e.g. {@link #classpathOf(Path)} of a folder with the Kafka jars
     * @param logFile where the broker's output goes
     */
    public static KafkaBrokerProcess start(Path dataDirectory, int port, int controllerPort, String classpath,
                                           Path logFile) {
        try {
            Path dir = Files.createDirectories(dataDirectory.toAbsolutePath());
            Path logDirs = dir.resolve("kraft-combined-logs");
            Path serverProperties = writeServerProperties(dir, logDirs, port, controllerPort);
            Path logbackConfig = writeLogbackConfig(dir);
            List<String> jvm = jvm(classpath, logbackConfig);
            boolean formatted = Files.isRegularFile(logDirs.resolve("meta.properties"));
            if (!formatted) {
                format(jvm, dir, serverProperties, clusterId(dir), logFile);
            }
            List<String> command = new ArrayList<>(jvm);
            command.add("kafka.Kafka");
            command.add(serverProperties.toString());
            return new KafkaBrokerProcess(ChildProcesses.start(command, dir, logFile, !formatted), port, logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare the Kafka broker in " + dataDirectory, e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /**
     * Waits until an admin client can describe the cluster.
     *
     * @throws IllegalStateException with the tail of the broker's log when it exits or the time runs out
     */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 100,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500))) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw failure("The Kafka broker exited with code " + process.exitValue());
                }
                try {
                    if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw failure("Interrupted while waiting for the Kafka broker");
                }
            }
        }
        throw failure("The Kafka broker was not ready within " + timeout.toSeconds() + " s");
    }

    /** Shuts the broker down (SIGTERM, a controlled shutdown), forcibly after a grace period. */
    public void stop() {
        ChildProcesses.stop(process, STOP_GRACE);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    private static List<String> jvm(String classpath, Path logbackConfig) {
        List<String> command = new ArrayList<>();
        command.add(ChildProcesses.javaExecutable());
        command.addAll(JVM_OPTIONS);
        command.add("-Djava.awt.headless=true");
        command.add("-Dlogback.configurationFile=" + logbackConfig);
        command.add("-cp");
        command.add(classpath);
        return command;
    }

    private static void format(List<String> jvm, Path dir, Path serverProperties, String clusterId, Path logFile) {
        List<String> command = new ArrayList<>(jvm);
        command.addAll(List.of("kafka.tools.StorageTool", "format", "--ignore-formatted",
                "-t", clusterId, "-c", serverProperties.toString()));
        Process format = ChildProcesses.start(command, dir, logFile);
        try {
            if (!format.waitFor(FORMAT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                ChildProcesses.stop(format, Duration.ofSeconds(2));
                throw new IllegalStateException("Formatting the Kafka storage took longer than "
                        + FORMAT_TIMEOUT.toSeconds() + " s" + tailOf(logFile));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ChildProcesses.stop(format, Duration.ofSeconds(2));
            throw new IllegalStateException("Interrupted while formatting the Kafka storage", e);
        }
        if (format.exitValue() != 0) {
            throw new IllegalStateException("Formatting the Kafka storage failed (exit " + format.exitValue() + ")"
                    + tailOf(logFile));
        }
    }

    /** The cluster id is created once per data folder and reused, so a restart finds its logs. */
    private static String clusterId(Path dir) throws IOException {
        Path file = dir.resolve("cluster.id");
        if (Files.isRegularFile(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        }
        String id = Uuid.randomUuid().toString();
        Files.writeString(file, id + System.lineSeparator(), StandardCharsets.UTF_8);
        return id;
    }

    private static Path writeServerProperties(Path dir, Path logDirs, int port, int controllerPort)
            throws IOException {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("log.dirs", logDirs.toString());
        p.setProperty("num.partitions", "3");
        p.setProperty("auto.create.topics.enable", "true");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "5");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "5");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        Path file = dir.resolve("server.properties");
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(writer, "written by local-stack on every start");
        }
        return file;
    }

    private static Path writeLogbackConfig(Path dir) throws IOException {
        Path file = dir.resolve("logback.xml");
        Files.writeString(file, """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%logger{36}] %msg%n</pattern></encoder>
                  </appender>
                  <logger name="org.apache.kafka.clients" level="WARN"/>
                  <logger name="org.apache.kafka.common.utils.AppInfoParser" level="WARN"/>
                  <logger name="kafka.coordinator" level="WARN"/>
                  <logger name="state.change.logger" level="WARN"/>
                  <root level="INFO"><appender-ref ref="OUT"/></root>
                </configuration>
                """, StandardCharsets.UTF_8);
        return file;
    }

    private IllegalStateException failure(String message) {
        return new IllegalStateException(message + tailOf(logFile));
    }

    private static String tailOf(Path logFile) {
        return System.lineSeparator() + "--- last lines of " + logFile + " ---" + System.lineSeparator()
                + ChildProcesses.tail(logFile, LOG_TAIL_LINES);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
