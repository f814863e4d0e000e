package com.clinicbackbone.system;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Node's {@code npx}, for the contract tools published on npm (Redocly CLI, AsyncAPI CLI), at pinned versions.
 * {@code .ci/run} installs Node where npx is missing; the tests that need it are skipped without it.
 */
final class Npx {

    /** Redocly CLI, lints the OpenAPI documents (recommended rules, redocly.yaml); 1.34 runs on Debian 12's Node 18. */
    static final String REDOCLY = "@redocly/cli@1.34.20";
    /** AsyncAPI CLI, validates the event contract; the 4.x line runs on Node 20 (5.x and later want Node 24). */
    static final String ASYNCAPI = "@asyncapi/cli@4.1.1";

    record Result(int exitCode, String output) {
    }

    private Npx() {
    }

    static boolean installed() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, "npx")));
    }

    /** {@code npx -y <package> <args>} in the directory; its output and exit code (a first run downloads it). */
    static Result run(Path directory, String npmPackage, String... args) throws IOException, InterruptedException {
        return run(directory, Map.of(), npmPackage, args);
    }

    /** As {@link #run(Path, String, String...)} with more environment variables. */
    static Result run(Path directory, Map<String, String> environment, String npmPackage, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("npx", "-y", npmPackage));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().put("REDOCLY_TELEMETRY", "off");
        builder.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
        builder.environment().put("NO_COLOR", "1");
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish:\n" + output);
        }
        return new Result(process.exitValue(), output);
    }
}
