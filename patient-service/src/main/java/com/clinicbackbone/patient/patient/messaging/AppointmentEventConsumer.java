package com.clinicbackbone.patient.patient.messaging;

import com.clinicbackbone.events.AppointmentBooked;
import com.clinicbackbone.events.AppointmentCancelled;
import com.clinicbackbone.events.AppointmentCheckedIn;
import com.clinicbackbone.events.AppointmentCompleted;
import com.clinicbackbone.events.AppointmentConfirmed;
import com.clinicbackbone.events.AppointmentNoShow;
import com.clinicbackbone.events.AppointmentRescheduled;
import com.clinicbackbone.events.Envelope;
import com.clinicbackbone.messaging.InboundEvents;
import com.clinicbackbone.messaging.MalformedEventException;
import com.clinicbackbone.patient.patient.PatientRegistry;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Binding {@code onAppointmentEvent-in-0}: {@code clinic.appointments.v1} → the practitioner–patient pairs
 * ({@link PatientRegistry#recordAppointment}). Every appointment event counts, whatever it says happened: the pairs
 * only grow, so the order and repetition of events do not matter and no revision needs comparing. Other event
 * types are ignored; an event without its ids goes to the dead-letter topic.
 */
@Component("onAppointmentEvent")
class AppointmentEventConsumer implements Consumer<Message<byte[]>> {

    static final Set<String> TYPES = Set.of(AppointmentBooked.TYPE, AppointmentCancelled.TYPE,
            AppointmentRescheduled.TYPE, AppointmentConfirmed.TYPE, AppointmentCheckedIn.TYPE,
            AppointmentCompleted.TYPE, AppointmentNoShow.TYPE);

    private static final Logger log = LoggerFactory.getLogger(AppointmentEventConsumer.class);

    private final JsonMapper json;
    private final PatientRegistry registry;

    AppointmentEventConsumer(JsonMapper json, PatientRegistry registry) {
        this.json = json;
        this.registry = registry;
    }

    @Override
    public void accept(Message<byte[]> message) {
        Envelope envelope = InboundEvents.envelope(message);
        if (!TYPES.contains(envelope.type())) {
            log.debug("Ignoring event type {} ({})", envelope.type(), envelope.id());
            return;
        }
        AppointmentPayload event = payload(envelope, message);
        registry.recordAppointment(event.practitionerId(), event.patientId());
        log.debug("Appointment {}: practitioner {} has patient {}", event.appointmentId(), event.practitionerId(),
                event.patientId());
    }

    private AppointmentPayload payload(Envelope envelope, Message<byte[]> message) {
        AppointmentPayload event;
        try {
            event = json.readValue(message.getPayload(), AppointmentPayload.class);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new MalformedEventException("event " + envelope.id() + " has no readable JSON payload", e);
        }
        if (event == null || !envelope.subject().equals(event.appointmentId()) || blank(event.practitionerId())
                || blank(event.patientId())) {
            throw new MalformedEventException("event " + envelope.id()
                    + " needs an appointmentId matching its subject, a practitionerId and a patientId");
        }
        return event;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** The fields of every appointment event this service reads. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record AppointmentPayload(String appointmentId, String practitionerId, String patientId) {
    }
}
