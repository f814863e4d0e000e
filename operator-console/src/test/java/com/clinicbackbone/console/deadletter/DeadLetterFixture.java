package com.clinicbackbone.console.deadletter;

import com.clinicbackbone.console.deadletter.DeadLetter.Header;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds dead letters as the Kafka binder writes them. */
public final class DeadLetterFixture {

    public static final String DLQ = "clinic.appointments.v1.notification-service.dlq";

    private long offset = 0;
    private String payload = """
            {"appointmentId":"a-1","clinicId":"running-shoe","patientId":"p-1","start":"2026-12-01T16:00:00Z",
             "givenName":"Chloe","email":"chloe.martin@example.org","phone":"+14035550142","status":"BOOKED"}""";
    private final List<Header> headers = new ArrayList<>(List.of(
            text("ce_id", "e-1"), text("ce_type", "clinic.appointment.booked.v1"), text("ce_subject", "a-1"),
            text("ce_clinicid", "running-shoe"), text("content-type", "application/json"),
            text(DeadLetter.ORIGINAL_TOPIC, "clinic.appointments.v1"),
            new Header("x-original-partition", ByteBuffer.allocate(4).putInt(2).array()),
            new Header("x-original-offset", ByteBuffer.allocate(8).putLong(41).array()),
            text(DeadLetter.EXCEPTION_FQCN, "org.springframework.dao.DataAccessResourceFailureException"),
            text(DeadLetter.EXCEPTION_MESSAGE, "Timed out while waiting for a server"),
            text(DeadLetter.EXCEPTION_STACKTRACE, "at ... Chloe Martin ...")));

    public static DeadLetterFixture deadLetter() {
        return new DeadLetterFixture();
    }

    public DeadLetterFixture atOffset(long offset) {
        this.offset = offset;
        return this;
    }

    public DeadLetterFixture withPayload(String payload) {
        this.payload = payload;
        return this;
    }

    public DeadLetterFixture withoutHeader(String name) {
        headers.removeIf(header -> header.name().equals(name));
        return this;
    }

    public DeadLetter build() {
        return DeadLetter.received(DLQ, 0, offset, "a-1".getBytes(StandardCharsets.UTF_8), headers,
                payload == null ? null : payload.getBytes(StandardCharsets.UTF_8), Instant.parse("2026-11-25T20:00:00Z"));
    }

    private static Header text(String name, String value) {
        return new Header(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
