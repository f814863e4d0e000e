package com.clinicbackbone.booking.appointment.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.clinicbackbone.booking.appointment.Appointment;
import com.clinicbackbone.booking.appointment.AppointmentStateException;
import com.clinicbackbone.booking.appointment.AppointmentStatus;
import com.clinicbackbone.booking.appointment.Appointments;
import com.clinicbackbone.events.AppointmentBooked;
import com.clinicbackbone.events.AppointmentCancelled;
import com.clinicbackbone.events.AppointmentCheckedIn;
import com.clinicbackbone.events.AppointmentCompleted;
import com.clinicbackbone.events.AppointmentConfirmed;
import com.clinicbackbone.events.AppointmentNoShow;
import com.clinicbackbone.events.AppointmentRescheduled;
import com.clinicbackbone.events.Envelope;
import com.clinicbackbone.events.Topics;
import com.clinicbackbone.messaging.Outbox;
import com.clinicbackbone.messaging.OutboxEntry;
import com.clinicbackbone.messaging.OutboxRelay;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
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
    private static final Map<Class<?>, String> TYPES = Map.of(
            AppointmentBooked.class, AppointmentBooked.TYPE,
            AppointmentConfirmed.class, AppointmentConfirmed.TYPE,
            AppointmentCheckedIn.class, AppointmentCheckedIn.TYPE,
            AppointmentCompleted.class, AppointmentCompleted.TYPE,
            AppointmentNoShow.class, AppointmentNoShow.TYPE,
            AppointmentCancelled.class, AppointmentCancelled.TYPE,
            AppointmentRescheduled.class, AppointmentRescheduled.TYPE);

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
                .set("start", appointment.start())
                .set("end", appointment.end())
                .set("status", appointment.status())
                .set("revision", appointment.revision())
                .set("cancelledAt", appointment.cancelledAt())
                .set("cancellationReason", appointment.cancellationReason())
                .set("cancelledBy", appointment.cancelledBy())
                .set("late", appointment.late())
                .set("resourceId", appointment.resourceId())
                .unset("cancellationRequested")
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
    public boolean flagCancellationRequested(String id) {
        return mongo.updateFirst(query(where("_id").is(id)
                        .and("status").in(AppointmentStatus.BOOKED.name(), AppointmentStatus.CONFIRMED.name())),
                new Update().set("cancellationRequested", true), AppointmentDocument.class).getMatchedCount() > 0;
    }

    @Override
    public List<Appointment> atClinic(String clinicId, Instant from, Instant to) {
        return day(where("clinicId").is(clinicId), from, to);
    }

    @Override
    public List<Appointment> ofPractitioner(String practitionerId, Instant from, Instant to) {
        return day(where("practitionerId").is(practitionerId), from, to);
    }

    @Override
    public List<Appointment> ofPatient(String patientId, Instant from, Instant to) {
        return day(where("patientId").is(patientId), from, to);
    }

    private List<Appointment> day(Criteria owner, Instant from, Instant to) {
        var query = query(owner.and("start").gte(from).lt(to)).with(Sort.by("start", "_id"));
        query.fields().exclude(Outbox.ENTRIES);
        return mongo.find(query, AppointmentDocument.class).stream().map(AppointmentDocument::toAppointment).toList();
    }

    @Override
    public int erasePersonalDataOf(String patientId) {
        var result = mongo.updateMulti(query(where("patientId").is(patientId).and("cancellationReason").ne(null)),
                new Update().unset("cancellationReason"), AppointmentDocument.class);
        return (int) result.getModifiedCount();
    }

    private void stored(Appointment appointment) {
        appointment.clearEvents();
        relay.nudge(COLLECTION, appointment.id());
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
        String type = TYPES.get(event.getClass());
        if (type == null) {
            throw new IllegalArgumentException("Not an appointment event: " + event.getClass().getName());
        }
        return type;
    }
}
