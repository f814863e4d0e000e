package com.clinicbackbone.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.clinicbackbone.localstack.RepoRoot;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** docker-compose.yml cannot run here (no Docker engine); it is validated and kept in step with the local stack. */
class ComposeFileTest {

    /**
     * Keycloak's realm at its browser-facing URL: every token's issuer (pinned by KC_HOSTNAME, whichever URL the
     * token was fetched from), and where a browser is sent to sign in and out.
     */
    static final String KEYCLOAK_ISSUER = "http://localhost:9000/realms/clinic-backbone";
    /** The same realm as the containers reach it (token, keys, user info), allowed by KC_HOSTNAME_BACKCHANNEL_DYNAMIC. */
    static final String KEYCLOAK_BACKCHANNEL = "http://keycloak:8080/realms/clinic-backbone";
    /** The realm's Admin REST API on the back channel (clinic-web links self-registered accounts there). */
    static final String KEYCLOAK_ADMIN = "http://keycloak:8080/admin/realms/clinic-backbone";
    static final String OIDC = "/protocol/openid-connect";
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
    @ValueSource(strings = {"booking-service", "patient-service", "notification-service", "operator-console",
            "clinic-web"})
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
        assertThat(map(keycloak.get("healthcheck")).get("test").toString()).contains("/health/ready");
        assertThat(realm.get("realm").asString()).isEqualTo("clinic-backbone");
        assertThat(realm.get("enabled").asBoolean()).isTrue();
        assertThat(realm.get("accessTokenLifespan").asInt()).as("access token lifetime, seconds").isEqualTo(3600);
    }

    /**
     * The browser-facing URL is the host port Keycloak publishes (and the issuer of every token); the back channel is
     * the keycloak service at its container port. Keycloak serves both only with the back channel made dynamic.
     */
    @Test
    void servesKeycloakToTheBrowserAtTheIssuersUrlAndToTheContainersOverTheBackChannel() {
        Map<String, Object> keycloak = service("keycloak");
        Map<String, Object> environment = map(keycloak.get("environment"));
        String realmPath = "/realms/" + realm.get("realm").asString();
        URI browserFacing = URI.create(String.valueOf(environment.get("KC_HOSTNAME")));
        URI backChannel = URI.create(KEYCLOAK_BACKCHANNEL);

        assertThat(KEYCLOAK_ISSUER).isEqualTo(browserFacing + realmPath);
        assertThat(browserFacing.getHost()).isEqualTo("localhost");
        assertThat(environment).containsEntry("KC_HOSTNAME_BACKCHANNEL_DYNAMIC", "true")
                .doesNotContainKey("KC_HOSTNAME_ADMIN");
        assertThat(keycloak.get("ports")).isEqualTo(List.of(browserFacing.getPort() + ":" + backChannel.getPort()));
        assertThat(backChannel.getHost()).isEqualTo("keycloak");
        assertThat(KEYCLOAK_BACKCHANNEL).endsWith(realmPath);
    }

    /**
     * Every Keycloak URL in the compose file is the browser-facing issuer where a browser goes (sign-in, sign-out) or
     * a token's iss is checked, and the back channel where a container talks to Keycloak itself.
     */
    @Test
    void usesTheBrowserFacingIssuerWhereABrowserGoesOrIssIsCheckedAndTheBackChannelElsewhere() {
        List<String> checked = new ArrayList<>();
        services.forEach((name, service) -> {
            Object environment = map(service).get("environment");
            if (environment == null) {
                return;
            }
            map(environment).forEach((key, value) -> {
                if (!String.valueOf(value).contains("/realms/")) {
                    return;
                }
                boolean browserOrIssuer = key.endsWith("_AUTHORIZATION_URI") || key.endsWith("_END_SESSION_URI")
                        || key.endsWith("_ISSUER_URI") || key.endsWith("_ISSUER");
                assertThat(String.valueOf(value)).as(name + " " + key).startsWith(browserOrIssuer ? KEYCLOAK_ISSUER
                        : key.endsWith("_ADMIN_URI") ? KEYCLOAK_ADMIN : KEYCLOAK_BACKCHANNEL);
                checked.add(name + " " + key);
            });
        });
        assertThat(checked).contains("booking-service SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI",
                "operator-console SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_BACKBONE_AUTHORIZATION_URI",
                "clinic-web SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_BACKBONE_TOKEN_URI",
                "clinic-web WEB_SIGNUP_KEYCLOAK_ADMIN_URI");
    }

    /**
     * The operator console and clinic-web: the browser is sent to Keycloak's browser-facing authorization endpoint,
     * comes back to a redirect URI the realm's client allows, and the application redeems the code and checks the
     * ID token over the back channel, as the client the realm registers (same secret).
     */
    @ParameterizedTest
    @CsvSource({"operator-console, operator", "clinic-web, clinic-web"})
    void signsPeopleInThroughKeycloakAsTheRealmsClientAtAnAddressItAllows(String name, String clientId) {
        Map<String, Object> service = service(name);
        Map<String, Object> environment = map(service.get("environment"));
        JsonNode client = client(clientId);
        String hostPort = String.valueOf(list(service.get("ports")).get(0)).split(":")[0];

        assertThat(environment)
                .containsEntry("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_BACKBONE_CLIENT_ID", clientId)
                .containsEntry("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_BACKBONE_CLIENT_SECRET",
                        client.get("secret").asString())
                .containsEntry("SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_BACKBONE_AUTHORIZATION_URI",
                        KEYCLOAK_ISSUER + OIDC + "/auth")
                .containsEntry("SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_BACKBONE_TOKEN_URI",
                        KEYCLOAK_BACKCHANNEL + OIDC + "/token")
                .containsEntry("SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_BACKBONE_JWK_SET_URI",
                        KEYCLOAK_BACKCHANNEL + OIDC + "/certs");
        // Spring's redirect URI {baseUrl}/login/oauth2/code/{registrationId}, as the browser on the host calls it
        assertThat(StreamSupport.stream(client.get("redirectUris").spliterator(), false).map(JsonNode::asString))
                .contains("http://localhost:" + hostPort + "/login/oauth2/code/backbone");
        assertThat(client.get("standardFlowEnabled").asBoolean()).isTrue();
        assertThat(map(map(service.get("depends_on")).get("keycloak"))).containsEntry("condition", "service_healthy");
    }

    /** clinic-web as the local stack runs it: port 8090, the three services by their compose names, Kafka. */
    @Test
    void runsClinicWebAgainstTheServicesKafkaAndKeycloak() {
        Map<String, Object> web = service("clinic-web");
        Map<String, Object> environment = map(web.get("environment"));

        assertThat(map(web.get("build")).get("args")).isEqualTo(Map.of("SERVICE", "clinic-web"));
        assertThat(web.get("ports")).isEqualTo(List.of("8090:8090"));
        assertThat(environment).containsEntry("SERVER_PORT", "8090")
                .containsEntry("SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS", "kafka:9092");
        for (String[] api : new String[][] {{"WEB_BOOKING_URL", "booking-service"},
                {"WEB_PATIENT_URL", "patient-service"}, {"WEB_NOTIFICATION_URL", "notification-service"}}) {
            assertThat(environment).containsEntry(api[0],
                    "http://" + api[1] + ":" + map(service(api[1]).get("environment")).get("SERVER_PORT"));
        }
        assertThat(map(web.get("healthcheck")).get("test").toString()).contains("8090/actuator/health");
        map(web.get("depends_on")).values()
                .forEach(condition -> assertThat(map(condition)).containsEntry("condition", "service_healthy"));
    }

    /**
     * clinic-web's other registration, visitor: its own client credentials token for the public pages, from the same
     * client and token endpoint. Signing out ends the Keycloak session at its browser-facing end-session endpoint.
     */
    @Test
    void givesClinicWebItsVisitorTokenAndKeycloaksSignOut() {
        Map<String, Object> environment = map(service("clinic-web").get("environment"));

        assertThat(environment)
                .containsEntry("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_VISITOR_CLIENT_ID", "clinic-web")
                .containsEntry("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_VISITOR_CLIENT_SECRET",
                        client("clinic-web").get("secret").asString())
                .containsEntry("SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_BACKBONE_USER_INFO_URI",
                        KEYCLOAK_BACKCHANNEL + OIDC + "/userinfo")
                .containsEntry("WEB_ISSUER", KEYCLOAK_ISSUER)
                .containsEntry("WEB_END_SESSION_URI", KEYCLOAK_ISSUER + OIDC + "/logout");
    }

    /**
     * New patients on the compose stack: "Create an account" opens /me (a page that needs sign-in, so Keycloak's sign-in
     * page with its Register link comes first), and the record form links the account through Keycloak's Admin REST
     * API on the back channel, as clinic-web's service account (the visitor registration's client and token endpoint),
     * not through the local issuer's /accounts/link, which Keycloak does not have.
     */
    @Test
    void linksSelfRegisteredPatientsThroughKeycloaksAdminApiAsClinicWebsServiceAccount() {
        Map<String, Object> environment = map(service("clinic-web").get("environment"));

        assertThat(environment).containsEntry("WEB_SIGNUP_ACCOUNT_LINK", "keycloak")
                .containsEntry("WEB_SIGNUP_KEYCLOAK_ADMIN_URI", KEYCLOAK_ADMIN)
                .containsEntry("WEB_SIGNUP_REGISTER_URI", "/me")
                .containsEntry("WEB_SIGNUP_KEYCLOAK_ADMIN_CLIENT_ID", "clinic-web-accounts")
                .doesNotContainKey("WEB_SIGNUP_ACCOUNT_LINK_URI");
        assertThat(URI.create(KEYCLOAK_ADMIN).getAuthority()).isEqualTo(URI.create(KEYCLOAK_BACKCHANNEL).getAuthority());
        assertThat(KEYCLOAK_ADMIN).endsWith("/admin/realms/" + realm.get("realm").asString());
        assertThat(environment.get("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_VISITOR_CLIENT_ID"))
                .as("the service account that may manage users").isEqualTo("clinic-web");
    }

    @ParameterizedTest
    @ValueSource(strings = {"booking-service", "patient-service", "notification-service"})
    void pointsEachServiceAtTheKeycloakIssuerAndItsKeysOnTheBackChannelOnceItIsHealthy(String name) {
        Map<String, Object> service = service(name);

        // iss must be the browser-facing issuer; the keys come over the back channel (no discovery at the issuer URL,
        // which a container cannot reach)
        assertThat(map(service.get("environment")))
                .containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI", KEYCLOAK_ISSUER)
                .containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI",
                        KEYCLOAK_BACKCHANNEL + OIDC + "/certs");
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

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Object>) value;
    }

    private static boolean onPath(String command) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, command)));
    }
}
