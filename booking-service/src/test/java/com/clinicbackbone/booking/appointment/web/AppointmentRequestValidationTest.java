package com.clinicbackbone.booking.appointment.web;

import static com.clinicbackbone.booking.appointment.AppointmentFixture.anAppointment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.clinicbackbone.booking.appointment.InMemoryAppointments;
import com.clinicbackbone.booking.appointment.InMemoryCalendar;
import com.clinicbackbone.booking.patient.InMemoryPatientRegistry;
import com.clinicbackbone.booking.schedule.ExceptionKind;
import com.clinicbackbone.booking.schedule.InMemorySchedules;
import com.clinicbackbone.booking.schedule.ScheduleException;
import java.time.LocalDateTime;
import com.clinicbackbone.security.DemoPersona;
import com.clinicbackbone.security.TestJwts;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;
import org.springframework.test.web.servlet.MockMvc;

/** Every bad field of a booking answers 400 naming it, and nothing is stored or claimed. */
@WebMvcTest(AppointmentController.class)
@Import(InMemoryBooking.class)
class AppointmentRequestValidationTest {

    static final JwtRequestPostProcessor FRONT_DESK = TestJwts.as(DemoPersona.FRONTDESK_RUNNING_SHOE);
    static final String VALID = """
            {"clinicId": "running-shoe", "serviceId": "physio-follow-up", "practitionerId": "maya-chen",
             "patientId": "patient-1", "start": "2026-03-02T16:00:00Z"}""";

    @Autowired
    MockMvc mvc;
    @Autowired
    InMemoryAppointments appointments;
    @Autowired
    InMemoryCalendar calendar;
    @Autowired
    InMemoryPatientRegistry patients;
    @Autowired
    InMemorySchedules schedules;

    @BeforeEach
    void empty() {
        appointments.clear();
        calendar.clear();
    }

    static Stream<Arguments> badBookings() {
        return Stream.of(
                Arguments.of("clinicId", VALID.replace("\"clinicId\": \"running-shoe\",", "")),
                Arguments.of("clinicId", VALID.replace("\"running-shoe\"", "\"  \"")),
                Arguments.of("clinicId", VALID.replace("\"running-shoe\"", "{\"id\": \"running-shoe\"}")),
                Arguments.of("serviceId", VALID.replace("\"physio-follow-up\"", "null")),
                Arguments.of("practitionerId", VALID.replace("\"practitionerId\": \"maya-chen\",", "")),
                Arguments.of("patientId", VALID.replace("\"patient-1\"", "\"\"")),
                Arguments.of("patientId", VALID.replace("\"patient-1\"", "\"" + "p".repeat(101) + "\"")),
                Arguments.of("start", VALID.replace(", \"start\": \"2026-03-02T16:00:00Z\"", "")),
                Arguments.of("start", VALID.replace("2026-03-02T16:00:00Z", "next tuesday")),
                Arguments.of("start", VALID.replace("2026-03-02T16:00:00Z", "2026-03-02T16:00:00")),
                Arguments.of("start", VALID.replace("2026-03-02T16:00:00Z", "2026-03-02T16:02:00Z")),
                Arguments.of("start", VALID.replace("2026-03-02T16:00:00Z", "2026-02-28T16:00:00Z")));
    }

    @ParameterizedTest
    @MethodSource("badBookings")
    void rejectsABadFieldNamingIt(String field, String body) throws Exception {
        mvc.perform(post("/api/appointments").with(FRONT_DESK).contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field").value(field))
                .andExpect(jsonPath("$.detail").value(containsString(field)));

        assertThat(appointments.count()).isZero();
        assertThat(calendar.claims()).isEmpty();
    }

    @Test
    void namesEveryMissingField() throws Exception {
        mvc.perform(post("/api/appointments").with(FRONT_DESK).contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(
                        org.hamcrest.Matchers.containsInAnyOrder("clinicId", "patientId", "practitionerId",
                                "serviceId", "start")));
    }

    @Test
    void rejectsABodyThatIsNotJson() throws Exception {
        mvc.perform(post("/api/appointments").with(FRONT_DESK).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"clinicId\": "))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));

        assertThat(appointments.count()).isZero();
    }

    @Test
    void acceptsTheValidBooking() throws Exception {
        mvc.perform(post("/api/appointments").with(FRONT_DESK).contentType(MediaType.APPLICATION_JSON)
                        .content(VALID))
                .andExpect(status().isCreated());

        assertThat(appointments.count()).isEqualTo(1);
    }

    @Test
    void refusesAMergedPatientWith422NamingPatientIdAndTheSurvivor() throws Exception {
        patients.applyMerged("patient-merged", "patient-1", java.util.List.of(), 2);

        mvc.perform(post("/api/appointments").with(FRONT_DESK).contentType(MediaType.APPLICATION_JSON)
                        .content(VALID.replace("\"patient-1\"", "\"patient-merged\"")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field").value("patientId"))
                .andExpect(jsonPath("$.reason").value("MERGED"))
                .andExpect(jsonPath("$.survivingPatientId").value("patient-1"))
                .andExpect(jsonPath("$.detail").value(containsString("book patient-1 instead")));

        assertThat(appointments.count()).isZero();
        assertThat(calendar.claims()).isEmpty();
    }

    @Test
    void refusesAnUnknownPatientWith422() throws Exception {
        mvc.perform(post("/api/appointments").with(FRONT_DESK).contentType(MediaType.APPLICATION_JSON)
                        .content(VALID.replace("\"patient-1\"", "\"nobody\"")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("patientId"))
                .andExpect(jsonPath("$.reason").value("UNKNOWN"))
                .andExpect(jsonPath("$.survivingPatientId").doesNotExist());

        assertThat(appointments.count()).isZero();
    }

    @Test
    void aWalkInHasNoStartAndEveryOtherBookingHasOne() throws Exception {
        mvc.perform(post("/api/appointments").with(FRONT_DESK).contentType(MediaType.APPLICATION_JSON)
                        .content(VALID.replace("}", ", \"walkIn\": true}")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value("start"))
                .andExpect(jsonPath("$.detail").value(containsString("walk-in")));
        mvc.perform(post("/api/appointments").with(FRONT_DESK).contentType(MediaType.APPLICATION_JSON)
                        .content(VALID.replace(", \"start\": \"2026-03-02T16:00:00Z\"", ", \"walkIn\": false")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value("start"));
        assertThat(appointments.count()).isZero();
        // now is Sunday 05:00 in Edmonton: the walk-in comes during extra hours
        schedules.add(new ScheduleException("early-sunday", "maya-chen", ExceptionKind.EXTRA_HOURS, "running-shoe",
                LocalDateTime.parse("2026-03-01T04:00"), LocalDateTime.parse("2026-03-01T07:00")));

        mvc.perform(post("/api/appointments").with(FRONT_DESK).contentType(MediaType.APPLICATION_JSON)
                        .content(VALID.replace(", \"start\": \"2026-03-02T16:00:00Z\"", ", \"walkIn\": true")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.walkIn").value(true))
                .andExpect(jsonPath("$.start").value("2026-03-01T12:00:00Z"));
    }

    @Test
    void rejectsABadRescheduleStartNamingIt() throws Exception {
        appointments.add(anAppointment().id("apt-1").book());
        for (String body : new String[] {"{}", "{\"start\": \"2026-03-02T16:01:00Z\"}",
                "{\"start\": \"noon\"}"}) {
            mvc.perform(post("/api/appointments/apt-1/reschedule").with(FRONT_DESK)
                            .contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[*].field").value("start"));
        }
    }

    @Test
    void rejectsAnUnreadableDayNamingDate() throws Exception {
        mvc.perform(get("/api/appointments?clinicId=running-shoe&date=2026-02-30").with(FRONT_DESK))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field").value("date"));
    }

    @Test
    void rejectsACancellationReasonOver500Characters() throws Exception {
        mvc.perform(post("/api/appointments/any/cancel").with(FRONT_DESK).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\": \"" + "x".repeat(501) + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value("reason"));
    }
}
