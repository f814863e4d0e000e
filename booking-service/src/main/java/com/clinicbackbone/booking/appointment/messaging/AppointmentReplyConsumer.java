package com.clinicbackbone.booking.appointment.messaging;

import com.clinicbackbone.booking.appointment.AppointmentService;
import com.clinicbackbone.events.AppointmentReplyReceived;
import com.clinicbackbone.events.Envelope;
import com.clinicbackbone.messaging.InboundEvents;
import com.clinicbackbone.messaging.MalformedEventException;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Binding {@code onAppointmentReply-in-0}: {@code clinic.notifications.v1} → the patients' SMS replies about their
 * next appointment ({@link AppointmentReplyReceived}): CONFIRM confirms it, CANCEL cancels it or, inside the late
 * window, flags it for the front desk (see {@link AppointmentService#confirmByReply},
 * {@link AppointmentService#cancelByReply}). Other event types on the topic are ignored; a redelivered reply changes
 * nothing; an event without its ids or with another action goes to the dead-letter topic.
 */
@Component("onAppointmentReply")
class AppointmentReplyConsumer implements Consumer<Message<byte[]>> {

    private static final Logger log = LoggerFactory.getLogger(AppointmentReplyConsumer.class);

    private final JsonMapper json;
    private final AppointmentService appointments;

    AppointmentReplyConsumer(JsonMapper json, AppointmentService appointments) {
        this.json = json;
        this.appointments = appointments;
    }

    @Override
    public void accept(Message<byte[]> message) {
        Envelope envelope = InboundEvents.envelope(message);
        if (!AppointmentReplyReceived.TYPE.equals(envelope.type())) {
            log.debug("Ignoring event type {} ({})", envelope.type(), envelope.id());
            return;
        }
        ReplyPayload reply = payload(envelope, message);
        AppointmentService.ReplyOutcome outcome = AppointmentReplyReceived.CONFIRM.equals(reply.action())
                ? appointments.confirmByReply(reply.appointmentId(), reply.patientId())
                : appointments.cancelByReply(reply.appointmentId(), reply.patientId());
        log.info("SMS reply {} of patient {} about appointment {}: {}", reply.action(), reply.patientId(),
                reply.appointmentId(), outcome);
    }

    private ReplyPayload payload(Envelope envelope, Message<byte[]> message) {
        ReplyPayload reply;
        try {
            reply = json.readValue(message.getPayload(), ReplyPayload.class);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new MalformedEventException("event " + envelope.id() + " has no readable JSON payload", e);
        }
        if (reply == null || !envelope.subject().equals(reply.patientId()) || blank(reply.appointmentId())
                || !(AppointmentReplyReceived.CONFIRM.equals(reply.action())
                || AppointmentReplyReceived.CANCEL.equals(reply.action()))) {
            throw new MalformedEventException("event " + envelope.id()
                    + " needs a patientId matching its subject, an appointmentId and the action CONFIRM or CANCEL");
        }
        return reply;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** The fields of AppointmentReplyReceived this service reads. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ReplyPayload(String appointmentId, String patientId, String action) {
    }
}
