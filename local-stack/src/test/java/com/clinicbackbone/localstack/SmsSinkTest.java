package com.clinicbackbone.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SmsSinkTest {

    private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "secret-token";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private SmsSink sink;

    @BeforeEach
    void startSink() {
        sink = new SmsSink(0, dir.resolve("inbox.jsonl"));
    }

    @AfterEach
    void stopSink() {
        sink.close();
    }

    @Test
    void acceptsTwilioShapedMessageAndListsIt() throws Exception {
        HttpResponse<String> response = postMessage(ACCOUNT, basicAuth(ACCOUNT, TOKEN),
                Map.of("To", "+14035550123", "From", "+15875550100", "Body", "Your visit is confirmed."));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode message = JSON.readTree(response.body());
        String sid = message.get("sid").asString();
        assertThat(sid).matches("SM[0-9a-f]{32}");
        assertThat(message.get("account_sid").asString()).isEqualTo(ACCOUNT);
        assertThat(message.get("to").asString()).isEqualTo("+14035550123");
        assertThat(message.get("from").asString()).isEqualTo("+15875550100");
        assertThat(message.get("body").asString()).isEqualTo("Your visit is confirmed.");
        assertThat(message.get("status").asString()).isEqualTo("queued");
        assertThat(message.get("num_segments").asString()).isEqualTo("1");
        assertThat(message.get("direction").asString()).isEqualTo("outbound-api");
        assertThat(message.get("api_version").asString()).isEqualTo("2010-04-01");
        assertThat(message.get("date_created").asString())
                .matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} \\+0000");
        assertThat(message.get("uri").asString())
                .isEqualTo("/2010-04-01/Accounts/" + ACCOUNT + "/Messages/" + sid + ".json");
        assertThat(message.has("price")).isTrue();

        JsonNode listed = JSON.readTree(get("/api/messages").body());
        assertThat(listed.get("mail").isArray()).isTrue();
        JsonNode sms = listed.get("sms").get(0);
        assertThat(sms.get("sid").asString()).isEqualTo(sid);
        assertThat(sms.get("to").asString()).isEqualTo("+14035550123");
        assertThat(sms.get("from").asString()).isEqualTo("+15875550100");
        assertThat(sms.get("body").asString()).isEqualTo("Your visit is confirmed.");
        assertThat(sms.get("status").asString()).isIn("queued", "sent", "delivered");
        assertThat(Instant.parse(sms.get("receivedAt").asString())).isBeforeOrEqualTo(Instant.now());
    }

    @Test
    void listsNewestFirst() throws Exception {
        for (String body : List.of("first", "second")) {
            postMessage(ACCOUNT, basicAuth(ACCOUNT, TOKEN), Map.of("To", "+14035550123", "From", "+15875550100",
                    "Body", body));
        }

        JsonNode sms = JSON.readTree(get("/api/messages").body()).get("sms");

        assertThat(sms.get(0).get("body").asString()).isEqualTo("second");
        assertThat(sms.get(1).get("body").asString()).isEqualTo("first");
    }

    @Test
    void rejectsMissingToWithTwilioError() throws Exception {
        HttpResponse<String> response = postMessage(ACCOUNT, basicAuth(ACCOUNT, TOKEN),
                Map.of("From", "+15875550100", "Body", "hello"));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.get("code").asInt()).isEqualTo(21604);
        assertThat(error.get("message").asString()).contains("'To'");
        assertThat(error.get("more_info").asString()).isEqualTo("https://www.twilio.com/docs/errors/21604");
        assertThat(error.get("status").asInt()).isEqualTo(400);
        assertThat(sink.sms()).isEmpty();
    }

    @Test
    void rejectsMissingBodyWithTwilioError() throws Exception {
        HttpResponse<String> response = postMessage(ACCOUNT, basicAuth(ACCOUNT, TOKEN),
                Map.of("To", "+14035550123", "From", "+15875550100"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("code").asInt()).isEqualTo(21602);
        assertThat(sink.sms()).isEmpty();
    }

    @Test
    void rejectsRequestWithoutBasicAuth() throws Exception {
        HttpResponse<String> response = postMessage(ACCOUNT, null,
                Map.of("To", "+14035550123", "From", "+15875550100", "Body", "hello"));

        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.get("code").asInt()).isEqualTo(20003);
        assertThat(error.get("status").asInt()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(sink.sms()).isEmpty();
    }

    @Test
    void rejectsBasicAuthForAnotherAccount() throws Exception {
        HttpResponse<String> response = postMessage(ACCOUNT, basicAuth("ACsomeoneelse", TOKEN),
                Map.of("To", "+14035550123", "From", "+15875550100", "Body", "hello"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(sink.sms()).isEmpty();
    }

    @Test
    void inboxPageEscapesCapturedText() throws Exception {
        postMessage(ACCOUNT, basicAuth(ACCOUNT, TOKEN), Map.of("To", "+14035550123", "From", "+15875550100",
                "Body", "<script>alert('x')</script>"));
        sink.recordMail(new CapturedMail("ann@example.org", "clinic@example.org", "<b>subject</b>", "a & b",
                Instant.now()));

        HttpResponse<String> page = get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body())
                .contains("http-equiv=\"refresh\"")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                .doesNotContain("<script>")
                .contains("&lt;b&gt;subject&lt;/b&gt;")
                .contains("a &amp; b");
    }

    @Test
    void keepsCapturedMessagesAcrossRestart() throws Exception {
        postMessage(ACCOUNT, basicAuth(ACCOUNT, TOKEN), Map.of("To", "+14035550123", "From", "+15875550100",
                "Body", "kept"));
        sink.recordMail(new CapturedMail("ann@example.org", "clinic@example.org", "Confirmed", "See you",
                Instant.parse("2030-01-02T03:04:05Z")));
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.sms().get(0).status().equals("delivered"));
        sink.close();

        sink = new SmsSink(0, dir.resolve("inbox.jsonl"));

        assertThat(sink.sms()).singleElement().satisfies(sms -> {
            assertThat(sms.body()).isEqualTo("kept");
            assertThat(sms.status()).isEqualTo("delivered");
        });
        assertThat(sink.mail()).containsExactly(new CapturedMail("ann@example.org", "clinic@example.org",
                "Confirmed", "See you", Instant.parse("2030-01-02T03:04:05Z")));
        JsonNode listed = JSON.readTree(get("/api/messages").body());
        assertThat(listed.get("mail").get(0).get("subject").asString()).isEqualTo("Confirmed");
        assertThat(listed.get("mail").get(0).get("receivedAt").asString()).isEqualTo("2030-01-02T03:04:05Z");
    }

    @Test
    void reportsDeliveryToTheStatusCallbackAsTwilioDoes() throws Exception {
        List<Map<String, String>> callbacks = new CopyOnWriteArrayList<>();
        List<String> signatures = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/status", exchange -> {
            callbacks.add(parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            signatures.add(exchange.getRequestHeaders().getFirst("X-Twilio-Signature"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String callbackUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/status";
        try {
            JsonNode created = JSON.readTree(postMessage(ACCOUNT, basicAuth(ACCOUNT, TOKEN), Map.of(
                    "To", "+14035550123", "From", "+15875550100", "Body", "hi", "StatusCallback", callbackUrl)).body());
            String sid = created.get("sid").asString();

            await().atMost(Duration.ofSeconds(5)).until(() -> callbacks.size() == 2);

            assertThat(callbacks).extracting(c -> c.get("MessageStatus")).containsExactly("sent", "delivered");
            assertThat(callbacks).allSatisfy(c -> {
                assertThat(c.get("MessageSid")).isEqualTo(sid);
                assertThat(c.get("AccountSid")).isEqualTo(ACCOUNT);
                assertThat(c.get("To")).isEqualTo("+14035550123");
            });
            assertThat(signatures.get(1)).isEqualTo(TwilioSignature.of(TOKEN, callbackUrl, new TreeMap<>(callbacks.get(1))));
            assertThat(sink.sms()).singleElement().extracting(CapturedSms::status).isEqualTo("delivered");
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void repliesAsThePatientThroughTheSignedInboundWebhookAndKeepsItsAnswer() throws Exception {
        List<Map<String, String>> received = new CopyOnWriteArrayList<>();
        List<String> signatures = new CopyOnWriteArrayList<>();
        HttpServer webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/inbound", exchange -> {
            received.add(parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            signatures.add(exchange.getRequestHeaders().getFirst("X-Twilio-Signature"));
            byte[] twiml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>Merci, l&#39;heure "
                    + "&amp; la date sont confirm\u00e9es.</Message></Response>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/xml");
            exchange.sendResponseHeaders(200, twiml.length);
            exchange.getResponseBody().write(twiml);
            exchange.close();
        });
        webhook.start();
        String webhookUrl = "http://127.0.0.1:" + webhook.getAddress().getPort() + "/inbound";
        sink.close();
        sink = new SmsSink(0, dir.resolve("replies.jsonl"), webhookUrl);
        try {
            HttpResponse<String> unsigned = postReply("+14035550123", "+15875550100", "C");
            assertThat(unsigned.statusCode()).as("no message sent yet: no token to sign with").isEqualTo(409);
            postMessage(ACCOUNT, basicAuth(ACCOUNT, TOKEN), Map.of("To", "+14035550123", "From", "+15875550100",
                    "Body", "Reply C to confirm"));
            assertThat(get("/").body()).contains("action=\"/reply\"", "value=\"+14035550123\"");

            HttpResponse<String> replied = postReply("+14035550123", "+15875550100", "C");

            assertThat(replied.statusCode()).isEqualTo(303);
            assertThat(received).singleElement().satisfies(form -> {
                assertThat(form).containsEntry("From", "+14035550123").containsEntry("To", "+15875550100")
                        .containsEntry("Body", "C").containsEntry("AccountSid", ACCOUNT)
                        .containsEntry("SmsStatus", "received").containsEntry("NumMedia", "0");
                assertThat(form.get("MessageSid")).startsWith("SM");
            });
            assertThat(signatures.get(0)).isEqualTo(TwilioSignature.of(TOKEN, webhookUrl, new TreeMap<>(received.get(0))));
            assertThat(sink.sms()).extracting(CapturedSms::body, CapturedSms::status).startsWith(
                    org.assertj.core.groups.Tuple.tuple("Merci, l'heure & la date sont confirmées.", "delivered"),
                    org.assertj.core.groups.Tuple.tuple("C", "received"));
        } finally {
            webhook.stop(0);
        }
    }

    @Test
    void countsSegmentsLikeTwilio() {
        assertThat(SmsSink.segments("a".repeat(160))).isEqualTo(1);
        assertThat(SmsSink.segments("a".repeat(161))).isEqualTo(2);
        assertThat(SmsSink.segments("é".repeat(70))).isEqualTo(1);
        assertThat(SmsSink.segments("€".repeat(71))).isEqualTo(2);
    }

    @Test
    void answersUnknownPathsWith404() throws Exception {
        assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> postMessage(String account, String authorization, Map<String, String> form)
            throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(sink.baseUrl() + "/2010-04-01/Accounts/" + account + "/Messages.json"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postReply(String from, String to, String body)
            throws IOException, InterruptedException {
        String form = "from=" + URLEncoder.encode(from, StandardCharsets.UTF_8) + "&to="
                + URLEncoder.encode(to, StandardCharsets.UTF_8) + "&body=" + URLEncoder.encode(body, StandardCharsets.UTF_8);
        return http.send(HttpRequest.newBuilder(URI.create(sink.baseUrl() + "/reply"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(sink.baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String basicAuth(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> parse(String form) {
        Map<String, String> values = new TreeMap<>();
        for (String pair : form.split("&")) {
            String[] kv = pair.split("=", 2);
            values.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return values;
    }
}
