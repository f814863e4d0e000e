package com.clinicbackbone.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicbackbone.localstack.RepoRoot;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * compose/prometheus as Prometheus will read it: the config with its rule files, the alert rules' unit tests, and
 * every Grafana dashboard query parsed by Prometheus's own PromQL parser. Needs promtool (Debian's prometheus
 * package; .ci/run installs it).
 */
@EnabledIf(value = "promtoolInstalled", disabledReason = "promtool is not installed (apt-get install prometheus; .ci/run installs it)")
class PrometheusRulesTest {

    static Path root;

    @BeforeAll
    static void findPromtool() {
        root = RepoRoot.find();
    }

    @Test
    void configIsValidAndLoadsTheRuleFiles() throws Exception {
        String output = promtool("check", "config", "compose/prometheus/prometheus.yml");
        assertThat(output).contains("rules/clinic-backbone-alerts.yml");
    }

    @Test
    void alertRulesAreValid() throws Exception {
        List<String> args = new ArrayList<>(List.of("check", "rules"));
        files("compose/prometheus/rules").forEach(args::add);
        promtool(args.toArray(String[]::new));
    }

    @Test
    void alertRulesPassTheirUnitTests() throws Exception {
        List<String> tests = files("compose/prometheus/tests");
        assertThat(tests).as("promtool unit tests in compose/prometheus/tests").isNotEmpty();
        List<String> args = new ArrayList<>(List.of("test", "rules"));
        args.addAll(tests);
        promtool(args.toArray(String[]::new));
    }

    /** Each panel query, Grafana's variables replaced by values, as a recording rule: promtool parses it. */
    @Test
    void everyDashboardQueryIsValidPromQl(@TempDir Path temp) throws Exception {
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboards\n    rules:\n");
        int index = 0;
        for (DashboardMetrics.Query query : DashboardMetrics.queries(root)) {
            if (query.source().contains(" panel ")) {
                String expr = query.promql().replace("$__rate_interval", "1m").replace("$__range", "1h")
                        .replaceAll("\\$\\{?\\w+}?", ".*");
                rules.append("      - record: dashboard_query_").append(++index).append("\n")
                        .append("        # ").append(query.source()).append("\n")
                        .append("        expr: '").append(expr.replace("'", "''")).append("'\n");
            }
        }
        assertThat(index).as("dashboard panel queries").isGreaterThan(20);
        Path file = Files.writeString(temp.resolve("dashboard-queries.yml"), rules);
        promtool("check", "rules", file.toString());
    }

    /** Runs promtool in the checkout (paths relative to it), fails with its output unless it exits with 0. */
    private static String promtool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        assertThat(process.exitValue()).as("%s exited with\n%s", String.join(" ", command), output).isZero();
        return output;
    }

    private static List<String> files(String dir) throws IOException {
        try (Stream<Path> files = Files.list(root.resolve(dir))) {
            return files.filter(file -> file.toString().endsWith(".yml")).sorted()
                    .map(file -> root.relativize(file).toString()).toList();
        }
    }

    /** Checked before the class runs, so that without promtool Maven counts the class as skipped. */
    static boolean promtoolInstalled() {
        return onPath("promtool");
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, command)));
    }
}
