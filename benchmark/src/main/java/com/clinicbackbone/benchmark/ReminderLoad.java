package com.clinicbackbone.benchmark;

import com.clinicbackbone.events.AppointmentBooked;
import com.clinicbackbone.events.Envelope;
import com.clinicbackbone.events.PatientContactRecord;
import com.clinicbackbone.events.Topics;
import com.clinicbackbone.localstack.CapturedMail;
import com.clinicbackbone.localstack.CapturedSms;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Reminders as production makes them, through notification-service's own code: the benchmark publishes what the
 * other services would (contact records on {@code clinic.patient-contacts.v1}, AppointmentBooked on
 * {@code clinic.appointments.v1}) for appointments whose 24-hour reminders (email and SMS: the clinic's policy, set
 * through the API without confirmations or quiet hours) fall due when the benchmark chooses; the instances plan
 * them from the events, then send them to the SMTP catcher and the SMS sink. Sent = the sink received it; lag = that
 * moment minus the due time. Every phase uses fresh patients and appointments.
 */
final class ReminderLoad implements AutoCloseable {

    static final String CLINIC = "running-shoe";
    static final Duration OFFSET = Duration.ofHours(24);
    /** notification-service's consumer group (the planning); patient-service reads the appointments too. */
    static final String NOTIFICATION_GROUP = "notification-service";
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000, 36);

    /** One phase's outcome; {@code lagMs} null when nothing was sent. */
    record Phase(String label, int planned, int sent, double seconds, Percentiles lagMs, double plannedAheadSeconds) {

        double perSecond() {
            return sent / seconds;
        }
    }

    private final Stack stack;
    private final PrintStream out;
    private final KafkaProducer<String, String> producer;
    private final Admin admin;
    private int phases;
    /** Appointments planned per second in the last phase (a cautious guess before the first). */
    private double planningRate = 5;

    ReminderLoad(Stack stack, PrintStream out) {
        this.stack = stack;
        this.out = out;
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new StringSerializer());
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()));
    }

    /** The clinic's policy: a 24-hour reminder by email and SMS, no confirmations, no quiet hours, no aftercare. */
    void setPolicy(Api desk, int notificationPort) {
        Map<String, Object> policy = Map.of(
                "confirmations", Map.of("booked", false, "changed", false, "cancelled", false),
                "reminders", List.of(Map.of("offset", OFFSET.toString(), "channels", List.of("EMAIL", "SMS"))),
                "aftercare", false,
                "quietHours", Map.of("start", "00:00", "end", "00:00"),
                "senderName", "RS Clinic");
        Api.Answer answer = desk.put("http://127.0.0.1:" + notificationPort + "/api/clinics/" + CLINIC
                + "/reminder-policy", policy);
        if (answer.status() != 200) {
            throw new IllegalStateException("setting the reminder policy answered " + answer.status() + ": "
                    + answer.text());
        }
    }

    /**
     * Publishes {@code count} reminders (count / 2 appointments, each reminded by email and SMS), all due at one
     * moment ({@code perSecond} 0: the capacity) or {@code perSecond} per second (the lag), waits until every one has
     * reached its sink (or no more come) and prints the outcome. The first due time is twice the expected planning
     * time away (see {@link #planningRate}).
     *
     * @param giveUpAfter how long after the last due time to wait for the last sends
     */
    Phase run(String label, int count, int perSecond, Duration giveUpAfter) throws Exception {
        int appointments = Math.max(1, count / 2);
        // planning must be over before the first reminder falls due (a reminder planned after its due time is
        // skipped as too late): twice what the last phase's planning rate needs, 5 per second before any is known
        Duration planAhead = Duration.ofMillis(3000 + (long) (2000 * appointments / planningRate));
        int phase = ++phases;
        String prefix = "bench-" + RUN + "-" + phase + "-";
        long publishStart = System.nanoTime();
        Instant firstDue = Instant.now().plus(planAhead);
        Map<String, Instant> dueByEmail = new HashMap<>();
        Map<String, Instant> dueByPhone = new HashMap<>();
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (int i = 0; i < appointments; i++) {
            String patient = prefix + "p" + i;
            String email = "r" + RUN + "." + phase + "." + i + "@bench.example";
            String phone = phone(phase, i);
            sends.add(send(Topics.PATIENT_CONTACTS, PatientContactRecord.TYPE, patient, null,
                    new PatientContactRecord(patient, "Pat", email, phone, "en", List.of("EMAIL", "SMS"),
                            List.of("EMAIL", "SMS"))));
            Instant due = perSecond == 0 ? firstDue : firstDue.plusNanos(i * 2_000_000_000L / perSecond);
            dueByEmail.put(email, due);
            dueByPhone.put(phone, due);
        }
        flush(sends);
        for (int i = 0; i < appointments; i++) {
            String id = prefix + "a" + i;
            Instant due = dueByEmail.get("r" + RUN + "." + phase + "." + i + "@bench.example");
            ZonedDateTime start = due.atZone(Slots.ZONE).plusDays(OFFSET.toDays()); // the policy counts whole days
            sends.add(send(Topics.APPOINTMENTS, AppointmentBooked.TYPE, id, CLINIC, new AppointmentBooked(id, CLINIC,
                    "massage-60", "sofia-ramirez", prefix + "p" + i, start.toInstant(),
                    start.plusMinutes(60).toInstant(), "BOOKED")));
        }
        flush(sends);
        awaitConsumed(Set.of(Topics.PATIENT_CONTACTS, Topics.APPOINTMENTS), NOTIFICATION_GROUP,
                firstDue.plus(giveUpAfter));
        double planningSeconds = Math.max(Benchmark.seconds(System.nanoTime() - publishStart), 0.001);
        planningRate = appointments / planningSeconds;
        double plannedAhead = Duration.between(Instant.now(), firstDue).toMillis() / 1000.0;
        Instant lastDue = dueByEmail.values().stream().max(Instant::compareTo).orElse(firstDue);

        Instant giveUp = lastDue.plus(giveUpAfter);
        List<Double> lags = new ArrayList<>();
        Instant lastSent = firstDue;
        int seen = -1;
        Instant changedAt = Instant.now();
        while (true) {
            lags.clear();
            lastSent = firstDue;
            for (CapturedSms sms : stack.sms().sms()) {
                Instant due = dueByPhone.get(sms.to());
                if (due != null) {
                    lags.add((double) Duration.between(due, sms.receivedAt()).toMillis());
                    lastSent = sms.receivedAt().isAfter(lastSent) ? sms.receivedAt() : lastSent;
                }
            }
            for (CapturedMail mail : stack.sms().mail()) {
                Instant due = dueByEmail.get(address(mail.to()));
                if (due != null) {
                    lags.add((double) Duration.between(due, mail.receivedAt()).toMillis());
                    lastSent = mail.receivedAt().isAfter(lastSent) ? mail.receivedAt() : lastSent;
                }
            }
            Instant now = Instant.now();
            if (lags.size() != seen) {
                seen = lags.size();
                changedAt = now;
            }
            boolean stalled = now.isAfter(lastDue.plusSeconds(10)) && now.isAfter(changedAt.plusSeconds(15));
            if (lags.size() >= 2 * appointments || now.isAfter(giveUp) || stalled) {
                break;
            }
            Thread.sleep(250);
        }
        double seconds = Math.max(Duration.between(firstDue, lastSent).toMillis(), 1) / 1000.0;
        Phase result = new Phase(label, 2 * appointments, lags.size(), seconds, lags.isEmpty() ? null
                : new Percentiles(lags.stream().mapToDouble(Double::doubleValue).toArray()), plannedAhead);
        out.printf(Locale.ROOT, "  %-22s %d reminders %s: %d sent in %.1f s = %.0f/s; lag due->sink median %.0f ms,"
                        + " p99 %.0f ms; %d appointments planned at %.0f/s, %s%s%n", label, result.planned(),
                perSecond == 0 ? "due at once" : "due " + perSecond + "/s", result.sent(), seconds,
                result.perSecond(), result.lagMs() == null ? Double.NaN : result.lagMs().median(),
                result.lagMs() == null ? Double.NaN : result.lagMs().percentile(99), appointments, planningRate,
                plannedAhead >= 0 ? String.format(Locale.ROOT, "%.1f s before the first due time", plannedAhead)
                        : String.format(Locale.ROOT, "%.1f s AFTER the first due time (lag includes planning)",
                        -plannedAhead),
                result.sent() < result.planned() ? "; " + (result.planned() - result.sent()) + " NOT SENT (a reminder"
                        + " planned after its due time is skipped)" : "");
        return result;
    }

    private Future<RecordMetadata> send(String topic, String type, String subject, String clinicId, Object payload) {
        Envelope envelope = Envelope.of(type, "/benchmark", Instant.now(), subject, clinicId, 1);
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, subject,
                Api.JSON.writeValueAsString(payload));
        envelope.headers().forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return producer.send(record);
    }

    private static void flush(List<Future<RecordMetadata>> sends) throws Exception {
        for (Future<RecordMetadata> send : sends) {
            try {
                send.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("could not publish", e.getCause());
            }
        }
        sends.clear();
    }

    /**
     * Waits until every consumer group reading the topics whose id starts with {@code groupPrefix} ("" for all) has
     * committed their end offsets (an assigned partition without a commit counts from 0: the topics are this stack's
     * own).
     */
    void awaitConsumed(Set<String> topics, String groupPrefix, Instant deadline) throws Exception {
        while (lag(topics, groupPrefix) > 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the consumers of " + topics + " did not catch up in time");
            }
            Thread.sleep(100);
        }
    }

    private long lag(Set<String> topics, String groupPrefix) throws Exception {
        List<String> groups = admin.listConsumerGroups().all().get().stream().map(ConsumerGroupListing::groupId)
                .filter(group -> group.startsWith(groupPrefix)).toList();
        long lag = 0;
        for (ConsumerGroupDescription group : admin.describeConsumerGroups(groups).all().get().values()) {
            List<TopicPartition> assigned = group.members().stream()
                    .flatMap(member -> member.assignment().topicPartitions().stream())
                    .filter(partition -> topics.contains(partition.topic())).toList();
            if (assigned.isEmpty()) {
                continue;
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            assigned.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            for (TopicPartition partition : assigned) {
                OffsetAndMetadata commit = committed.get(partition);
                lag += ends.get(partition).offset() - (commit == null ? 0 : commit.offset());
            }
        }
        return lag;
    }

    /** {@code Name <a@b>} or {@code a@b} → {@code a@b}. */
    private static String address(String to) {
        if (to == null) {
            return "";
        }
        int open = to.indexOf('<');
        int close = to.indexOf('>', open + 1);
        return (open >= 0 && close > open ? to.substring(open + 1, close) : to).trim().toLowerCase(Locale.ROOT);
    }

    /** A distinct valid North American number per phase and patient (+1 587 7pp xxxx...). */
    private static String phone(int phase, int i) {
        return String.format(Locale.ROOT, "+1587%d%06d", 2 + phase % 8, i);
    }

    @Override
    public void close() {
        producer.close();
        admin.close();
    }
}
