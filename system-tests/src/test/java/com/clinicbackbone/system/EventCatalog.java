package com.clinicbackbone.system;

import com.clinicbackbone.events.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * What travels over Kafka, read from the code rather than written down twice: every event record of clinic-events
 * (a record with a {@code TYPE} constant, its CloudEvents type), the topic it goes on (by its type's name), who
 * publishes each topic, and who consumes it (the Spring Cloud Stream bindings in the services' application.yml).
 */
final class EventCatalog {

    /** A topic: its name, what its record key is, who publishes it, who consumes it. */
    record Topic(String name, String key, String publisher, Set<Consumer> consumers, String description) {
    }

    /** A consumer binding: the service, its group (empty: an anonymous group per instance), its dead-letter topic. */
    record Consumer(String service, String group, String deadLetterTopic) implements Comparable<Consumer> {

        @Override
        public int compareTo(Consumer other) {
            return (service + " " + group).compareTo(other.service + " " + other.group);
        }
    }

    record Event(String type, Class<?> record, Topic topic) {
    }

    /** Which topic an event type goes on, by the type's prefix (the longest that matches). */
    private static final Map<String, String> TOPIC_OF_TYPE = Map.of(
            "clinic.appointment.", Topics.APPOINTMENTS,
            "clinic.course.", Topics.COURSES,
            "clinic.waitlist.", Topics.WAITLIST,
            "clinic.recall.", Topics.RECALLS,
            "clinic.patient.", Topics.PATIENTS,
            "clinic.patient.contact.", Topics.PATIENT_CONTACTS,
            "clinic.notification.", Topics.NOTIFICATIONS);
    private static final List<String> SERVICES = List.of("booking-service", "patient-service",
            "notification-service", "clinic-web");

    private final Map<String, Topic> topics = new TreeMap<>();
    private final List<Event> events = new ArrayList<>();

    EventCatalog(Path root) {
        Map<String, Set<Consumer>> consumers = consumers(root);
        topic(Topics.APPOINTMENTS, "the appointment id", "booking-service", consumers, """
                The appointment lifecycle: ids, times and status only (no names, no reasons).""");
        topic(Topics.COURSES, "the course id", "booking-service", consumers, """
                Treatment courses: planned, a session moved, cancelled; ids only. Each session's own appointment \
                events go on clinic.appointments.v1.""");
        topic(Topics.WAITLIST, "the waitlist entry id", "booking-service", consumers, """
                Waitlist offers of freed time and how they ended; ids and times only.""");
        topic(Topics.RECALLS, "the recall id", "booking-service", consumers, """
                Recalls of unfinished treatment: opened, closed; ids only.""");
        topic(Topics.PATIENTS, "the patient id", "patient-service", consumers, """
                The patient registry: registered, linked to a clinic, merged, erased; ids only.""");
        topic(Topics.PATIENT_CONTACTS, "the patient id", "patient-service", consumers, """
                The contact directory, compacted: the latest contact record per patient; a tombstone (null value) \
                erases it. The only topic that carries contact details.""");
        topic(Topics.NOTIFICATIONS, "the notification id (failed deliveries), the patient id (SMS replies and "
                + "undeliverable offers)", "notification-service", consumers, """
                Delivery outcomes worth acting on (ids and codes only) and the patients' SMS replies.""");
        for (Class<?> type : eventRecords()) {
            String name = typeOf(type);
            String topic = TOPIC_OF_TYPE.entrySet().stream().filter(entry -> name.startsWith(entry.getKey()))
                    .max((a, b) -> Integer.compare(a.getKey().length(), b.getKey().length()))
                    .map(Map.Entry::getValue)
                    .orElseThrow(() -> new IllegalStateException("no topic for event type " + name));
            events.add(new Event(name, type, topics.get(topic)));
        }
        events.sort((a, b) -> a.type().compareTo(b.type()));
    }

    Map<String, Topic> topics() {
        return Collections.unmodifiableMap(topics);
    }

    List<Event> events() {
        return List.copyOf(events);
    }

    private void topic(String name, String key, String publisher, Map<String, Set<Consumer>> consumers,
                       String description) {
        topics.put(name, new Topic(name, key, publisher, consumers.getOrDefault(name, Set.of()), description));
    }

    /** Topic to its consumer bindings, from every service's Spring Cloud Stream configuration. */
    private static Map<String, Set<Consumer>> consumers(Path root) {
        Map<String, Set<Consumer>> consumers = new TreeMap<>();
        YAMLMapper yaml = YAMLMapper.builder().build();
        for (String service : SERVICES) {
            JsonNode stream;
            try {
                stream = yaml.readTree(Files.readString(root.resolve(service)
                        .resolve("src/main/resources/application.yml"))).path("spring").path("cloud").path("stream");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            stream.path("bindings").properties().forEach(binding -> {
                if (!binding.getKey().contains("-in-")) {
                    return;
                }
                JsonNode kafka = stream.path("kafka").path("bindings").path(binding.getKey()).path("consumer");
                Consumer consumer = new Consumer(service, binding.getValue().path("group").asString(""),
                        kafka.path("enable-dlq").asBoolean(false) ? kafka.path("dlq-name").asString("") : "");
                for (String destination : binding.getValue().path("destination").asString("").split(",")) {
                    if (!destination.isBlank()) {
                        consumers.computeIfAbsent(destination.strip(), topic -> new TreeSet<>()).add(consumer);
                    }
                }
            });
        }
        return consumers;
    }

    /** The records of the clinic-events package with a {@code public static final String TYPE}. */
    private static List<Class<?>> eventRecords() {
        List<Class<?>> records = new ArrayList<>();
        for (String className : classesOf(Topics.class)) {
            try {
                Class<?> type = Class.forName(className);
                if (type.isRecord() && typeOf(type) != null) {
                    records.add(type);
                }
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return records;
    }

    static String typeOf(Class<?> record) {
        try {
            Field field = record.getField("TYPE");
            return Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
                    ? (String) field.get(null) : null;
        } catch (NoSuchFieldException e) {
            return null;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The top-level classes of the package of {@code anchor}, from its directory or its jar. */
    private static List<String> classesOf(Class<?> anchor) {
        String packagePath = anchor.getPackageName().replace('.', '/');
        URL url = anchor.getResource(anchor.getSimpleName() + ".class");
        List<String> names = new ArrayList<>();
        try {
            if ("jar".equals(url.getProtocol())) {
                try (JarFile jar = ((JarURLConnection) url.openConnection()).getJarFile()) {
                    jar.stream().map(entry -> entry.getName())
                            .filter(name -> name.startsWith(packagePath + "/") && name.endsWith(".class"))
                            .filter(name -> name.indexOf('/', packagePath.length() + 1) < 0)
                            .forEach(name -> names.add(name.replace('/', '.').replace(".class", "")));
                }
            } else {
                try (Stream<Path> files = Files.list(Path.of(url.toURI()).getParent())) {
                    files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".class"))
                            .forEach(name -> names.add(anchor.getPackageName() + "." + name.replace(".class", "")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        names.removeIf(name -> name.contains("$"));
        names.sort(String::compareTo);
        return names;
    }
}
