package com.clinicbackbone.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.ListIterator;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Captured mail and SMS, kept in memory and appended to a JSON-lines file (one captured message or status change
 * per line), which is read back on start so the inbox survives a restart.
 */
final class Inbox {

    private static final Logger log = LoggerFactory.getLogger(Inbox.class);
    private static final String KIND = "kind";

    private final JsonMapper json;
    private final Path file;
    private final List<CapturedMail> mail = new ArrayList<>();
    private final List<CapturedSms> sms = new ArrayList<>();

    Inbox(Path file, JsonMapper json) {
        this.file = file.toAbsolutePath();
        this.json = json;
        load();
    }

    synchronized void add(CapturedMail message) {
        mail.add(message);
        append("mail", json.valueToTree(message));
    }

    synchronized void add(CapturedSms message) {
        sms.add(message);
        append("sms", json.valueToTree(message));
    }

    /** Records a new delivery status of an SMS; returns the updated message, if the sid is known. */
    synchronized Optional<CapturedSms> updateStatus(String sid, String status) {
        for (ListIterator<CapturedSms> it = sms.listIterator(); it.hasNext(); ) {
            CapturedSms message = it.next();
            if (message.sid().equals(sid)) {
                CapturedSms updated = message.withStatus(status);
                it.set(updated);
                ObjectNode line = json.createObjectNode();
                line.put("sid", sid);
                line.put("status", status);
                append("sms-status", line);
                return Optional.of(updated);
            }
        }
        return Optional.empty();
    }

    /** Newest first. */
    synchronized List<CapturedMail> mail() {
        List<CapturedMail> copy = new ArrayList<>(mail);
        Collections.reverse(copy);
        return List.copyOf(copy);
    }

    /** Newest first. */
    synchronized List<CapturedSms> sms() {
        List<CapturedSms> copy = new ArrayList<>(sms);
        Collections.reverse(copy);
        return List.copyOf(copy);
    }

    private void append(String kind, JsonNode node) {
        ObjectNode line = json.createObjectNode();
        line.put(KIND, kind);
        line.setAll((ObjectNode) node);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, json.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    private void load() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
        for (String line : lines) {
            if (!line.isBlank()) {
                loadLine(line);
            }
        }
    }

    private void loadLine(String line) {
        try {
            JsonNode node = json.readTree(line);
            String kind = node.path(KIND).asString();
            ((ObjectNode) node).remove(KIND);
            switch (kind) {
                case "mail" -> mail.add(json.treeToValue(node, CapturedMail.class));
                case "sms" -> sms.add(json.treeToValue(node, CapturedSms.class));
                case "sms-status" -> sms.replaceAll(m -> m.sid().equals(node.path("sid").asString())
                        ? m.withStatus(node.path("status").asString()) : m);
                default -> log.warn("Skipping a line of unknown kind in {}", file);
            }
        } catch (JacksonException | ClassCastException e) {
            // a line cut short by a crash: the rest of the file is still good
            log.warn("Skipping an unreadable line in {}", file);
        }
    }
}
