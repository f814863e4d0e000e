package com.clinicbackbone.notification.appointment.messaging;

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
import com.clinicbackbone.notification.appointment.Appointment;
import com.clinicbackbone.notification.appointment.AppointmentStatus;
import com.clinicbackbone.notification.notification.Dispatcher;
import com.clinicbackbone.notification.notification.NotificationPlanner;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Binding {@code onAppointmentEvent-in-0}: {@code clinic.appointments.v1} → the notification planner. Every
 * appointment event updates the projection (time, status, revision); booked, rescheduled and cancelled plan
 * messages, the status changes (confirmed, checked in, completed, no-show) keep or withdraw reminders.
 */
@Component("onAppointmentEvent")
class AppointmentEventConsumer implements Consumer<Message<byte[]>> {

    private static final Logger log = LoggerFactory.getLogger(AppointmentEventConsumer.class);

    private final JsonMapper json;
    private final NotificationPlanner planner;
    private final Dispatcher dispatcher;

    AppointmentEventConsumer(JsonMapper json, NotificationPlanner planner, Dispatcher dispatcher) {
        this.json = json;
        this.planner = planner;
        this.dispatcher = dispatcher;
    }

    @Override
    public void accept(Message<byte[]> message) {
        Envelope envelope = InboundEvents.envelope(message);
        boolean applied = switch (envelope.type()) {
            case AppointmentBooked.TYPE -> planner.booked(appointment(envelope, message, AppointmentStatus.BOOKED));
            case AppointmentRescheduled.TYPE -> planner.rescheduled(appointment(envelope, message, null));
            case AppointmentCancelled.TYPE ->
                    planner.cancelled(appointment(envelope, message, AppointmentStatus.CANCELLED));
            case AppointmentConfirmed.TYPE ->
                    planner.statusChanged(appointment(envelope, message, AppointmentStatus.CONFIRMED));
            case AppointmentCheckedIn.TYPE ->
                    planner.statusChanged(appointment(envelope, message, AppointmentStatus.CHECKED_IN));
            case AppointmentCompleted.TYPE ->
                    planner.statusChanged(appointment(envelope, message, AppointmentStatus.COMPLETED));
            case AppointmentNoShow.TYPE ->
                    planner.statusChanged(appointment(envelope, message, AppointmentStatus.NO_SHOW));
            default -> {
                log.debug("Ignoring event type {} ({})", envelope.type(), envelope.id());
                yield false;
            }
        };
        if (applied) {
            dispatcher.wake();
        } else {
            log.debug("Event {} for appointment {} (revision {}) changed nothing", envelope.id(),
                    envelope.subject(), envelope.revision());
        }
    }

    /**
     * The appointment the event describes; {@code status} null for a move, which keeps the status its payload
     * gives when the visit is still to come (confirmed or booked), booked otherwise.
     */
    private Appointment appointment(Envelope envelope, Message<byte[]> message, AppointmentStatus status) {
        AppointmentPayload event;
        try {
            event = json.readValue(message.getPayload(), AppointmentPayload.class);
        } catch (JacksonException e) {
            throw new MalformedEventException("event " + envelope.id() + " has no readable JSON payload", e);
        }
        if (event == null || event.appointmentId() == null || event.clinicId() == null || event.patientId() == null
                || event.start() == null || event.end() == null) {
            throw new MalformedEventException("event " + envelope.id()
                    + " lacks appointmentId, clinicId, patientId, start or end");
        }
        AppointmentStatus effective = status != null ? status
                : AppointmentStatus.CONFIRMED.name().equals(event.status()) ? AppointmentStatus.CONFIRMED
                : AppointmentStatus.BOOKED;
        return new Appointment(event.appointmentId(), event.clinicId(), event.practitionerId(), event.patientId(),
                event.start(), event.end(), effective, envelope.revision(), event.serviceId());
    }

    /** The fields of the appointment events this service reads (all of them carry these). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record AppointmentPayload(String appointmentId, String clinicId, String serviceId, String practitionerId,
                              String patientId, Instant start, Instant end, String status) {
    }
}
