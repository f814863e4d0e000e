package com.clinicbackbone.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.opentest4j.AssertionFailedError;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps {@code docs/api/<service>.openapi.json} equal to the OpenAPI document the running service serves at
 * {@code /v3/api-docs} (fetched without a token: it is open). Both are compared in one canonical form: keys sorted,
 * two-space indentation, a final newline. Run with {@code -Dapi.docs.write=true} to rewrite the committed file from
 * the running service instead of failing.
 */
public final class CommittedApiDocument {

    public static final String WRITE = "api.docs.write";

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private CommittedApiDocument() {
    }

    /** Fails unless the committed document is the service's, saying how to regenerate it. */
    public static void assertCommitted(String service, int port) {
        String running = canonical(fetch(port));
        Path file = repositoryRoot().resolve("docs/api").resolve(service + ".openapi.json");
        if (Boolean.getBoolean(WRITE)) {
            write(file, running);
            return;
        }
        String committed = read(file);
        if (!running.equals(committed)) {
            throw new AssertionFailedError("""
                    %s is not the OpenAPI document the running %s serves (%s).
                    If the API change is meant, regenerate the file and commit it:
                        mvn -pl %s test -Dtest=ApiDocumentTest -D%s=true
                    """.formatted(repositoryRoot().relativize(file), service, firstDifference(committed, running),
                    service, WRITE), committed, running);
        }
    }

    /** Swagger UI and its configuration answer without a token (documentation only, no data). */
    public static void assertSwaggerUiIsOpen(int port) {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        for (String path : List.of("/swagger-ui.html", "/v3/api-docs/swagger-config")) {
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (response.statusCode() != 200 || !response.body().toLowerCase().contains("swagger")
                        && !response.body().contains("/v3/api-docs")) {
                    throw new AssertionFailedError(path + " answered " + response.statusCode()
                            + " without a token: " + response.body());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The document with its keys sorted, indented, ending in a newline. */
    public static String canonical(String json) {
        Object tree = JSON.readValue(json, Object.class);
        return JSON.writeValueAsString(tree).replace("\r\n", "\n") + "\n";
    }

    /** The checkout's root: the first directory upwards holding both the root pom and docs/. */
    public static Path repositoryRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !(Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("docs"))
                && Files.isDirectory(dir.resolve("clinic-security")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no checkout root above " + System.getProperty("user.dir"));
        }
        return dir;
    }

    private static String fetch(int port) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v3/api-docs")).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new AssertionFailedError("/v3/api-docs answered " + response.statusCode() + " without a token: "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String firstDifference(String committed, String running) {
        if (committed.isEmpty()) {
            return "there is no committed file yet";
        }
        List<String> before = committed.lines().toList();
        List<String> after = running.lines().toList();
        for (int line = 0; line < Math.max(before.size(), after.size()); line++) {
            String was = line < before.size() ? before.get(line) : "(end of file)";
            String is = line < after.size() ? after.get(line) : "(end of file)";
            if (!was.equals(is)) {
                return "first difference at line " + (line + 1) + ": committed `" + was.strip() + "`, running `"
                        + is.strip() + "`";
            }
        }
        return "they differ in line endings only";
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String document) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, document, StandardCharsets.UTF_8);
            System.out.println("wrote " + file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
