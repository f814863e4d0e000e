package com.clinicbackbone.console.bookings.persistence;

import com.clinicbackbone.console.bookings.Bookings;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/** Collection {@code booked_appointments}: one document per booked appointment (id = appointment id). */
@Repository
class MongoBookings implements Bookings {

    private final MongoTemplate mongo;

    MongoBookings(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void recordBooked(String appointmentId, String clinicId, LocalDate day) {
        try {
            mongo.insert(new BookedAppointment(appointmentId, clinicId, day.toString()));
        } catch (DuplicateKeyException e) {
            // the same booking read again
        }
    }

    @Override
    public Map<String, Long> bookedOn(LocalDate day, List<String> clinics) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String clinic : clinics) {
            counts.put(clinic, mongo.count(Query.query(Criteria.where("clinicId").is(clinic).and("day")
                    .is(day.toString())), BookedAppointment.class));
        }
        return counts;
    }

    @Document("booked_appointments")
    record BookedAppointment(@Id String id, String clinicId, String day) {
    }
}
