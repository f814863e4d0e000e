package com.clinicbackbone.console.bookings.messaging;

import com.clinicbackbone.console.ConsoleProperties;
import com.clinicbackbone.console.bookings.Bookings;
import com.clinicbackbone.events.AppointmentBooked;
import com.clinicbackbone.events.EventHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Counts bookings from {@code clinic.appointments.v1}: every AppointmentBooked by its clinic (ce_clinicid) and the
 * clinic-local day of its time (ce_time); only the envelope is read, never the payload.
 */
@Component
class AppointmentBookedListener {

    private final Bookings bookings;
    private final ConsoleProperties properties;

    AppointmentBookedListener(Bookings bookings, ConsoleProperties properties) {
        this.bookings = bookings;
        this.properties = properties;
    }

    @KafkaListener(id = "bookings", topics = "${console.appointments-topic}",
            groupId = "${spring.kafka.consumer.group-id:operator-console}")
    void onAppointmentEvent(ConsumerRecord<byte[], byte[]> record) {
        String type = header(record, EventHeaders.TYPE);
        String appointmentId = header(record, EventHeaders.SUBJECT);
        String clinicId = header(record, EventHeaders.CLINIC_ID);
        String time = header(record, EventHeaders.TIME);
        if (!AppointmentBooked.TYPE.equals(type) || appointmentId == null || clinicId == null || time == null) {
            return;
        }
        try {
            bookings.recordBooked(appointmentId, clinicId,
                    Instant.parse(time).atZone(properties.zone()).toLocalDate());
        } catch (DateTimeParseException e) {
            // not countable; the services' own consumers deal with malformed events
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
