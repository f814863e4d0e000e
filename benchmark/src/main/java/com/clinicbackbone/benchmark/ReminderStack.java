package com.clinicbackbone.benchmark;

import com.clinicbackbone.localstack.KafkaBrokerProcess;
import com.clinicbackbone.localstack.MailCatcher;
import com.clinicbackbone.localstack.MongoWireServer;
import com.clinicbackbone.localstack.ServiceProcess;
import com.clinicbackbone.localstack.SmsSink;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the reminder path needs, on free ports and a fresh temporary data folder: the issuer (auth-server), a Kafka
 * broker (notification-service consumes its topics), the MongoDB-wire server (H2 file, in this JVM), the local
 * SMTP catcher (GreenMail) and SMS sink (Twilio-shaped, with signed status callbacks) in this JVM, and as many
 * notification-service instances (child JVMs, the local stack's JVM options) as {@link #startInstance} starts.
 */
final class ReminderStack implements AutoCloseable {

    private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(180);

    final Path data;
    private final boolean keepData;
    private final Path jars;
    final int authPort = Stack.freePort();
    private final List<ServiceProcess> services = new ArrayList<>();
    private KafkaBrokerProcess kafka;
    private MongoWireServer mongo;
    private SmsSink sms;
    private MailCatcher mail;

    private ReminderStack(Path data, Path jars, boolean keepData) {
        this.data = data;
        this.jars = jars;
        this.keepData = keepData;
    }

    static ReminderStack start(Path jars, Path kafkaLib, PrintStream out, boolean keepData) throws IOException {
        ReminderStack stack = new ReminderStack(Files.createTempDirectory("clinic-reminder-benchmark-"), jars,
                keepData);
        try {
            Path logs = Files.createDirectories(stack.data.resolve("logs"));
            ServiceProcess issuer = ServiceProcess.start("auth-server", jars.resolve("auth-server.jar"),
                    List.of("--server.port=" + stack.authPort, "--auth.issuer=" + stack.issuer()),
                    logs.resolve("auth-server.log"));
            stack.services.add(issuer);
            stack.kafka = KafkaBrokerProcess.start(stack.data.resolve("kafka"), Stack.freePort(), Stack.freePort(),
                    KafkaBrokerProcess.classpathOf(kafkaLib), logs.resolve("kafka.log"));
            stack.mongo = MongoWireServer.start(stack.data.resolve("mongo").resolve("backbone.mv"), 0);
            stack.sms = new SmsSink(0, stack.data.resolve("inbox.jsonl"));
            stack.mail = MailCatcher.start(0, stack.sms::recordMail);
            issuer.awaitHealthy(stack.authPort, HEALTHY_WITHIN);
            stack.kafka.awaitReady(HEALTHY_WITHIN);
            out.println("  issuer, Kafka broker, MongoDB-wire server, SMTP catcher and SMS sink up (data in "
                    + stack.data + ")");
            return stack;
        } catch (RuntimeException | IOException e) {
            stack.close();
            throw e;
        }
    }

    /** Starts one more notification-service instance, waits until it is healthy and answers its port. */
    int startInstance(String instanceId, int threads) {
        int port = Stack.freePort();
        ServiceProcess instance = ServiceProcess.start("notification-service-" + instanceId,
                jars.resolve("notification-service.jar"), List.of(
                        "--server.port=" + port,
                        "--spring.mongodb.uri=" + mongo.uri("notifications"),
                        "--spring.cloud.stream.kafka.binder.brokers=" + kafka.bootstrapServers(),
                        "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer(),
                        "--spring.mail.host=127.0.0.1",
                        "--spring.mail.port=" + mail.port(),
                        "--notifications.sms.base-url=" + sms.baseUrl(),
                        "--notifications.sms.status-callback-url=http://127.0.0.1:" + port + "/api/sms/status",
                        "--notifications.dispatcher.instance-id=" + instanceId,
                        "--notifications.dispatcher.threads=" + threads,
                        // policy and templates reused for 5 s at send time (the issue allows it)
                        "--notifications.dispatcher.cache-for=PT5S"),
                data.resolve("logs").resolve("notification-service-" + instanceId + ".log"));
        services.add(instance);
        instance.awaitHealthy(port, HEALTHY_WITHIN);
        return port;
    }

    String issuer() {
        return "http://127.0.0.1:" + authPort;
    }

    String mongoUri() {
        return "mongodb://127.0.0.1:" + mongo.port();
    }

    int smsCaptured() {
        return sms.sms().size();
    }

    int mailCaptured() {
        return sms.mail().size();
    }

    @Override
    public void close() {
        services.forEach(ServiceProcess::stop);
        if (kafka != null) {
            kafka.stop();
        }
        if (mail != null) {
            mail.close();
        }
        if (sms != null) {
            sms.close();
        }
        if (mongo != null) {
            mongo.close();
        }
        Stack.removeData(data, keepData);
    }
}
