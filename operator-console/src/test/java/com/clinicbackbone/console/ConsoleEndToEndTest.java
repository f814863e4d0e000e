package com.clinicbackbone.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clinicbackbone.events.AppointmentBooked;
import com.clinicbackbone.events.Envelope;
import com.clinicbackbone.events.Topics;
import com.clinicbackbone.localstack.MongoWireServer;
import com.clinicbackbone.localstack.RepoRoot;
import com.clinicbackbone.localstack.ServiceProcess;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console end to end in a real headless Chromium: a Kafka broker (KRaft), the Mongo-wire server, the issuer
 * and notification-service as processes, the console on a random port. The operator signs in, sees the services
 * healthy; notification-service's database goes away while a booking arrives, so after its retries the event lands
 * in the dead-letter topic; the operator sees it (masked), the database comes back, the operator replays it in the
 * browser, notification-service plans the booking's notifications, and a second replay is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIf(value = "browserInstalled",
        disabledReason = "needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)")
class ConsoleEndToEndTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(180);
    private static final String DLQ = Topics.APPOINTMENTS + ".notification-service.dlq";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int authPort = freePort();
    private final int notificationPort = freePort();
    private final int notificationMongoPort = freePort();
    private final int consolePort = freePort();
    private final HttpClient http = HttpClient.newHttpClient();

    private EmbeddedKafkaKraftBroker kafka;
    private MongoWireServer notificationMongo;
    private Path notificationStore;
    private MongoServer consoleMongo;
    private ServiceProcess auth;
    private ServiceProcess notification;
    private ConfigurableApplicationContext console;
    private WebDriver browser;

    /** Checked before the class runs, so that without the browser Maven counts the class as skipped. */
    static boolean browserInstalled() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    @BeforeAll
    void startEverything() throws IOException {
        Path root = RepoRoot.find();
        Path work = Files.createDirectories(Path.of("target", "e2e").toAbsolutePath());
        kafka = new EmbeddedKafkaKraftBroker(1, 3);
        kafka.afterPropertiesSet();
        notificationStore = work.resolve("notifications-" + UUID.randomUUID() + ".mv");
        notificationMongo = MongoWireServer.start(notificationStore, notificationMongoPort);
        consoleMongo = new MongoServer(new MemoryBackend());
        consoleMongo.bind("127.0.0.1", 0);
        int consoleMongoPort = consoleMongo.getLocalAddress().getPort();

        auth = ServiceProcess.start("auth-server", root.resolve("auth-server/target/auth-server.jar"), List.of(
                "--server.port=" + authPort, "--auth.issuer=" + issuer(),
                "--auth.console-redirect-uri=" + console("/login/oauth2/code/backbone")), work.resolve("auth-server.log"));
        notification = ServiceProcess.start("notification-service",
                root.resolve("notification-service/target/notification-service.jar"), List.of(
                        "--server.port=" + notificationPort,
                        // fail fast while the database is away, so the consumer's retries end within seconds
                        "--spring.mongodb.uri=mongodb://127.0.0.1:" + notificationMongoPort
                                + "/notifications?serverSelectionTimeoutMS=2000&connectTimeoutMS=1000",
                        "--spring.cloud.stream.kafka.binder.brokers=" + kafka.getBrokersAsString(),
                        "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer(),
                        "--spring.mail.port=" + freePort(), "--notifications.sms.base-url=http://127.0.0.1:" + freePort()),
                work.resolve("notification-service.log"));
        console = new SpringApplicationBuilder(ConsoleApplication.class).run(
                "--server.port=" + consolePort,
                "--spring.mongodb.uri=mongodb://127.0.0.1:" + consoleMongoPort + "/console",
                "--spring.kafka.bootstrap-servers=" + kafka.getBrokersAsString(),
                "--console.issuer=" + issuer(),
                "--console.instances[0].name=auth-server", "--console.instances[0].url=" + issuer(),
                "--console.instances[1].name=notification-service",
                "--console.instances[1].url=http://127.0.0.1:" + notificationPort);
        auth.awaitHealthy(authPort, HEALTHY_WITHIN);
        notification.awaitHealthy(notificationPort, HEALTHY_WITHIN);
        browser = chromium();
        await().atMost(Duration.ofSeconds(30)).until(() -> "UP".equals(healthStatus(console("/actuator/health"))));
    }

    @AfterAll
    void stopEverything() {
        quietly(() -> browser.quit());
        quietly(() -> console.close());
        quietly(() -> notification.stop());
        quietly(() -> auth.stop());
        quietly(() -> notificationMongo.close());
        quietly(() -> consoleMongo.shutdownNow());
        quietly(() -> kafka.destroy());
    }

    @Test
    void operatorSeesADeadLetterAndReplaysItAfterTheCauseIsFixed() throws Exception {
        browser.get(console("/"));
        browser.findElement(By.name("username")).sendKeys("operator");
        browser.findElement(By.name("password")).sendKeys("demo-secret");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        await().atMost(Duration.ofSeconds(30)).until(() -> browser.getCurrentUrl().startsWith(console("/"))
                && !browser.findElements(By.id("instances")).isEmpty());
        assertThat(browser.findElement(By.id("operator")).getText()).isEqualTo("operator");
        assertThat(healthOf("auth-server")).isEqualTo("UP");
        assertThat(healthOf("notification-service")).isEqualTo("UP");

        // the cause: notification-service's database goes away while a booking arrives
        notificationMongo.close();
        String appointmentId = "e2e-" + UUID.randomUUID();
        publishBooking(appointmentId);
        awaitOnOverview(Duration.ofSeconds(120), () -> !browser.findElements(By.cssSelector(
                "tr.dead-letter[data-id^='" + DLQ + "/']")).isEmpty());
        assertThat(healthOf("notification-service")).isEqualTo("DOWN");

        WebElement row = browser.findElement(By.cssSelector("tr.dead-letter[data-id^='" + DLQ + "/']"));
        assertThat(row.findElement(By.cssSelector("td.state")).getText()).isEqualTo("NEW");
        row.findElement(By.tagName("a")).click();
        assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("NEW");
        assertThat(browser.getPageSource()).contains(Topics.APPOINTMENTS, appointmentId, "\"givenName\" : \"***\"")
                .doesNotContain("Chloe", "x-exception-stacktrace");
        String deadLetterPage = browser.getCurrentUrl();

        // the fix: the database is back (same data); notification-service is healthy again
        notificationMongo = MongoWireServer.start(notificationStore, notificationMongoPort);
        awaitOnOverview(Duration.ofSeconds(90), () -> "UP".equals(healthOf("notification-service")));

        browser.get(deadLetterPage);
        browser.findElement(By.id("replay")).click();
        assertThat(awaitElement(By.id("message")).getText()).isEqualTo("Replayed to " + Topics.APPOINTMENTS + ".");
        assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("REPLAYED");
        assertThat(browser.findElement(By.id("handled")).getText()).startsWith("operator at ");

        String frontDesk = token("frontdesk-running-shoe");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> notificationsOf(appointmentId, frontDesk) > 0);

        browser.findElement(By.id("replay")).click();
        assertThat(awaitElement(By.id("error")).getText()).contains("was already replayed by operator")
                .contains("cannot be replayed again");
        assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("REPLAYED");

        browser.get(console("/"));
        assertThat(browser.findElement(By.cssSelector("tr.dead-letter[data-id^='" + DLQ + "/'] td.state")).getText())
                .isEqualTo("REPLAYED");
        Path screenshot = Path.of("target", "console.png");
        Files.write(screenshot, ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
        assertThat(screenshot).isNotEmptyFile();
    }

    @Test
    void showsAnotherSignedInPersonAPageSayingTheConsoleIsForOperatorsOnly() {
        WebDriver auditorsBrowser = chromium();
        try {
            auditorsBrowser.get(console("/"));
            auditorsBrowser.findElement(By.name("username")).sendKeys("auditor");
            auditorsBrowser.findElement(By.name("password")).sendKeys("demo-secret");
            auditorsBrowser.findElement(By.cssSelector("button[type=submit]")).click();
            await().atMost(Duration.ofSeconds(30)).until(() -> !auditorsBrowser.findElements(By.id("denied")).isEmpty());

            assertThat(auditorsBrowser.getTitle()).isEqualTo("403 · operators only");
            assertThat(auditorsBrowser.getPageSource()).doesNotContain("Service instances", "Dead letters");
        } finally {
            auditorsBrowser.quit();
        }
    }

    private void publishBooking(String appointmentId) {
        Instant start = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        Envelope envelope = Envelope.of(AppointmentBooked.TYPE, "/booking-service", Instant.now(), appointmentId,
                "running-shoe", 1);
        String payload = """
                {"appointmentId":"%s","clinicId":"running-shoe","serviceId":"physio-follow-up",
                 "practitionerId":"maya-chen","patientId":"patient-e2e","start":"%s","end":"%s","status":"BOOKED",
                 "givenName":"Chloe"}""".formatted(appointmentId, start, start.plus(30, ChronoUnit.MINUTES));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.APPOINTMENTS, appointmentId,
                    payload.getBytes(StandardCharsets.UTF_8));
            envelope.headers().forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish the booking", e);
        }
    }

    /** The element on the page a form post redirected to: the click may return before that page has loaded. */
    private WebElement awaitElement(By by) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> !browser.findElements(by).isEmpty());
        return browser.findElement(by);
    }

    /** Reloads the overview until the condition holds. */
    private void awaitOnOverview(Duration atMost, java.util.concurrent.Callable<Boolean> condition) {
        await().atMost(atMost).pollInterval(Duration.ofSeconds(2)).until(() -> {
            browser.get(console("/"));
            return condition.call();
        });
    }

    private String healthOf(String instance) {
        return browser.findElement(By.cssSelector("tr[data-instance='" + instance + "'] td.health")).getText();
    }

    /** How many notifications notification-service planned for the appointment (its API, as the front desk). */
    private int notificationsOf(String appointmentId, String token) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + notificationPort + "/api/notifications?appointmentId=" + appointmentId))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return 0;
        }
        return JSON.readTree(response.body()).size();
    }

    private String healthStatus(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).path("status").asString();
    }

    private String token(String persona) throws Exception {
        String basic = Base64.getEncoder().encodeToString((persona + ":demo-secret").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(issuer() + "/oauth2/token"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("access_token").asString();
    }

    private String issuer() {
        return "http://127.0.0.1:" + authPort;
    }

    private String console(String path) {
        return "http://127.0.0.1:" + consolePort + path;
    }

    private static WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void quietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            // stopping what may not have started
        }
    }
}
