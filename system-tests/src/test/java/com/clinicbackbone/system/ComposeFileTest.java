package com.clinicbackbone.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.clinicbackbone.localstack.RepoRoot;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** docker-compose.yml cannot run here (no Docker engine); it is validated and kept in step with the local stack. */
class ComposeFileTest {

    static Path composeFile;
    static Map<String, Object> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readComposeFile() throws IOException {
        composeFile = RepoRoot.find().resolve("docker-compose.yml");
        try (Reader reader = Files.newBufferedReader(composeFile)) {
            Map<String, Object> compose = new Yaml().load(reader);
            services = (Map<String, Object>) compose.get("services");
        }
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
