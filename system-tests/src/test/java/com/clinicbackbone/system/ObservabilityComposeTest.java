package com.clinicbackbone.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicbackbone.localstack.RepoRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

/** docker-compose.yml's Prometheus, Grafana and Jaeger are wired to every service the repository builds. */
class ObservabilityComposeTest {

    static final String OTLP_TRACES = "http://jaeger:4318/v1/traces";

    static Path root;
    static Map<String, Object> services;
    static Map<String, Object> prometheusConfig;

    @BeforeAll
    static void readFiles() throws IOException {
        root = RepoRoot.find();
        services = map(yaml(root.resolve("docker-compose.yml")).get("services"));
        prometheusConfig = yaml(root.resolve("compose/prometheus/prometheus.yml"));
    }

    @Test
    void prometheusScrapesEveryServiceTheRepositoryBuildsWithAnOperatorToken() {
        Map<String, Object> job = list(prometheusConfig.get("scrape_configs")).stream().map(ObservabilityComposeTest::map)
                .filter(config -> "clinic-backbone".equals(config.get("job_name"))).findFirst().orElseThrow();
        List<String> targets = new ArrayList<>();
        for (Object staticConfig : list(job.get("static_configs"))) {
            List<Object> configTargets = list(map(staticConfig).get("targets"));
            configTargets.forEach(target -> assertThat(target.toString())
                    .startsWith(map(map(staticConfig).get("labels")).get("service") + ":"));
            configTargets.forEach(target -> targets.add(target.toString()));
        }
        List<String> built = builtServices().stream()
                .map(name -> name + ":" + map(service(name).get("environment")).get("SERVER_PORT")).toList();

        assertThat(built).contains("booking-service:8081", "patient-service:8082", "notification-service:8083",
                "operator-console:8080");
        assertThat(targets).containsExactlyInAnyOrderElementsOf(built);
        assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
        assertThat(map(job.get("oauth2"))).containsEntry("client_id", "operator")
                .containsEntry("token_url", ComposeFileTest.KEYCLOAK_BACKCHANNEL + "/protocol/openid-connect/token");
    }

    @Test
    void prometheusReadsItsConfigAndRulesFromTheCheckout() {
        Map<String, Object> prometheus = service("prometheus");
        assertThat(list(prometheus.get("volumes"))).contains("./compose/prometheus:/etc/prometheus:ro");
        assertThat(list(prometheus.get("command"))).contains("--config.file=/etc/prometheus/prometheus.yml");
        assertThat(list(prometheusConfig.get("rule_files"))).containsExactly("rules/*.yml");
        assertThat(prometheus.get("ports")).isEqualTo(List.of("9090:9090"));
    }

    @Test
    void everyServiceTheRepositoryBuildsSendsAllItsTracesToJaeger() {
        for (String name : builtServices()) {
            assertThat(map(service(name).get("environment"))).as(name)
                    .containsEntry("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT", OTLP_TRACES)
                    .containsEntry("MANAGEMENT_TRACING_SAMPLING_PROBABILITY", "1.0");
        }
        Map<String, Object> jaeger = service("jaeger");
        assertThat(list(jaeger.get("ports"))).contains("16686:16686", "4318:4318");
        assertThat(list(jaeger.get("command"))).contains("receivers.otlp.protocols.http.endpoint=0.0.0.0:4318");
    }

    @Test
    void grafanaProvisionsTheDatasourcesAndFiveDashboardsAndEveryPanelUsesAProvisionedDatasource() throws IOException {
        Map<String, Object> grafana = service("grafana");
        assertThat(list(grafana.get("volumes"))).contains("./compose/grafana/provisioning:/etc/grafana/provisioning:ro",
                "./compose/grafana/dashboards:/etc/grafana/dashboards:ro");
        Map<String, Object> provider = map(list(yaml(root.resolve("compose/grafana/provisioning/dashboards/dashboards.yml"))
                .get("providers")).get(0));
        assertThat(map(provider.get("options"))).containsEntry("path", "/etc/grafana/dashboards");

        Map<String, String> datasourceUrls = new java.util.HashMap<>();
        for (Object datasource : list(yaml(root.resolve("compose/grafana/provisioning/datasources/datasources.yml"))
                .get("datasources"))) {
            datasourceUrls.put(map(datasource).get("uid").toString(), map(datasource).get("url").toString());
        }
        assertThat(datasourceUrls).containsEntry("prometheus", "http://prometheus:9090")
                .containsEntry("jaeger", "http://jaeger:16686");

        Set<String> uids = new HashSet<>();
        try (Stream<Path> files = Files.list(root.resolve("compose/grafana/dashboards"))) {
            for (Path file : files.toList()) {
                JsonNode dashboard = DashboardMetrics.readJson(file);
                assertThat(uids.add(dashboard.get("uid").asString())).as("unique uid in " + file).isTrue();
                dashboard.findValues("datasource").forEach(datasource -> assertThat(datasourceUrls)
                        .as(file + " datasource " + datasource).containsKey(datasource.path("uid").asString()));
            }
        }
        assertThat(uids).contains("clinic-overview", "clinic-booking", "clinic-reminders", "clinic-kafka", "clinic-jvm");
        assertThat(map(grafana.get("environment")).get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"))
                .isEqualTo("/etc/grafana/dashboards/clinic-overview.json");
    }

    @Test
    void runsTheOperatorConsoleAgainstTheServicesKafkaMongoAndKeycloak() {
        Map<String, Object> console = service("operator-console");
        assertThat(map(console.get("build")).get("args")).isEqualTo(Map.of("SERVICE", "operator-console"));
        assertThat(console.get("ports")).isEqualTo(List.of("8080:8080"));
        assertThat(map(console.get("environment"))).containsEntry("SERVER_PORT", "8080")
                .containsEntry("SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_BACKBONE_TOKEN_URI",
                        ComposeFileTest.KEYCLOAK_BACKCHANNEL + "/protocol/openid-connect/token")
                .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
                .containsEntry("CONSOLE_INSTANCES_0_URL", "http://booking-service:8081")
                .containsEntry("CONSOLE_INSTANCES_1_URL", "http://patient-service:8082")
                .containsEntry("CONSOLE_INSTANCES_2_URL", "http://notification-service:8083");
        assertThat(map(console.get("depends_on"))).containsKeys("kafka", "mongo", "keycloak");
    }

    @Test
    void pinsEveryImageToAVersion() {
        services.forEach((name, service) -> {
            Object image = map(service).get("image");
            if (image != null) {
                assertThat(image.toString()).as(name).matches(".+:v?[0-9][\\w.-]*");
            }
        });
    }

    private static List<String> builtServices() {
        return services.entrySet().stream().filter(entry -> map(entry.getValue()).containsKey("build"))
                .map(Map.Entry::getKey).sorted().toList();
    }

    private static Map<String, Object> service(String name) {
        assertThat(services).containsKey(name);
        return map(services.get(name));
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        return new Yaml().load(Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Object>) value;
    }
}
