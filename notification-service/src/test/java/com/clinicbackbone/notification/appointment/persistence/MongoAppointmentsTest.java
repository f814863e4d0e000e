package com.clinicbackbone.notification.appointment.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicbackbone.notification.appointment.Appointment;
import com.clinicbackbone.notification.appointment.AppointmentStatus;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

class MongoAppointmentsTest {

    static final Instant START = Instant.parse("2026-07-15T15:30:00Z");

    final MongoServer server = new MongoServer(new MemoryBackend());
    final MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort());
    final MongoAppointments appointments = new MongoAppointments(new MongoTemplate(client, "appointments-test"));

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void keepsTheNewestRevisionWhicheverOrderEventsArriveIn() {
        assertThat(appointments.saveIfNotOlder(appointment(AppointmentStatus.CANCELLED, 2))).isTrue();
        assertThat(appointments.saveIfNotOlder(appointment(AppointmentStatus.BOOKED, 1))).isFalse();

        assertThat(appointments.find("apt-1")).get().satisfies(a -> {
            assertThat(a.status()).isEqualTo(AppointmentStatus.CANCELLED);
            assertThat(a.revision()).isEqualTo(2);
            assertThat(a.start()).isEqualTo(START);
        });
    }

    @Test
    void acceptsTheSameRevisionAgainSoARedeliveryCanComplete() {
        assertThat(appointments.saveIfNotOlder(appointment(AppointmentStatus.BOOKED, 1))).isTrue();
        assertThat(appointments.saveIfNotOlder(appointment(AppointmentStatus.BOOKED, 1))).isTrue();
        assertThat(appointments.saveIfNotOlder(appointment(AppointmentStatus.CANCELLED, 2))).isTrue();

        assertThat(appointments.find("apt-1")).get()
                .satisfies(a -> assertThat(a.status()).isEqualTo(AppointmentStatus.CANCELLED));
    }

    @Test
    void keepsTheMovedStartAndEveryStatusOfTheVisit() {
        appointments.saveIfNotOlder(appointment(AppointmentStatus.BOOKED, 1));
        Instant moved = START.plusSeconds(86_400);
        appointments.saveIfNotOlder(new Appointment("apt-1", "running-shoe", "prac-1", "pat-1", moved,
                moved.plusSeconds(2700), AppointmentStatus.CONFIRMED, 2, "prolotherapy"));

        assertThat(appointments.find("apt-1")).get().satisfies(a -> {
            assertThat(a.start()).isEqualTo(moved);
            assertThat(a.end()).isEqualTo(moved.plusSeconds(2700));
            assertThat(a.status()).isEqualTo(AppointmentStatus.CONFIRMED);
            assertThat(a.serviceId()).isEqualTo("prolotherapy");
        });
        long revision = 3;
        for (AppointmentStatus status : AppointmentStatus.values()) {
            appointments.saveIfNotOlder(new Appointment("apt-1", "running-shoe", "prac-1", "pat-1", moved,
                    moved.plusSeconds(2700), status, revision++, "prolotherapy"));
            assertThat(appointments.find("apt-1")).get().extracting(Appointment::status).isEqualTo(status);
        }
    }

    @Test
    void theNextUpcomingAppointmentIsTheEarliestStillToComeOfThesePatients() {
        Instant now = START.minusSeconds(3600);
        appointments.saveIfNotOlder(new Appointment("apt-later", "running-shoe", "prac-1", "pat-1",
                START.plusSeconds(86_400), START.plusSeconds(89_100), AppointmentStatus.CONFIRMED, 2, "svc"));
        appointments.saveIfNotOlder(new Appointment("apt-cancelled", "running-shoe", "prac-1", "pat-1",
                START.minusSeconds(600), START, AppointmentStatus.CANCELLED, 2, "svc"));
        appointments.saveIfNotOlder(new Appointment("apt-past", "running-shoe", "prac-1", "pat-1",
                now.minusSeconds(60), now, AppointmentStatus.BOOKED, 1, "svc"));
        appointments.saveIfNotOlder(new Appointment("apt-other", "running-shoe", "prac-1", "pat-2",
                START.minusSeconds(1200), START, AppointmentStatus.BOOKED, 1, "svc"));
        appointments.saveIfNotOlder(new Appointment("apt-next", "running-shoe", "prac-1", "pat-3",
                START, START.plusSeconds(2700), AppointmentStatus.BOOKED, 1, "svc"));

        assertThat(appointments.nextUpcoming(java.util.List.of("pat-1", "pat-3"), now)).get()
                .extracting(Appointment::id).isEqualTo("apt-next");
        assertThat(appointments.nextUpcoming(java.util.List.of("pat-1"), now)).get()
                .extracting(Appointment::id).isEqualTo("apt-later");
        assertThat(appointments.nextUpcoming(java.util.List.of("pat-1"), START.plusSeconds(90_000))).isEmpty();
    }

    static Appointment appointment(AppointmentStatus status, long revision) {
        return new Appointment("apt-1", "running-shoe", "prac-1", "pat-1", START, START.plusSeconds(2700), status,
                revision, "prolotherapy");
    }
}
