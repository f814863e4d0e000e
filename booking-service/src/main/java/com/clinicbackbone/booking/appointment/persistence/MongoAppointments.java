package com.clinicbackbone.booking.appointment.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.clinicbackbone.booking.appointment.Appointment;
import com.clinicbackbone.booking.appointment.AppointmentStateException;
import com.clinicbackbone.booking.appointment.Appointments;
import com.clinicbackbone.events.AppointmentBooked;
import com.clinicbackbone.events.AppointmentCancelled;
import com.clinicbackbone.events.Envelope;
import com.clinicbackbone.events.Topics;
import com.clinicbackbone.messaging.Outbox;
import com.clinicbackbone.messaging.OutboxEntry;
import com.clinicbackbone.messaging.OutboxRelay;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appointments in collection {@code appointments}. Each write stores the change and its events (as outbox
 * entries) in one single-document operation, then wakes the relay that publishes them.
 */
@Repository
class MongoAppointments implements Appointments {

    static final String COLLECTION = "appointments";
    static final String SOURCE = "/booking-service";

    private final MongoTemplate mongo;
    private final JsonMapper json;
    private final OutboxRelay relay;
    private final Clock clock;

    MongoAppointments(MongoTemplate mongo, JsonMapper json, OutboxRelay relay, Clock clock) {
        this.mongo = mongo;
        this.json = json;
        this.relay = relay;
        this.clock = clock;
    }

    @Override
    public Optional<Appointment> find(String id) {
        return Optional.ofNullable(mongo.findById(id, AppointmentDocument.class))
                .map(AppointmentDocument::toAppointment);
    }

    @Override
    public void add(Appointment appointment) {
        mongo.insert(AppointmentDocument.of(appointment, outboxEntries(appointment)));
        stored(appointment);
    }

    @Override
    public void update(Appointment appointment) {
        // every change raises the revision by one and registers one event
        long loadedRevision = appointment.revision() - appointment.events().size();
        Update update = new Update()
                .set("status", appointment.status())
                .set("revision", appointment.revision())
                .set("cancelledAt", appointment.cancelledAt())
                .set("cancellationReason", appointment.cancellationReason())
                .push(Outbox.ENTRIES).each(outboxEntries(appointment).toArray())
                .set(Outbox.PENDING, true);
        var result = mongo.updateFirst(query(where("_id").is(appointment.id()).and("revision").is(loadedRevision)),
                update, AppointmentDocument.class);
        if (result.getMatchedCount() == 0) {
            throw new AppointmentStateException("Appointment " + appointment.id()
                    + " was changed by another request meanwhile; reload it and try again");
        }
        stored(appointment);
    }

    @Override
    public int erasePersonalDataOf(String patientId) {
        var result = mongo.updateMulti(query(where("patientId").is(patientId).and("cancellationReason").ne(null)),
                new Update().unset("cancellationReason"), AppointmentDocument.class);
        return (int) result.getModifiedCount();
    }

    private void stored(Appointment appointment) {
        appointment.clearEvents();
        relay.nudge();
    }

    private List<OutboxEntry> outboxEntries(Appointment appointment) {
        List<Object> events = appointment.events();
        long firstRevision = appointment.revision() - events.size() + 1;
        Instant now = clock.instant();
        List<OutboxEntry> entries = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            Object event = events.get(i);
            Envelope envelope = Envelope.of(typeOf(event), SOURCE, now, appointment.id(), appointment.clinicId(),
                    firstRevision + i);
            entries.add(OutboxEntry.of(Topics.APPOINTMENTS, envelope, json.writeValueAsString(event)));
        }
        return entries;
    }

    private static String typeOf(Object event) {
        if (event instanceof AppointmentBooked) {
            return AppointmentBooked.TYPE;
        }
        if (event instanceof AppointmentCancelled) {
            return AppointmentCancelled.TYPE;
        }
        throw new IllegalArgumentException("Not an appointment event: " + event.getClass().getName());
    }
}
