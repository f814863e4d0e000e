package com.clinicbackbone.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A service jar run as a child JVM with the benchmark's JVM options (production flags, not the local stack's
 * start-up ones), its output in a log file. Also runs a jar's one-shot entry point (the history seeding) to its end.
 */
final class ServiceJvm {

    /**
     * Production flags as docker-compose.yml gives each service: the full JIT (C1 and C2, no
     * {@code -XX:TieredStopAtLevel}), G1, a fixed heap (-Xms = -Xmx) per service, exit when out of memory.
     * {@code --service-jvm="..."} replaces them for every service.
     */
    static List<String> productionOptions(String service) {
        String heap = service.startsWith("patient-service") ? "384m"
                : service.startsWith("auth-server") ? "256m" : "512m"; // booking-service, notification-service
        return List.of("-XX:+UseG1GC", "-Xms" + heap, "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError");
    }

    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    final String name;
    private final Process process;
    private final Path logFile;

    private ServiceJvm(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    /** Starts {@code java <jvmOptions> -jar <jar> <args>}; returns at once (see {@link #awaitHealthy}). */
    static ServiceJvm start(String name, Path jar, List<String> jvmOptions, List<String> args, Path logFile) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(existing(jar).toAbsolutePath().toString());
        command.addAll(args);
        return new ServiceJvm(name, launch(command, jar, logFile), logFile);
    }

    /**
     * Runs {@code java <jvmOptions> -cp <jar> -Dloader.main=<mainClass> PropertiesLauncher <args>} (a class of the
     * Spring Boot jar other than its main one) and waits until it exits.
     *
     * @throws IllegalStateException with the log's tail when it exits with another code than 0 or runs too long
     */
    static void runToEnd(String name, Path jar, String mainClass, List<String> jvmOptions, List<String> args,
                         Path logFile, Duration timeout) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmOptions);
        command.add("-Dloader.main=" + mainClass);
        command.add("-cp");
        command.add(existing(jar).toAbsolutePath().toString());
        command.add("org.springframework.boot.loader.launch.PropertiesLauncher");
        command.addAll(args);
        ServiceJvm run = new ServiceJvm(name, launch(command, jar, logFile), logFile);
        try {
            if (!run.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                run.stop();
                throw run.failure(name + " did not finish within " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.stop();
            throw new IllegalStateException("interrupted while " + name + " ran", e);
        }
        if (run.process.exitValue() != 0) {
            throw run.failure(name + " exited with code " + run.process.exitValue());
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until {@code GET /actuator/health} answers 200 (UP); fails with the log's tail otherwise. */
    void awaitHealthy(int port, Duration timeout) {
        URI health = URI.create("http://127.0.0.1:" + port + "/actuator/health");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw failure(name + " exited with code " + process.exitValue() + " before it became healthy");
            }
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(health)
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
                last = response.statusCode() + " " + response.body();
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure("interrupted while waiting for " + name);
            }
            sleep(300);
        }
        throw failure(name + " was not healthy within " + timeout.toSeconds() + " s (last answer: " + last + ")");
    }

    /** SIGTERM to the process and its descendants, SIGKILL to what is left after the grace period. */
    void stop() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        try {
            CompletableFuture.allOf(tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
                    .get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // forcibly below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private IllegalStateException failure(String message) {
        return new IllegalStateException(message + System.lineSeparator() + "--- last lines of " + logFile + " ---"
                + System.lineSeparator() + tail(logFile, 40));
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(could not read " + file + ": " + e.getMessage() + ")";
        }
    }

    private static Process launch(List<String> command, Path jar, Path logFile) {
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            return new ProcessBuilder(command).directory(jar.toAbsolutePath().getParent().toFile())
                    .redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
    }

    private static Path existing(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no jar at " + jar + ": build with ./benchmark.sh");
        }
        return jar;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
