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
    /** A MongoDB given with --mongo-uri (with its database), or null for the embedded MongoDB-wire server. */
    private final String externalMongoUri;
    private SmsSink sms;
    private MailCatcher mail;

    private ReminderStack(Path data, Path jars, boolean keepData, String externalMongoUri) {
        this.data = data;
        this.jars = jars;
        this.keepData = keepData;
        this.externalMongoUri = externalMongoUri;
    }

    /** @param externalMongoUri a MongoDB URI naming its database to use, or null to run the embedded server */
    static ReminderStack start(Path jars, Path kafkaLib, PrintStream out, boolean keepData, String externalMongoUri)
            throws IOException {
        ReminderStack stack = new ReminderStack(Files.createTempDirectory("clinic-reminder-benchmark-"), jars,
                keepData, externalMongoUri);
        try {
            Path logs = Files.createDirectories(stack.data.resolve("logs"));
            ServiceProcess issuer = ServiceProcess.start("auth-server", jars.resolve("auth-server.jar"),
                    List.of("--server.port=" + stack.authPort, "--auth.issuer=" + stack.issuer()),
                    logs.resolve("auth-server.log"));
            stack.services.add(issuer);
            stack.kafka = KafkaBrokerProcess.start(stack.data.resolve("kafka"), Stack.freePort(), Stack.freePort(),
                    KafkaBrokerProcess.classpathOf(kafkaLib), logs.resolve("kafka.log"));
            if (externalMongoUri == null) {
                stack.mongo = MongoWireServer.start(stack.data.resolve("mongo").resolve("backbone.mv"), 0);
            }
            stack.sms = new SmsSink(0, stack.data.resolve("inbox.jsonl"));
            stack.mail = MailCatcher.start(0, stack.sms::recordMail);
            issuer.awaitHealthy(stack.authPort, HEALTHY_WITHIN);
            stack.kafka.awaitReady(HEALTHY_WITHIN);
            out.println("  issuer, Kafka broker, " + (externalMongoUri == null ? "MongoDB-wire server"
                    : "MongoDB at --mongo-uri") + ", SMTP catcher and SMS sink up (data in " + stack.data + ")");
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
                        "--spring.mongodb.uri=" + serviceMongoUri(),
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

    /** Where the benchmark itself connects (seeding, counting). */
    String mongoUri() {
        return externalMongoUri != null ? externalMongoUri : "mongodb://127.0.0.1:" + mongo.port();
    }

    /** The database the instances use (and the benchmark seeds). */
    String database() {
        return externalMongoUri != null ? Reminders.databaseOf(externalMongoUri) : "notifications";
    }

    private String serviceMongoUri() {
        return externalMongoUri != null ? externalMongoUri : mongo.uri("notifications");
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
