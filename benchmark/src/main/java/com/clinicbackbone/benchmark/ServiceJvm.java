package com.clinicbackbone.benchmark;

import com.clinicbackbone.localstack.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Service jars as child JVMs with the benchmark's JVM options (production flags, not the local stack's start-up
 * ones): started as the local stack's {@link ServiceProcess}es, or a jar's one-shot entry point (the history
 * seeding) run to its end.
 */
final class ServiceJvm {

    private ServiceJvm() {
    }

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

    /** Starts {@code java <jvmOptions> -jar <jar> <args>}; returns at once (then {@code awaitHealthy}). */
    static ServiceProcess start(String name, Path jar, List<String> jvmOptions, List<String> args, Path logFile) {
        return ServiceProcess.start(name, jar, jvmOptions, args, logFile);
    }

    /**
     * Runs {@code java <jvmOptions> -cp <jar> -Dloader.main=<mainClass> PropertiesLauncher <args>} (a class of the
     * Spring Boot jar other than its main one) and waits until it exits.
     *
     * @throws IllegalStateException with the log's tail when it exits with another code than 0 or runs too long
     */
    static void runToEnd(String name, Path jar, String mainClass, List<String> jvmOptions, List<String> args,
                         Path logFile, Duration timeout) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no jar at " + jar + ": build with ./benchmark.sh");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dloader.main=" + mainClass);
        command.add("-cp");
        command.add(jar.toAbsolutePath().toString());
        command.add("org.springframework.boot.loader.launch.PropertiesLauncher");
        command.addAll(args);
        Process process;
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            process = new ProcessBuilder(command).directory(jar.toAbsolutePath().getParent().toFile())
                    .redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw failure(name + " did not finish within " + timeout.toSeconds() + " s", logFile);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while " + name + " ran", e);
        }
        if (process.exitValue() != 0) {
            throw failure(name + " exited with code " + process.exitValue(), logFile);
        }
    }

    private static IllegalStateException failure(String message, Path logFile) {
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
}
