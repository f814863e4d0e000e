package com.clinicbackbone.notification.appointment.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.clinicbackbone.notification.appointment.Appointment;
import com.clinicbackbone.notification.appointment.Appointments;
import com.clinicbackbone.notification.appointment.AppointmentStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/** The appointment projection in the {@code appointments} collection ({@code _id} = appointment id). */
@Repository
class MongoAppointments implements Appointments {

    static final String COLLECTION = "appointments";

    private final MongoOperations mongo;

    MongoAppointments(MongoOperations mongo) {
        this.mongo = mongo;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("patientId", Sort.Direction.ASC));
    }

    @Override
    public Optional<Appointment> find(String appointmentId) {
        return Optional.ofNullable(mongo.findById(appointmentId, Appointment.class, COLLECTION));
    }

    /** One conditional upsert: it matches only a stored revision not newer; otherwise the insert hits the _id. */
    @Override
    public boolean saveIfNotOlder(Appointment appointment) {
        try {
            mongo.upsert(query(where("_id").is(appointment.id()).and("revision").lte(appointment.revision())),
                    new Update()
                            .set("clinicId", appointment.clinicId())
                            .set("practitionerId", appointment.practitionerId())
                            .set("patientId", appointment.patientId())
                            .set("start", Date.from(appointment.start()))
                            .set("end", Date.from(appointment.end()))
                            .set("status", appointment.status().name())
                            .set("revision", appointment.revision())
                            .set("serviceId", appointment.serviceId()),
                    COLLECTION);
            return true;
        } catch (DuplicateKeyException newerStored) {
            return false;
        }
    }

    @Override
    public Optional<Appointment> nextUpcoming(Collection<String> patientIds, Instant now) {
        return Optional.ofNullable(mongo.findOne(query(where("patientId").in(patientIds)
                        .and("status").in(List.of(AppointmentStatus.BOOKED.name(), AppointmentStatus.CONFIRMED.name()))
                        .and("start").gt(Date.from(now))).with(Sort.by("start")).limit(1),
                Appointment.class, COLLECTION));
    }

    @Override
    public void reassignPatient(String fromPatientId, String toPatientId) {
        mongo.updateMulti(query(where("patientId").is(fromPatientId)), new Update().set("patientId", toPatientId),
                COLLECTION);
    }
}
