package com.clinicbackbone.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One Spring Boot service jar running as its own JVM, its output in a log file. */
public final class ServiceProcess {

    static final List<String> JVM_OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final int LOG_TAIL_LINES = 40;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String name;
    private final Process process;
    private final Path logFile;

    private ServiceProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    /**
     * Starts {@code java <jvm options> -jar <jar> <args>} with the local stack's start-up JVM options.
     *
     * @param args application arguments such as {@code --server.port=8081}
     */
    public static ServiceProcess start(String name, Path jar, List<String> args, Path logFile) {
        return start(name, jar, JVM_OPTIONS, args, logFile);
    }

    /** Starts {@code java <jvmOptions> -jar <jar> <args>} (the benchmark gives production options). */
    public static ServiceProcess start(String name, Path jar, List<String> jvmOptions, List<String> args,
                                       Path logFile) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No jar for " + name + " at " + jar
                    + ": build it first (mvn -DskipTests install at the repository root)");
        }
        List<String> command = new ArrayList<>();
        command.add(ChildProcesses.javaExecutable());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        command.addAll(args);
        Path workingDirectory = jar.toAbsolutePath().getParent();
        return new ServiceProcess(name, ChildProcesses.start(command, workingDirectory, logFile), logFile);
    }

    /**
     * Waits until {@code GET /actuator/health} on the port answers 200 with status UP.
     *
     * @throws IllegalStateException with the tail of the log when the process exits or the time runs out
     */
    public void awaitHealthy(int port, Duration timeout) {
        URI health = URI.create("http://127.0.0.1:" + port + "/actuator/health");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastAnswer = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw failure(name + " exited with code " + process.exitValue() + " before it became healthy");
            }
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(health)
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
                lastAnswer = response.statusCode() + " " + response.body();
                if (response.statusCode() == 200 && isUp(response.body())) {
                    return;
                }
            } catch (IOException e) {
                lastAnswer = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure("interrupted while waiting for " + name);
            }
            sleep(300);
        }
        throw failure(name + " was not healthy within " + timeout.toSeconds() + " s (last answer from " + health
                + ": " + lastAnswer + ")");
    }

    /** Terminates the service (and anything it started), forcibly after a grace period. */
    public void stop() {
        ChildProcesses.stop(process, STOP_GRACE);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    /** The last lines of the service's log. */
    public String logTail(int lines) {
        return ChildProcesses.tail(logFile, lines);
    }

    private static boolean isUp(String body) {
        try {
            JsonNode status = JSON.readTree(body).get("status");
            return status != null && "UP".equals(status.asString());
        } catch (JacksonException e) {
            return false;
        }
    }

    private IllegalStateException failure(String message) {
        return new IllegalStateException(message + System.lineSeparator() + "--- last lines of " + logFile + " ---"
                + System.lineSeparator() + logTail(LOG_TAIL_LINES));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
