package com.clinicbackbone.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicbackbone.localstack.RepoRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed OpenAPI documents ({@code docs/api/*.openapi.json}) pass Redocly CLI's recommended rules
 * ({@code redocly.yaml}) without an error, as {@code npx @redocly/cli lint docs/api/*.openapi.json} in the checkout
 * shows them. Needs npx (Node; .ci/run installs it).
 */
@EnabledIf(value = "com.clinicbackbone.system.Npx#installed",
        disabledReason = "npx is not installed (Node.js; .ci/run installs it)")
class OpenApiLintTest {

    final Path root = RepoRoot.find();

    @Test
    void theServicesDocumentsPassRedoclysRecommendedRules() throws Exception {
        List<String> documents;
        try (Stream<Path> files = Files.list(root.resolve("docs/api"))) {
            documents = files.map(file -> root.relativize(file).toString())
                    .filter(file -> file.endsWith(".openapi.json")).sorted().toList();
        }
        assertThat(documents).contains("docs/api/booking-service.openapi.json",
                "docs/api/patient-service.openapi.json", "docs/api/notification-service.openapi.json");

        List<String> args = new ArrayList<>(List.of("lint"));
        args.addAll(documents);
        Npx.Result lint = Npx.run(root, Npx.REDOCLY, args.toArray(String[]::new));

        assertThat(lint.exitCode()).as("redocly lint %s\n%s", documents, lint.output()).isZero();
        assertThat(lint.output()).doesNotContain("No configurations were provided");
    }

    /** The linter is not a formality: a document with an operation without summary fails it. */
    @Test
    void anOperationWithoutASummaryFailsTheLint(@TempDir Path temp) throws Exception {
        Files.copy(root.resolve("redocly.yaml"), temp.resolve("redocly.yaml"));
        Files.writeString(temp.resolve("broken.openapi.json"), """
                {"openapi": "3.1.0", "info": {"title": "t", "version": "1", "description": "d"},
                 "servers": [{"url": "/"}], "security": [],
                 "paths": {"/things": {"get": {"operationId": "things", "description": "d",
                   "responses": {"200": {"description": "ok"}, "400": {"description": "bad"}}}}}}
                """);

        Npx.Result lint = Npx.run(temp, Npx.REDOCLY, "lint", "broken.openapi.json");

        assertThat(lint.exitCode()).as(lint.output()).isNotZero();
        assertThat(lint.output()).contains("operation-summary");
    }
}
