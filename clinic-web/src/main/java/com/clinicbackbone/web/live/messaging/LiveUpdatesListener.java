package com.clinicbackbone.web.live.messaging;

import com.clinicbackbone.events.EventHeaders;
import com.clinicbackbone.web.live.LiveUpdates;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one consumer: appointment events ({@code clinic.appointments.v1}) and the patients' SMS replies
 * ({@code clinic.notifications.v1}), read from their envelope headers only (clinic, subject, type), pushed to the
 * pages open on that clinic. An anonymous consumer group (see application.yml): every instance sees every event,
 * from the newest on; an event missed while no page was open changes nothing (pages load the current state).
 */
@Configuration(proxyBeanMethods = false)
class LiveUpdatesListener {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Bean
    Consumer<Message<byte[]>> showAppointmentChange(LiveUpdates live) {
        return message -> {
            String clinicId = header(message, EventHeaders.CLINIC_ID);
            String subject = header(message, EventHeaders.SUBJECT);
            String type = header(message, EventHeaders.TYPE);
            if (clinicId == null || subject == null || type == null) {
                return;
            }
            String appointmentId = appointmentIdOf(type, subject, message.getPayload());
            if (type.startsWith("clinic.notification.")) {
                live.replyReceived(clinicId, appointmentId, type);
            } else {
                live.appointmentChanged(clinicId, appointmentId, type);
            }
        };
    }

    /** Appointment events are keyed by appointment id; a reply event by patient id, with the appointment inside. */
    private static String appointmentIdOf(String type, String subject, byte[] payload) {
        if (!type.startsWith("clinic.notification.")) {
            return subject;
        }
        try {
            return JSON.readTree(payload).path("appointmentId").asString(subject);
        } catch (RuntimeException e) {
            return subject;
        }
    }

    /** Spring Cloud Function hands the {@code ce_} headers over as {@code ce-}; either, as text. */
    private static String header(Message<?> message, String name) {
        Object value = message.getHeaders().get(name);
        if (value == null && name.startsWith("ce_")) {
            value = message.getHeaders().get("ce-" + name.substring(3));
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value == null ? null : value.toString();
    }
}
