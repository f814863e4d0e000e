package com.clinicbackbone.booking.recall.messaging;

import com.clinicbackbone.booking.recall.RecallService;
import com.clinicbackbone.booking.recall.Visit;
import com.clinicbackbone.events.AppointmentBooked;
import com.clinicbackbone.events.AppointmentCancelled;
import com.clinicbackbone.events.AppointmentCompleted;
import com.clinicbackbone.events.AppointmentNoShow;
import com.clinicbackbone.events.CourseCancelled;
import com.clinicbackbone.events.CoursePlanned;
import com.clinicbackbone.events.Envelope;
import com.clinicbackbone.events.PatientErased;
import com.clinicbackbone.messaging.InboundEvents;
import com.clinicbackbone.messaging.MalformedEventException;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Binding {@code onRecallEvent-in-0} (group {@code booking-service-recall}): booking-service's own
 * {@code clinic.appointments.v1} (booked, cancelled, no-show, completed) and {@code clinic.courses.v1} (planned,
 * cancelled), and {@code clinic.patients.v1} (erased) → the recalls ({@link RecallService}). Every change is
 * idempotent (recall ids come from the facts that open them), so a redelivery changes nothing.
 */
@Component("onRecallEvent")
class RecallEventConsumer implements Consumer<Message<byte[]>> {

    private static final Logger log = LoggerFactory.getLogger(RecallEventConsumer.class);

    private final JsonMapper json;
    private final RecallService recalls;

    RecallEventConsumer(JsonMapper json, RecallService recalls) {
        this.json = json;
        this.recalls = recalls;
    }

    @Override
    public void accept(Message<byte[]> message) {
        Envelope envelope = InboundEvents.envelope(message);
        switch (envelope.type()) {
            case AppointmentBooked.TYPE -> recalls.booked(visit(envelope, message));
            case AppointmentCancelled.TYPE -> recalls.cancelled(visit(envelope, message));
            case AppointmentNoShow.TYPE -> recalls.missed(visit(envelope, message));
            case AppointmentCompleted.TYPE -> recalls.completed(visit(envelope, message));
            case CoursePlanned.TYPE -> {
                Payload course = read(envelope, message);
                if (course.courseId() == null || course.patientId() == null || course.appointmentIds() == null) {
                    throw new MalformedEventException("event " + envelope.id()
                            + " lacks courseId, patientId or appointmentIds");
                }
                recalls.coursePlanned(course.courseId(), course.patientId(), course.appointmentIds());
            }
            case CourseCancelled.TYPE -> {
                Payload course = read(envelope, message);
                if (course.courseId() == null) {
                    throw new MalformedEventException("event " + envelope.id() + " lacks courseId");
                }
                recalls.courseCancelled(course.courseId());
            }
            case PatientErased.TYPE -> {
                Payload patient = read(envelope, message);
                if (patient.patientId() == null) {
                    throw new MalformedEventException("event " + envelope.id() + " lacks patientId");
                }
                recalls.patientErased(patient.patientId());
            }
            default -> log.debug("Ignoring event type {} ({})", envelope.type(), envelope.id());
        }
    }

    private Visit visit(Envelope envelope, Message<byte[]> message) {
        Payload event = read(envelope, message);
        if (event.appointmentId() == null || event.patientId() == null || event.clinicId() == null
                || event.serviceId() == null) {
            throw new MalformedEventException("event " + envelope.id()
                    + " lacks appointmentId, patientId, clinicId or serviceId");
        }
        return new Visit(event.appointmentId(), event.patientId(), event.clinicId(), event.serviceId(),
                event.practitionerId());
    }

    private Payload read(Envelope envelope, Message<byte[]> message) {
        try {
            Payload event = json.readValue(message.getPayload(), Payload.class);
            if (event == null) {
                throw new MalformedEventException("event " + envelope.id() + " has no payload");
            }
            return event;
        } catch (JacksonException e) {
            throw new MalformedEventException("event " + envelope.id() + " has no readable JSON payload", e);
        }
    }

    /** The fields of the appointment, course and patient events the recalls read. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Payload(String appointmentId, String courseId, String patientId, String clinicId, String serviceId,
                   String practitionerId, List<String> appointmentIds) {
    }
}
