package com.clinicbackbone.localstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * An SMS provider sink with the shape of Twilio's Messages API, plus the inbox: {@code GET /api/messages} (JSON)
 * and {@code GET /} (a self-refreshing page) list the captured SMS and the mail handed in by
 * {@link #recordMail(CapturedMail)}. Accepted messages move to sent and delivered shortly after, and the
 * {@code StatusCallback} URL, if given, hears about it as from Twilio (form POST, {@code X-Twilio-Signature}).
 * With an inbound webhook URL, the page offers to reply to each SMS as the patient: {@code POST /reply} (from, to,
 * body), answered by {@link PatientReplies}.
 */
public final class SmsSink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmsSink.class);
    private static final Pattern MESSAGES_PATH = Pattern.compile("^/2010-04-01/Accounts/([^/]+)/Messages\\.json$");
    static final Pattern E164 = Pattern.compile("^\\+[1-9]\\d{1,14}$");
    private static final DateTimeFormatter RFC_2822 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);
    static final String API_VERSION = "2010-04-01";
    /** GSM 03.38 basic character set: messages using only these take 160 characters per segment. */
    private static final String GSM_7 = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ ÆæßÉ!\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private final JsonMapper json = JsonMapper.builder().build();
    private final Clock clock = Clock.systemUTC();
    private final Inbox inbox;
    private final HttpServer server;
    private final ExecutorService requestThreads;
    private final ScheduledExecutorService deliveries;
    private final HttpClient callbackClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Null without an inbound webhook URL. */
    private final PatientReplies replies;

    /**
     * Loads the captured messages from the data file and starts listening on 127.0.0.1.
     *
     * @param port the port, 0 for a free one
     * @param dataFile the JSON-lines file captured messages are appended to
     */
    public SmsSink(int port, Path dataFile) {
        this(port, dataFile, null);
    }

    /**
     * Like {@link #SmsSink(int, Path)}, with the URL replies are posted to as Twilio's inbound message webhook
     * (null: no replies).
     */
    public SmsSink(int port, Path dataFile, String inboundWebhookUrl) {
        this.inbox = new Inbox(dataFile, json);
        this.replies = inboundWebhookUrl == null ? null
                : new PatientReplies(inboundWebhookUrl, inbox, clock, callbackClient);
        try {
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not listen on 127.0.0.1:" + port, e);
        }
        this.requestThreads = Executors.newFixedThreadPool(4, daemon("sms-sink-http"));
        this.deliveries = Executors.newSingleThreadScheduledExecutor(daemon("sms-sink-delivery"));
        server.createContext("/", this::handle);
        server.setExecutor(requestThreads);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** What to configure as the provider's base URL, e.g. {@code http://127.0.0.1:8025}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** The captured SMS, newest first. */
    public List<CapturedSms> sms() {
        return inbox.sms();
    }

    /** The captured mail, newest first. */
    public List<CapturedMail> mail() {
        return inbox.mail();
    }

    /** Adds a caught email to the inbox (and its file). */
    public void recordMail(CapturedMail mail) {
        inbox.add(mail);
    }

    @Override
    public void close() {
        server.stop(0);
        deliveries.shutdownNow();
        requestThreads.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        try {
            route(exchange);
        } catch (IOException e) {
            log.debug("Could not answer a request to the SMS sink", e);
        } catch (RuntimeException e) {
            log.warn("Request to the SMS sink failed", e);
            try {
                twilioError(exchange, 500, 20500, "Internal Server Error");
            } catch (IOException | RuntimeException alreadyAnswered) {
                // the answer had started; nothing more to say
            }
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        Matcher messages = MESSAGES_PATH.matcher(path);
        if (messages.matches()) {
            if ("POST".equals(method)) {
                createMessage(exchange, messages.group(1));
            } else {
                twilioError(exchange, 405, 20004, "Method not allowed");
            }
        } else if (path.equals("/api/messages") && isRead(method)) {
            Map<String, Object> messagesJson = new LinkedHashMap<>();
            messagesJson.put("mail", inbox.mail());
            messagesJson.put("sms", inbox.sms());
            send(exchange, 200, "application/json", json.writeValueAsString(messagesJson));
        } else if (path.equals("/") && isRead(method)) {
            send(exchange, 200, "text/html", InboxPage.render(inbox.mail(), inbox.sms(), replies != null));
        } else if (path.equals("/reply") && "POST".equals(method) && replies != null) {
            replies.reply(exchange);
        } else {
            twilioError(exchange, 404, 20404, "The requested resource " + path + " was not found");
        }
    }

    private static boolean isRead(String method) {
        return "GET".equals(method) || "HEAD".equals(method);
    }

    private void createMessage(HttpExchange exchange, String accountSid) throws IOException {
        String authToken = authTokenFor(exchange, accountSid);
        if (authToken == null) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"Twilio API\"");
            twilioError(exchange, 401, 20003, "Authenticate");
            return;
        }
        Map<String, String> form = parseForm(exchange.getRequestBody());
        String to = form.get("To");
        String from = form.get("From");
        String body = form.get("Body");
        if (isBlank(to)) {
            twilioError(exchange, 400, 21604, "A 'To' phone number is required.");
        } else if (!E164.matcher(to).matches()) {
            twilioError(exchange, 400, 21211, "Invalid 'To' Phone Number: " + to);
        } else if (isBlank(from) && isBlank(form.get("MessagingServiceSid"))) {
            twilioError(exchange, 400, 21603, "A 'From' phone number is required.");
        } else if (isBlank(body)) {
            twilioError(exchange, 400, 21602, "Message body is required.");
        } else {
            Instant now = clock.instant();
            CapturedSms sms = new CapturedSms(newSid(), to, from, body, "queued", now);
            inbox.add(sms);
            if (replies != null) {
                replies.signAs(accountSid, authToken);
            }
            send(exchange, 201, "application/json", json.writeValueAsString(resource(accountSid, sms, form, now)));
            deliver(accountSid, authToken, sms, form.get("StatusCallback"));
        }
    }

    /** The password of a basic auth whose user is the account SID of the path, or null. */
    private static String authTokenFor(HttpExchange exchange, String accountSid) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0 || !decoded.substring(0, colon).equals(accountSid) || colon == decoded.length() - 1) {
            return null;
        }
        return decoded.substring(colon + 1);
    }

    /** Twilio's message resource, as its API answers a create. */
    private Map<String, Object> resource(String accountSid, CapturedSms sms, Map<String, String> form, Instant now) {
        String uri = "/" + API_VERSION + "/Accounts/" + accountSid + "/Messages/" + sms.sid();
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("account_sid", accountSid);
        resource.put("api_version", API_VERSION);
        resource.put("body", sms.body());
        resource.put("date_created", RFC_2822.format(now));
        resource.put("date_sent", null);
        resource.put("date_updated", RFC_2822.format(now));
        resource.put("direction", "outbound-api");
        resource.put("error_code", null);
        resource.put("error_message", null);
        resource.put("from", sms.from());
        resource.put("messaging_service_sid", form.get("MessagingServiceSid"));
        resource.put("num_media", "0");
        resource.put("num_segments", String.valueOf(segments(sms.body())));
        resource.put("price", null);
        resource.put("price_unit", "USD");
        resource.put("sid", sms.sid());
        resource.put("status", sms.status());
        resource.put("subresource_uris", Map.of("media", uri + "/Media.json"));
        resource.put("to", sms.to());
        resource.put("uri", uri + ".json");
        return resource;
    }

    static int segments(String body) {
        boolean gsm = body.chars().allMatch(c -> GSM_7.indexOf(c) >= 0);
        int single = gsm ? 160 : 70;
        int perPart = gsm ? 153 : 67;
        int length = body.length();
        return length <= single ? 1 : (length + perPart - 1) / perPart;
    }

    /** Moves the message to sent, then delivered, telling the status callback each time. */
    private void deliver(String accountSid, String authToken, CapturedSms sms, String statusCallback) {
        deliveries.schedule(() -> advance(accountSid, authToken, sms, "sent", statusCallback), 200, TimeUnit.MILLISECONDS);
        deliveries.schedule(() -> advance(accountSid, authToken, sms, "delivered", statusCallback), 600,
                TimeUnit.MILLISECONDS);
    }

    private void advance(String accountSid, String authToken, CapturedSms sms, String status, String statusCallback) {
        inbox.updateStatus(sms.sid(), status);
        if (isBlank(statusCallback)) {
            return;
        }
        Map<String, String> params = new TreeMap<>();
        params.put("AccountSid", accountSid);
        params.put("ApiVersion", API_VERSION);
        params.put("From", sms.from());
        params.put("MessageSid", sms.sid());
        params.put("MessageStatus", status);
        params.put("SmsSid", sms.sid());
        params.put("SmsStatus", status);
        params.put("To", sms.to());
        try {
            HttpResponse<Void> response = callbackClient.send(
                    TwilioSignature.signedFormPost(statusCallback, authToken, params),
                    HttpResponse.BodyHandlers.discarding());
            log.info("Status callback {} for {} answered {}", status, sms.sid(), response.statusCode());
        } catch (IOException | IllegalArgumentException e) {
            log.info("Status callback {} for {} failed: {}", status, sms.sid(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void twilioError(HttpExchange exchange, int status, int code, String message) throws IOException {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        error.put("more_info", "https://www.twilio.com/docs/errors/" + code);
        error.put("status", status);
        send(exchange, status, "application/json", json.writeValueAsString(error));
    }

    static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType + "; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    static Map<String, String> parseForm(InputStream in) throws IOException {
        String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.putIfAbsent(key, value);
        }
        return form;
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    static String newSid() {
        return "SM" + UUID.randomUUID().toString().replace("-", "");
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
