package com.clinicbackbone.benchmark;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./benchmark.sh --reminders}: reminders sent per second by one and by two notification-service instances
 * to the local SMTP catcher and SMS sink, and the lag between a reminder's due time and the moment the sink received
 * it, median and p99. For each configuration (one instance, then two) two phases run on fresh reminders made through
 * the service's own planning (see {@link ReminderLoad}):
 * <ol>
 *   <li>burst: {@code --count} reminders all due at the same moment: sent per second is the capacity;</li>
 *   <li>paced: {@code --count} reminders due {@code --rate} per second: the lag figures are meaningful when the
 *       capacity is above the rate (otherwise the lag grows with the backlog, as it would in production).</li>
 * </ol>
 */
final class Reminders {

    record Options(int count, int rate, int threads, boolean keepData, String mongoUri) {

        static Options parse(String... args) {
            Map<String, String> values = new HashMap<>();
            boolean keep = false;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--keep-data")) {
                    keep = true;
                } else if (arg.equals("--reminders")) {
                    continue;
                } else if (arg.equals("--mongo-uri") && i + 1 < args.length) {
                    values.put("mongo-uri", args[++i]);
                } else if (arg.startsWith("--") && arg.contains("=")) {
                    values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
                } else {
                    throw new IllegalArgumentException("unknown argument " + arg);
                }
            }
            String mongoUri = Stack.checkedExternalMongo(values.remove("mongo-uri"));
            Options options = new Options(number(values, "count", 4000), number(values, "rate", 2000),
                    number(values, "threads", 4), keep, mongoUri);
            if (!values.isEmpty()) {
                throw new IllegalArgumentException("unknown option --" + values.keySet().iterator().next());
            }
            return options;
        }

        private static int number(Map<String, String> values, String name, int otherwise) {
            String value = values.remove(name);
            return value == null ? otherwise : Integer.parseInt(value);
        }
    }

    private final Options options;
    private final PrintStream out;

    Reminders(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(Benchmark.Options.USAGE);
            System.exit(2);
            return;
        }
        new Reminders(options, System.out).run();
        System.exit(0);
    }

    void run() throws Exception {
        Path home = Benchmark.homeFolder();
        out.printf(Locale.ROOT, "Clinic Backbone reminder benchmark: %d cores (load average %.1f), %s %s, %s %s;"
                        + " %d reminders per phase, paced at %d/s, %d dispatcher threads per instance; MongoDB: %s;"
                        + " service JVM options: %s%n",
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                System.getProperty("os.name"), System.getProperty("os.arch"), options.count(), options.rate(),
                options.threads(), options.mongoUri() == null ? "embedded MongoDB-wire server (H2 file)"
                        : "--mongo-uri", String.join(" ", ServiceJvm.productionOptions("notification-service")));
        try (Stack stack = Stack.start(home.resolve("services"), home.resolve("lib"), null,
                out, options.keepData(), options.mongoUri())) {
            Benchmark.createTopics(stack.kafkaBootstrap());
            stack.startNotificationInstance("reminders-1", options.threads());
            out.println("  notification-service instance 1 healthy");
            Duration giveUp = Duration.ofMinutes(10);
            try (ReminderLoad load = new ReminderLoad(stack, out)) {
                load.setPolicy(Api.signIn(stack.issuer(), Benchmark.DESK), stack.notificationPorts().get(0));
                load.run("1 instance, warm-up", Math.min(200, options.count() / 4), 0, giveUp);
                load.run("1 instance, burst", options.count(), 0, giveUp);
                load.run("1 instance, paced", options.count(), options.rate(), giveUp);
                stack.startNotificationInstance("reminders-2", options.threads());
                out.println("  notification-service instance 2 healthy");
                ReminderLoad.Phase burst = load.run("2 instances, burst", options.count(), 0, giveUp);
                ReminderLoad.Phase paced = load.run("2 instances, paced", options.count(), options.rate(), giveUp);
                boolean met = burst.perSecond() >= 1000 && paced.lagMs() != null
                        && paced.lagMs().percentile(99) < 2000;
                out.printf(Locale.ROOT, "target (two instances >= 1,000/s with p99 lag < 2 s): %s%n",
                        met ? "met" : "missed");
            }
            out.printf(Locale.ROOT, "sinks: %d SMS and %d emails captured%n", stack.sms().sms().size(),
                    stack.sms().mail().size());
        }
    }
}
