package com.clinicbackbone.booking.appointment.web;

import static com.clinicbackbone.booking.appointment.AppointmentFixture.NOW;

import com.clinicbackbone.booking.appointment.AppointmentService;
import com.clinicbackbone.booking.appointment.InMemoryAppointments;
import com.clinicbackbone.booking.appointment.InMemoryCalendar;
import com.clinicbackbone.booking.clinic.InMemoryCatalog;
import com.clinicbackbone.booking.idempotency.IdempotentRequests;
import com.clinicbackbone.booking.idempotency.InMemoryIdempotencyKeys;
import com.clinicbackbone.booking.patient.InMemoryPatientRegistry;
import com.clinicbackbone.booking.patient.PatientEligibility;
import com.clinicbackbone.booking.schedule.InMemorySchedules;
import com.clinicbackbone.booking.schedule.ScheduleService;
import com.clinicbackbone.security.DemoPersona;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The booking service on in-memory fakes for web slices, clock at {@link com.clinicbackbone.booking.appointment
 * .AppointmentFixture#NOW}; patient-1 and patient-merged are registered at running-shoe, the demo patients Ann Lee
 * (running-shoe) and Ben Roy (integrative-pain) too. The patient registry does not wait for unknown patients.
 */
@TestConfiguration(proxyBeanMethods = false)
class InMemoryBooking {

    @Bean
    InMemoryAppointments appointments() {
        return new InMemoryAppointments();
    }

    @Bean
    InMemoryCalendar calendar() {
        return new InMemoryCalendar();
    }

    @Bean
    InMemoryPatientRegistry patients() {
        return new InMemoryPatientRegistry().register("patient-1", "running-shoe")
                .register("patient-merged", "running-shoe")
                .register(DemoPersona.ANN_LEE_ID, "running-shoe")
                .register(DemoPersona.BEN_ROY_ID, "integrative-pain");
    }

    @Bean
    InMemoryCatalog catalog() {
        return new InMemoryCatalog();
    }

    @Bean
    InMemoryIdempotencyKeys idempotencyKeys() {
        return new InMemoryIdempotencyKeys();
    }

    @Bean
    IdempotentRequests idempotentRequests(InMemoryIdempotencyKeys keys) {
        return new IdempotentRequests(keys, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(30));
    }

    @Bean
    InMemorySchedules schedules() {
        return new InMemorySchedules();
    }

    @Bean
    AppointmentService appointmentService(InMemoryCatalog catalog, InMemoryAppointments appointments,
                                          InMemoryCalendar calendar, InMemoryPatientRegistry patients,
                                          InMemorySchedules schedules) {
        return new AppointmentService(catalog, appointments, calendar,
                new PatientEligibility(patients, Duration.ZERO, Duration.ofMillis(10)),
                new ScheduleService(catalog, schedules), Clock.fixed(NOW, ZoneOffset.UTC));
    }
}
