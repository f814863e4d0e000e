package com.clinicbackbone.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicbackbone.localstack.RepoRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docs/api/events.asyncapi.yaml} is a valid AsyncAPI 3.0 document for the AsyncAPI CLI
 * ({@code npx @asyncapi/cli validate}; its anonymous usage metrics off). Needs npx (Node; .ci/run installs it).
 */
@EnabledIf(value = "com.clinicbackbone.system.Npx#installed",
        disabledReason = "npx is not installed (Node.js; .ci/run installs it)")
class AsyncApiValidateTest {

    @Test
    void theEventContractIsAValidAsyncApiDocument(@TempDir Path temp) throws Exception {
        Path root = RepoRoot.find();
        Path metrics = Files.writeString(temp.resolve("asyncapi-analytics.json"),
                "{\"analyticsEnabled\":\"false\",\"infoMessageShown\":\"true\",\"userID\":\"clinic-backbone-ci\"}");

        Npx.Result validate = Npx.run(root, Map.of("ASYNCAPI_METRICS_CONFIG_PATH", metrics.toString()),
                Npx.ASYNCAPI, "validate", AsyncApiDocument.FILE);

        assertThat(validate.exitCode()).as("asyncapi validate %s\n%s", AsyncApiDocument.FILE, validate.output())
                .isZero();
        assertThat(validate.output()).contains("is valid");
    }
}
