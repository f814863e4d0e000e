package com.clinicbackbone.booking.schedule.persistence;

import static java.time.DayOfWeek.MONDAY;
import static org.assertj.core.api.Assertions.assertThat;

import com.clinicbackbone.booking.persistence.ReferenceCache;
import com.clinicbackbone.booking.schedule.Closure;
import com.clinicbackbone.booking.schedule.DayHours;
import com.clinicbackbone.booking.schedule.DemoSchedule;
import com.clinicbackbone.booking.schedule.ExceptionKind;
import com.clinicbackbone.booking.schedule.ScheduleException;
import com.clinicbackbone.booking.schedule.WeeklyHours;
import com.clinicbackbone.messaging.testing.MongoRoundTrips;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

class MongoSchedulesTest {

    static final LocalDate MONDAY_2026 = LocalDate.of(2026, 3, 2);

    final MongoServer server = new MongoServer(new MemoryBackend());
    final InetSocketAddress address = server.bind();
    final MongoRoundTrips roundTrips = new MongoRoundTrips();
    final MongoClient client = MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString("mongodb://" + address.getHostString() + ":"
                    + address.getPort())).addCommandListener(roundTrips).build());
    final MongoTemplate mongo = new MongoTemplate(client, "booking");
    final MongoSchedules schedules = new MongoSchedules(mongo, ReferenceCache.Settings.DEFAULT);

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    static ScheduleException leave(String id, String practitionerId, LocalDateTime start, LocalDateTime end) {
        return new ScheduleException(id, practitionerId, ExceptionKind.LEAVE, null, start, end);
    }

    @Test
    void warmReadsOfHoursExceptionsAndClosuresMakeNoRoundTrip() {
        schedules.saveAllIfAbsent(DemoSchedule.HOURS);
        schedules.add(leave("l1", "maya-chen", MONDAY_2026.atTime(8, 0), MONDAY_2026.atTime(12, 0)));
        schedules.add(new Closure("c1", "running-shoe", MONDAY_2026.plusDays(1), "Training"));
        roundTrips.reset();

        for (int i = 0; i < 10; i++) {
            assertThat(schedules.hours("maya-chen", "running-shoe")).isPresent();
            assertThat(schedules.hoursOf("maya-chen")).hasSize(2);
            assertThat(schedules.exceptionsOf("maya-chen", MONDAY_2026.atStartOfDay(),
                    MONDAY_2026.plusDays(1).atStartOfDay())).hasSize(1);
            assertThat(schedules.closuresOf("running-shoe", MONDAY_2026, MONDAY_2026.plusDays(7))).hasSize(1);
        }

        assertThat(roundTrips.commands()).isEmpty();
    }

    @Test
    void everyWriteIsAKeyLookupAndIsReadBackAtOnce() {
        schedules.saveAllIfAbsent(DemoSchedule.HOURS);
        assertThat(schedules.hours("maya-chen", "running-shoe")).isPresent();
        roundTrips.reset();

        WeeklyHours mondays = new WeeklyHours("maya-chen", "running-shoe",
                List.of(new DayHours(MONDAY, LocalTime.of(7, 0), LocalTime.of(11, 0), List.of())));
        schedules.save(mondays);
        assertThat(schedules.hours("maya-chen", "running-shoe")).contains(mondays);
        schedules.add(leave("l1", "maya-chen", MONDAY_2026.atTime(8, 0), MONDAY_2026.atTime(12, 0)));
        assertThat(schedules.exceptionsOf("maya-chen", MONDAY_2026.atStartOfDay(), MONDAY_2026.plusDays(1)
                .atStartOfDay())).extracting(ScheduleException::id).containsExactly("l1");
        assertThat(schedules.removeException("l1")).isTrue();
        assertThat(schedules.exceptionsOf("maya-chen", MONDAY_2026.atStartOfDay(), MONDAY_2026.plusDays(1)
                .atStartOfDay())).isEmpty();
        schedules.add(new Closure("c1", "running-shoe", MONDAY_2026, null));
        assertThat(schedules.closuresOf("running-shoe", MONDAY_2026, MONDAY_2026)).hasSize(1);
        assertThat(schedules.removeClosure("calgary-concussion", "c1")).as("another clinic's").isFalse();
        assertThat(schedules.removeClosure("running-shoe", "c1")).isTrue();
        assertThat(schedules.closuresOf("running-shoe", MONDAY_2026, MONDAY_2026)).isEmpty();

        // the writes and version bumps by _id; the reloads after them read the small collections whole
        List<MongoRoundTrips.Command> keyed = roundTrips.commands(command -> !command.name().equals("find")
                || !command.filter().isEmpty());
        roundTrips.assertKeyLookupsOnly(client.getDatabase("booking"), keyed);
    }

    @Test
    void exceptionsAreThoseOverlappingTheRangeByStartAndClosuresThoseOnItsDatesInclusive() {
        schedules.add(leave("late", "maya-chen", MONDAY_2026.atTime(14, 0), MONDAY_2026.atTime(16, 0)));
        schedules.add(leave("early", "maya-chen", MONDAY_2026.atTime(8, 0), MONDAY_2026.atTime(9, 0)));
        schedules.add(leave("before", "maya-chen", MONDAY_2026.minusDays(3).atStartOfDay(),
                MONDAY_2026.atStartOfDay()));
        schedules.add(leave("other", "liam-okafor", MONDAY_2026.atTime(8, 0), MONDAY_2026.atTime(9, 0)));
        schedules.add(new ScheduleException("extra", "maya-chen", ExceptionKind.EXTRA_HOURS, "running-shoe",
                MONDAY_2026.atTime(18, 0), MONDAY_2026.atTime(20, 0)));
        schedules.add(new Closure("c2", "running-shoe", MONDAY_2026.plusDays(2), null));
        schedules.add(new Closure("c1", "running-shoe", MONDAY_2026, null));
        schedules.add(new Closure("c3", "running-shoe", MONDAY_2026.plusDays(3), null));
        schedules.add(new Closure("x", "calgary-concussion", MONDAY_2026, null));

        assertThat(schedules.exceptionsOf("maya-chen", MONDAY_2026.atStartOfDay(),
                MONDAY_2026.plusDays(1).atStartOfDay())).extracting(ScheduleException::id)
                .containsExactly("early", "late", "extra");
        assertThat(schedules.exceptionsOf("maya-chen", MONDAY_2026.atTime(9, 0), MONDAY_2026.atTime(14, 0)))
                .as("[from, to) touching both ends").isEmpty();
        assertThat(schedules.closuresOf("running-shoe", MONDAY_2026, MONDAY_2026.plusDays(2)))
                .extracting(Closure::id).containsExactly("c1", "c2");
        assertThat(schedules.exception("early")).get().extracting(ScheduleException::practitionerId)
                .isEqualTo("maya-chen");
        assertThat(schedules.closure("x")).get().extracting(Closure::clinicId).isEqualTo("calgary-concussion");
        assertThat(schedules.closure("nothing")).isEmpty();
    }

    @Test
    void seedingKeepsHoursTheFrontDeskChanged() {
        WeeklyHours edited = new WeeklyHours("maya-chen", "running-shoe",
                List.of(new DayHours(MONDAY, LocalTime.of(7, 0), LocalTime.of(11, 0), List.of())));
        schedules.save(edited);

        schedules.saveAllIfAbsent(DemoSchedule.HOURS);

        assertThat(schedules.hours("maya-chen", "running-shoe")).contains(edited);
        assertThat(schedules.hours("maya-chen", "calgary-concussion")).isPresent();
    }
}
