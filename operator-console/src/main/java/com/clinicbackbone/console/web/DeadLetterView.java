package com.clinicbackbone.console.web;

import com.clinicbackbone.console.deadletter.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** A dead letter as shown (page and API): personal values masked, no stack trace, times in the clinics' zone. */
record DeadLetterView(String id, String topic, int partition, long offset, String originalTopic, String key,
                      String errorType, String errorMessage, String receivedAt, String state, String handledBy,
                      String handledAt, List<HeaderView> headers, String payload) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

    record HeaderView(String name, String value) {
    }

    static DeadLetterView of(DeadLetter d, ZoneId zone) {
        return new DeadLetterView(d.id(), d.topic(), d.partition(), d.offset(), d.originalTopic(),
                d.key() == null ? null : new String(d.key(), StandardCharsets.UTF_8), d.errorType(), d.errorMessage(),
                format(d.receivedAt(), zone), d.state().name(), d.handledBy(), format(d.handledAt(), zone),
                d.headers().stream().map(h -> new HeaderView(h.name(), Masking.header(h))).toList(),
                Masking.payload(d.payload()));
    }


    private static String format(Instant instant, ZoneId zone) {
        return instant == null ? null : TIME.format(instant.atZone(zone));
    }
}
