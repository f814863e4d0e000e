package com.clinicbackbone.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The envelope of every event, carried as Kafka headers (see {@link EventHeaders}).
 * The payload is the JSON of the event record; the record key is {@link #subject()}.
 */
public record Envelope(String id, String type, String source, Instant time, String subject,
                       String clinicId, long revision) {

    public Envelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(subject, "subject");
    }

    /** A new envelope with a random id; the time is kept to the millisecond, as MongoDB and the header keep it. */
    public static Envelope of(String type, String source, Instant time, String subject, String clinicId,
                              long revision) {
        return new Envelope(UUID.randomUUID().toString(), type, source, time.truncatedTo(ChronoUnit.MILLIS), subject,
                clinicId, revision);
    }

    /** The envelope as header name/value pairs, in CloudEvents binary-mode names. */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(EventHeaders.SPEC_VERSION, EventHeaders.SPEC_VERSION_VALUE);
        headers.put(EventHeaders.ID, id);
        headers.put(EventHeaders.TYPE, type);
        headers.put(EventHeaders.SOURCE, source);
        headers.put(EventHeaders.TIME, time.toString());
        headers.put(EventHeaders.SUBJECT, subject);
        if (clinicId != null) {
            headers.put(EventHeaders.CLINIC_ID, clinicId);
        }
        headers.put(EventHeaders.REVISION, Long.toString(revision));
        headers.put(EventHeaders.CONTENT_TYPE, EventHeaders.JSON);
        return headers;
    }

    /** Reads an envelope back from header values; {@code header} returns null for a missing header. */
    public static Envelope fromHeaders(java.util.function.Function<String, String> header) {
        String revision = header.apply(EventHeaders.REVISION);
        String time = header.apply(EventHeaders.TIME);
        return new Envelope(header.apply(EventHeaders.ID), header.apply(EventHeaders.TYPE),
                header.apply(EventHeaders.SOURCE), time == null ? null : Instant.parse(time),
                header.apply(EventHeaders.SUBJECT), header.apply(EventHeaders.CLINIC_ID),
                revision == null ? 0 : Long.parseLong(revision));
    }
}
