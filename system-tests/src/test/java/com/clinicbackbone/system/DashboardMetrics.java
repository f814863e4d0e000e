package com.clinicbackbone.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicbackbone.localstack.RepoRoot;
import com.clinicbackbone.security.DemoPersona;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every metric the Grafana dashboards and the Prometheus alert rules query must be one the services really export:
 * the names in their queries against the names in the services' /actuator/prometheus scrapes.
 */
final class DashboardMetrics {

    static final String DASHBOARDS = "compose/grafana/dashboards";
    static final String RULES = "compose/prometheus/rules";

    /** Series Prometheus makes itself, per target and for alerts: no service exports them. */
    static final Set<String> MADE_BY_PROMETHEUS = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped",
            "scrape_samples_post_metric_relabeling", "scrape_series_added", "ALERTS", "ALERTS_FOR_STATE");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One query and where it is: the file and the panel title, variable name or alert name. */
    record Query(String source, String promql, Set<String> metricNames) {
    }

    private DashboardMetrics() {
    }

    /** The step of the system test: scrapes each running service, then checks every query of the checkout. */
    static void assertEveryQueryNamesAnExportedMetric(Backbone backbone) {
        String token = backbone.token(DemoPersona.OPERATOR);
        Set<String> exported = new HashSet<>();
        for (String url : List.of(backbone.booking("/actuator/prometheus"), backbone.patient("/actuator/prometheus"),
                backbone.notification("/actuator/prometheus"))) {
            exported.addAll(exportedNames(scrape(url, token)));
        }
        List<Query> queries = queries(RepoRoot.find());
        assertThat(queries).as("queries in %s and %s", DASHBOARDS, RULES).isNotEmpty();
        Map<String, Set<String>> unknown = unknownNames(queries, exported);
        assertThat(unknown).as("metric names the dashboards or alert rules query but no service exports "
                + "(name -> where); the services export these clinic_/spring_cloud_ names: %s",
                exported.stream().filter(name -> name.startsWith("clinic_") || name.startsWith("spring_cloud_"))
                        .sorted().toList()).isEmpty();
    }

    /** Unknown name -> the queries naming it. */
    static Map<String, Set<String>> unknownNames(List<Query> queries, Set<String> exported) {
        Map<String, Set<String>> unknown = new TreeMap<>();
        for (Query query : queries) {
            for (String name : query.metricNames()) {
                if (!exported.contains(name) && !MADE_BY_PROMETHEUS.contains(name)) {
                    unknown.computeIfAbsent(name, key -> new TreeSet<>()).add(query.source());
                }
            }
        }
        return unknown;
    }

    static List<Query> queries(Path repoRoot) {
        List<Query> queries = new ArrayList<>();
        for (Path dashboard : files(repoRoot.resolve(DASHBOARDS), ".json")) {
            queries.addAll(dashboardQueries(repoRoot.relativize(dashboard).toString(), readJson(dashboard)));
        }
        for (Path rules : files(repoRoot.resolve(RULES), ".yml")) {
            queries.addAll(ruleQueries(repoRoot.relativize(rules).toString(), read(rules)));
        }
        return queries;
    }

    /** Every panel target's {@code expr} (rows nest panels) and every variable's query. */
    static List<Query> dashboardQueries(String file, JsonNode dashboard) {
        List<Query> queries = new ArrayList<>();
        collectPanelExprs(file, dashboard.path("panels"), queries);
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if ("query".equals(variable.path("type").asString(""))) {
                JsonNode query = variable.path("query");
                String text = query.isObject() ? query.path("query").asString("") : query.asString("");
                queries.add(new Query(file + " variable " + variable.path("name").asString(""), text,
                        PromQlNames.variableQueryMetricNames(text)));
            }
        }
        return queries;
    }

    private static void collectPanelExprs(String file, JsonNode panels, List<Query> queries) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asString("");
                if (!expr.isBlank()) {
                    queries.add(new Query(file + " panel \"" + panel.path("title").asString("") + "\"", expr,
                            PromQlNames.metricNames(expr)));
                }
            }
            collectPanelExprs(file, panel.path("panels"), queries);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Query> ruleQueries(String file, String yaml) {
        List<Query> queries = new ArrayList<>();
        Map<String, Object> document = new Yaml().load(yaml);
        for (Map<String, Object> group : (List<Map<String, Object>>) document.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                String expr = String.valueOf(rule.get("expr"));
                Object name = rule.containsKey("alert") ? rule.get("alert") : rule.get("record");
                queries.add(new Query(file + " rule " + name, expr, PromQlNames.metricNames(expr)));
            }
        }
        return queries;
    }

    /**
     * The names a scrape (Prometheus text format or OpenMetrics) makes queryable: every sample's name, and for each
     * family its histogram (_bucket, _count, _sum), summary (_count, _sum) and counter (_total) series.
     */
    static Set<String> exportedNames(String scrape) {
        Set<String> names = new HashSet<>();
        for (String line : scrape.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                String family = parts[2];
                String type = parts.length > 3 ? parts[3] : "";
                names.add(family);
                switch (type) {
                    case "histogram" -> names.addAll(List.of(family + "_bucket", family + "_count", family + "_sum"));
                    case "summary" -> names.addAll(List.of(family + "_count", family + "_sum"));
                    case "counter" -> names.add(family.endsWith("_total") ? family : family + "_total");
                    default -> {
                    }
                }
            } else if (!line.isBlank() && !line.startsWith("#")) {
                int end = 0;
                while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                    end++;
                }
                names.add(line.substring(0, end));
            }
        }
        return names;
    }

    private static String scrape(String url, String token) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode())
                    .as("GET %s with an OPERATOR token (the services must expose the prometheus actuator endpoint "
                            + "to the operator; Prometheus scrapes with that token): %s", url, response.body())
                    .isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> files(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode readJson(Path file) {
        return JSON.readTree(read(file));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
