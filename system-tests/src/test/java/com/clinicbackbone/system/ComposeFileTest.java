package com.clinicbackbone.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.clinicbackbone.localstack.RepoRoot;
import com.clinicbackbone.security.DemoPersona;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** docker-compose.yml cannot run here (no Docker engine); it is validated and kept in step with the local stack. */
class ComposeFileTest {

    /** Keycloak's issuer as the services see it (pinned by KC_HOSTNAME, so host-fetched tokens carry it too). */
    static final String KEYCLOAK_ISSUER = "http://keycloak:8080/realms/clinic-backbone";
    static final String REALM_FILE = "compose/keycloak/clinic-backbone-realm.json";
    static final JsonMapper JSON = JsonMapper.builder().build();

    static Path composeFile;
    static Map<String, Object> services;
    static JsonNode realm;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readComposeFile() throws IOException {
        composeFile = RepoRoot.find().resolve("docker-compose.yml");
        try (Reader reader = Files.newBufferedReader(composeFile)) {
            Map<String, Object> compose = new Yaml().load(reader);
            services = (Map<String, Object>) compose.get("services");
        }
        realm = JSON.readTree(Files.readString(composeFile.resolveSibling(REALM_FILE)));
    }

    @Test
    void isAcceptedByTheComposeValidator() throws Exception {
        assumeTrue(onPath("docker-compose"), "docker-compose is not installed (.ci/run installs it)");
        Process process = new ProcessBuilder("docker-compose", "-f", composeFile.toString(), "config", "-q")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    /** Same ports and database names as the local stack (local-stack's LocalStack and the README). */
    @ParameterizedTest
    @CsvSource({"booking-service, 8081, booking", "patient-service, 8082, patients",
            "notification-service, 8083, notifications"})
    void runsEachServiceLikeTheLocalStackAndStartsItAfterItsInfrastructureIsHealthy(String name, int port,
                                                                                      String database) {
        Map<String, Object> service = service(name);
        Map<String, Object> environment = map(service.get("environment"));

        assertThat(map(service.get("build")).get("args")).isEqualTo(Map.of("SERVICE", name));
        assertThat(service.get("ports")).isEqualTo(List.of(port + ":" + port));
        assertThat(environment).containsEntry("SERVER_PORT", String.valueOf(port))
                .containsEntry("SPRING_MONGODB_URI", "mongodb://mongo:27017/" + database + "?replicaSet=rs0")
                .containsEntry("SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS", "kafka:9092");
        assertThat(map(service.get("healthcheck")).get("test").toString()).contains(port + "/actuator/health");
        Map<String, Object> dependsOn = map(service.get("depends_on"));
        assertThat(dependsOn).containsKeys("kafka", "mongo");
        dependsOn.values().forEach(condition -> assertThat(map(condition)).containsEntry("condition", "service_healthy"));
    }

    /** Production JVM flags (the local stack keeps its start-up flags): full JIT, G1, a fixed heap per service. */
    @ParameterizedTest
    @ValueSource(strings = {"booking-service", "patient-service", "notification-service", "operator-console"})
    void runsEachServiceWithProductionJvmFlags(String name) throws IOException {
        String flags = String.valueOf(map(service(name).get("environment")).get("JAVA_OPTS"));

        assertThat(flags.split(" ")).contains("-XX:+UseG1GC")
                .anyMatch(flag -> flag.matches("-Xmx\\d+m"))
                .anyMatch(flag -> flag.matches("-Xms\\d+m"))
                .noneMatch(flag -> flag.startsWith("-XX:TieredStopAtLevel"));
        assertThat(Files.readString(composeFile.resolveSibling("Dockerfile"))).contains("exec java $JAVA_OPTS -jar");
    }

    @Test
    void initiatesMongoAsASingleNodeReplicaSet() {
        Map<String, Object> mongo = service("mongo");
        assertThat(mongo.get("command").toString()).contains("--replSet", "rs0");
        assertThat(map(mongo.get("healthcheck")).get("test").toString()).contains("rs.initiate", "isWritablePrimary");
    }

    @Test
    void runsKafkaInKraftModeWithoutZookeeper() {
        Map<String, Object> environment = map(service("kafka").get("environment"));
        assertThat(environment.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
        assertThat(services).doesNotContainKey("zookeeper");
    }

    @Test
    void pointsNotificationsAtTheMailCatcherAndTheSmsProviderFake() {
        Map<String, Object> environment = map(service("notification-service").get("environment"));
        assertThat(environment).containsEntry("SPRING_MAIL_HOST", "mailpit")
                .containsEntry("NOTIFICATIONS_SMS_BASE_URL", "http://sms-provider:8080");
        assertThat(map(service("notification-service").get("depends_on"))).containsKeys("mailpit", "sms-provider");
    }

    @Test
    void runsKeycloakImportingTheClinicBackboneRealm() {
        Map<String, Object> keycloak = service("keycloak");
        Map<String, Object> environment = map(keycloak.get("environment"));

        assertThat(keycloak.get("image").toString()).startsWith("quay.io/keycloak/keycloak:26.");
        assertThat(keycloak.get("command")).isEqualTo(List.of("start-dev", "--import-realm"));
        assertThat(keycloak.get("volumes")).isEqualTo(List.of("./compose/keycloak:/opt/keycloak/data/import:ro"));
        assertThat(environment).containsEntry("KC_HEALTH_ENABLED", "true");
        assertThat(KEYCLOAK_ISSUER).isEqualTo(environment.get("KC_HOSTNAME") + "/realms/" + realm.get("realm").asString());
        assertThat(map(keycloak.get("healthcheck")).get("test").toString()).contains("/health/ready");
        assertThat(realm.get("realm").asString()).isEqualTo("clinic-backbone");
        assertThat(realm.get("enabled").asBoolean()).isTrue();
        assertThat(realm.get("accessTokenLifespan").asInt()).as("access token lifetime, seconds").isEqualTo(3600);
    }

    /** The same claims as the local stack's auth-server: the realm's mappers per persona of the security contract. */
    @ParameterizedTest
    @EnumSource(DemoPersona.class)
    void registersEachPersonaAsAClientIssuingItsClaims(DemoPersona persona) {
        JsonNode client = client(persona.clientId());
        assertThat(client.get("enabled").asBoolean()).isTrue();
        assertThat(client.get("publicClient").asBoolean()).isFalse();
        assertThat(client.get("secret").asString()).isEqualTo("demo-secret");
        assertThat(client.get("serviceAccountsEnabled").asBoolean()).as("client credentials grant").isTrue();

        Map<String, JsonNode> claims = new HashMap<>();
        List<JsonNode> audiences = new ArrayList<>();
        for (JsonNode mapper : client.get("protocolMappers")) {
            JsonNode config = mapper.get("config");
            assertThat(config.get("access.token.claim").asString()).as(mapper.toString()).isEqualTo("true");
            switch (mapper.get("protocolMapper").asString()) {
                case "oidc-hardcoded-claim-mapper" -> claims.put(config.get("claim.name").asString(), config);
                case "oidc-audience-mapper" -> audiences.add(config);
                default -> throw new AssertionError("unexpected mapper " + mapper);
            }
        }
        Map<String, String> expected = new HashMap<>(Map.of("role", persona.role().name()));
        if (persona.patientId() != null) {
            expected.put("patient_id", persona.patientId());
        }
        if (persona.practitionerId() != null) {
            expected.put("practitioner_id", persona.practitionerId());
        }
        List<String> expectedClaims = new ArrayList<>(expected.keySet());
        expectedClaims.add("clinic_ids");
        assertThat(claims.keySet()).containsExactlyInAnyOrderElementsOf(expectedClaims);
        expected.forEach((claim, value) -> {
            assertThat(claims.get(claim).get("claim.value").asString()).as(claim).isEqualTo(value);
            assertThat(claims.get(claim).get("jsonType.label").asString()).as(claim).isEqualTo("String");
        });
        JsonNode clinicIds = claims.get("clinic_ids");
        assertThat(clinicIds.get("jsonType.label").asString()).as("clinic_ids is a JSON array").isEqualTo("JSON");
        JsonNode clinicArray = JSON.readTree(clinicIds.get("claim.value").asString());
        assertThat(clinicArray.isArray()).isTrue();
        assertThat(StreamSupport.stream(clinicArray.spliterator(), false).map(JsonNode::asString).toList())
                .containsExactlyInAnyOrderElementsOf(persona.clinicIds());
        assertThat(audiences).singleElement()
                .satisfies(audience -> assertThat(audience.get("included.custom.audience").asString())
                        .isEqualTo("clinic-backbone"));

        // sub = persona name: the client's service-account user is imported with the persona name as its id
        assertThat(realm.get("users")).filteredOn(user -> user.get("serviceAccountClientId").asString()
                        .equals(persona.clientId()))
                .singleElement()
                .satisfies(user -> assertThat(user.get("id").asString()).isEqualTo(persona.clientId()));
    }

    @Test
    void registersNoClientBeyondThePersonas() {
        assertThat(StreamSupport.stream(realm.get("clients").spliterator(), false)
                .map(client -> client.get("clientId").asString()).toList())
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(DemoPersona.values()).map(DemoPersona::clientId).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"booking-service", "patient-service", "notification-service"})
    void pointsEachServiceAtTheKeycloakIssuerOnceItIsHealthy(String name) {
        Map<String, Object> service = service(name);

        assertThat(map(service.get("environment")))
                .containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI", KEYCLOAK_ISSUER);
        assertThat(map(map(service.get("depends_on")).get("keycloak"))).containsEntry("condition", "service_healthy");
    }

    private static JsonNode client(String clientId) {
        List<JsonNode> matches = StreamSupport.stream(realm.get("clients").spliterator(), false)
                .filter(client -> client.get("clientId").asString().equals(clientId)).toList();
        assertThat(matches).as("client " + clientId + " in " + REALM_FILE).hasSize(1);
        return matches.get(0);
    }

    private static Map<String, Object> service(String name) {
        assertThat(services).containsKey(name);
        return map(services.get(name));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static boolean onPath(String command) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, command)));
    }
}
