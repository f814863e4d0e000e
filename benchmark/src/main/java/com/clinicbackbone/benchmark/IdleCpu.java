package com.clinicbackbone.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU used by processes over a span, from {@code /proc/<pid>/stat} (utime + stime, all threads), in percent of one
 * core. Linux only; elsewhere every process reads as unknown.
 */
final class IdleCpu {

    /** Clock ticks per second of {@code /proc/<pid>/stat} ({@code getconf CLK_TCK}; 100 on every Linux we know). */
    private static final double TICKS_PER_SECOND = ticksPerSecond();

    private IdleCpu() {
    }

    /**
     * Sleeps over {@code span} and answers, per process name, the CPU it used in percent of one core (NaN when it
     * could not be read, e.g. the process ended).
     */
    static Map<String, Double> measure(Map<String, Long> processes, Duration span) throws InterruptedException {
        return measure(processes, span, new LinkedHashMap<>());
    }

    /**
     * Like {@link #measure(Map, Duration)}; also fills {@code ownThreads} with this JVM's CPU per thread group
     * (thread names with their numbers dropped), percent of one core, the busiest first.
     */
    static Map<String, Double> measure(Map<String, Long> processes, Duration span, Map<String, Double> ownThreads)
            throws InterruptedException {
        Map<String, Long> before = new LinkedHashMap<>();
        processes.forEach((name, pid) -> before.put(name, ticks(pid)));
        Map<Long, Long> threadsBefore = threadCpu();
        long start = System.nanoTime();
        Thread.sleep(span.toMillis());
        double seconds = (System.nanoTime() - start) / 1e9;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Double> groups = new HashMap<>();
        threadCpu().forEach((id, nanos) -> {
            ThreadInfo info = threads.getThreadInfo(id);
            if (info != null) {
                String group = info.getThreadName().replaceAll("\\d+", "#");
                groups.merge(group, 100 * (nanos - threadsBefore.getOrDefault(id, 0L)) / 1e9 / seconds, Double::sum);
            }
        });
        groups.entrySet().stream().filter(group -> group.getValue() >= 0.01)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(group -> ownThreads.put(group.getKey(), group.getValue()));
        Map<String, Double> percent = new LinkedHashMap<>();
        processes.forEach((name, pid) -> {
            long after = ticks(pid);
            long first = before.get(name);
            percent.put(name, first < 0 || after < 0 ? Double.NaN
                    : 100 * (after - first) / TICKS_PER_SECOND / seconds);
        });
        return percent;
    }

    private static Map<Long, Long> threadCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long nanos = threads.getThreadCpuTime(id);
            if (nanos >= 0) {
                cpu.put(id, nanos);
            }
        }
        return cpu;
    }

    /** utime + stime of the process in clock ticks, -1 when unreadable. */
    static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // fields after the command name in parentheses (which may hold spaces): state is field 3, utime 14
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static double ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String answer = new String(getconf.getInputStream().readAllBytes()).trim();
            return getconf.waitFor() == 0 ? Double.parseDouble(answer) : 100;
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
