package com.clinicbackbone.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackTest {

    private final LocalStack stack = new LocalStack(Path.of("/checkout"), new PrintStream(PrintStream.nullOutputStream()));

    @Test
    void wiresNotificationServiceToTheMailCatcherAndSmsSink() {
        LocalStack.Service notification = LocalStack.SERVICES.get(2);

        assertThat(stack.argsOf(notification)).containsExactly(
                "--server.port=8083",
                "--spring.mongodb.uri=mongodb://127.0.0.1:27017/notifications",
                "--spring.cloud.stream.kafka.binder.brokers=127.0.0.1:9092",
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=http://127.0.0.1:9000",
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=2525",
                "--notifications.sms.base-url=http://127.0.0.1:8025",
                "--notifications.sms.status-callback-url=http://127.0.0.1:8083/api/sms/status",
                "--notifications.sms.inbound-url=http://127.0.0.1:8083/api/sms/inbound");
    }

    @Test
    void givesEachServiceItsOwnDatabase() {
        assertThat(LocalStack.SERVICES).extracting(s -> stack.argsOf(s).get(1)).containsExactly(
                "--spring.mongodb.uri=mongodb://127.0.0.1:27017/booking",
                "--spring.mongodb.uri=mongodb://127.0.0.1:27017/patients",
                "--spring.mongodb.uri=mongodb://127.0.0.1:27017/notifications");
    }

    @Test
    void pointsEveryServiceAtTheLocalIssuer() {
        assertThat(LocalStack.SERVICES).allSatisfy(service -> assertThat(stack.argsOf(service))
                .contains("--spring.security.oauth2.resourceserver.jwt.issuer-uri=http://127.0.0.1:9000"));
    }

    @Test
    void runsTheIssuerOnPort9000WithAMatchingIssuerUrl() {
        assertThat(stack.authServerArgs()).startsWith("--server.port=9000", "--auth.issuer=http://127.0.0.1:9000",
                "--spring.mail.host=127.0.0.1", "--spring.mail.port=2525");
        assertThat(stack.authServerArgs()).last().asString().startsWith("--auth.accounts-file=").endsWith("accounts.json");
        assertThat(LocalStack.ports()).containsKey(9000).containsKeys(8081, 8082, 8083, 9092, 9093, 27017, 2525, 8025);
    }

    @Test
    void runsTheOperatorConsoleOn8080WithItsOwnDatabaseTheBrokerAndTheIssuer() {
        assertThat(stack.consoleArgs()).containsExactly(
                "--server.port=8080",
                "--spring.mongodb.uri=mongodb://127.0.0.1:27017/console",
                "--spring.kafka.bootstrap-servers=127.0.0.1:9092",
                "--console.issuer=http://127.0.0.1:9000");
        assertThat(LocalStack.ports()).containsEntry(8080, "operator console");
    }

    @Test
    void runsClinicWebOn8090AgainstTheIssuerTheServicesAndTheBroker() {
        assertThat(stack.webArgs()).containsExactly(
                "--server.port=8090",
                "--web.issuer=http://127.0.0.1:9000",
                "--spring.cloud.stream.kafka.binder.brokers=127.0.0.1:9092",
                "--web.booking-url=http://127.0.0.1:8081",
                "--web.patient-url=http://127.0.0.1:8082",
                "--web.notification-url=http://127.0.0.1:8083");
        assertThat(LocalStack.ports()).containsEntry(8090, "clinic-web (desk and patients' pages)");
    }

    @Test
    void needsTheClinicWebJar(@TempDir Path checkout) {
        LocalStack empty = new LocalStack(checkout, new PrintStream(PrintStream.nullOutputStream()));

        assertThat(empty.preflight()).anySatisfy(problem -> assertThat(problem)
                .startsWith("Missing clinic-web/target/clinic-web.jar"));
    }

    @Test
    void needsTheOperatorConsoleJar(@TempDir Path checkout) {
        LocalStack empty = new LocalStack(checkout, new PrintStream(PrintStream.nullOutputStream()));

        assertThat(empty.preflight()).anySatisfy(problem -> assertThat(problem)
                .startsWith("Missing operator-console/target/operator-console.jar"));
    }

    @Test
    void printsTheTokenCommandOfAPersona() {
        assertThat(LocalStack.tokenCommand("frontdesk-running-shoe")).isEqualTo(
                "curl -s -u frontdesk-running-shoe:demo-secret -d grant_type=client_credentials"
                        + " http://127.0.0.1:9000/oauth2/token");
    }

    @Test
    void needsTheAuthServerJar(@TempDir Path checkout) {
        LocalStack empty = new LocalStack(checkout, new PrintStream(PrintStream.nullOutputStream()));

        assertThat(empty.preflight()).anySatisfy(problem -> assertThat(problem)
                .startsWith("Missing auth-server/target/auth-server.jar"));
    }

    @Test
    void seesATakenPort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            assertThat(LocalStack.isFree(taken.getLocalPort())).isFalse();
        }
    }
}
