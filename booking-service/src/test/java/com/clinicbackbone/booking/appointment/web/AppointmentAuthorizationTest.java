package com.clinicbackbone.booking.appointment.web;

import static com.clinicbackbone.booking.appointment.AppointmentFixture.anAppointment;
import static com.clinicbackbone.security.DemoPersona.ANN_LEE_ID;
import static com.clinicbackbone.security.DemoPersona.BEN_ROY_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.clinicbackbone.booking.appointment.Appointment;
import com.clinicbackbone.booking.appointment.AppointmentStatus;
import com.clinicbackbone.booking.appointment.InMemoryAppointments;
import com.clinicbackbone.booking.appointment.InMemoryCalendar;
import com.clinicbackbone.security.DemoPersona;
import com.clinicbackbone.security.Role;
import com.clinicbackbone.security.TestJwts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The appointment rules of issue 3 at the HTTP boundary: 401, 403, and 404 where existence must not leak. */
@WebMvcTest(AppointmentController.class)
@Import(InMemoryBooking.class)
class AppointmentAuthorizationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    InMemoryAppointments appointments;
    @Autowired
    InMemoryCalendar calendar;

    Appointment annAtRunningShoe;

    @BeforeEach
    void annHasAnAppointmentWithMayaAtRunningShoe() {
        appointments.clear();
        calendar.clear();
        annAtRunningShoe = anAppointment().id("apt-ann").forPatient(ANN_LEE_ID).book();
        appointments.add(annAtRunningShoe);
    }

    @Test
    void answersWithoutATokenWith401() throws Exception {
        mvc.perform(get("/api/appointments/apt-ann")).andExpect(status().isUnauthorized());
        mvc.perform(booking("running-shoe", ANN_LEE_ID)).andExpect(status().isUnauthorized());
        mvc.perform(cancel("apt-ann")).andExpect(status().isUnauthorized());
        assertThat(appointments.count()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(value = DemoPersona.class,
            names = {"FRONTDESK_RUNNING_SHOE", "PRACTITIONER_MAYA_CHEN", "PATIENT_ANN_LEE"})
    void theClinicThePractitionerAndThePatientReadTheAppointment(DemoPersona persona) throws Exception {
        mvc.perform(get("/api/appointments/apt-ann").with(TestJwts.as(persona))).andExpect(status().isOk());
    }

    @ParameterizedTest
    @EnumSource(value = DemoPersona.class, names = {"FRONTDESK_CALGARY_CONCUSSION", "FRONTDESK_INTEGRATIVE_PAIN",
            "PRACTITIONER_NOAH_TREMBLAY", "PATIENT_BEN_ROY"})
    void othersGetTheSame404AsForAnUnknownId(DemoPersona persona) throws Exception {
        String unknown = mvc.perform(get("/api/appointments/nope").with(TestJwts.as(persona)))
                .andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();

        mvc.perform(get("/api/appointments/apt-ann").with(TestJwts.as(persona)))
                .andExpect(status().isNotFound())
                .andExpect(content().string(unknown.replace("nope", "apt-ann")))
                .andExpect(content().string(not(org.hamcrest.Matchers.containsString(ANN_LEE_ID))));
        // a practitioner may cancel nothing at all: 403 whatever the id, which tells nothing either
        mvc.perform(cancel("apt-ann").with(TestJwts.as(persona))).andExpect(
                persona.role() == Role.PRACTITIONER ? status().isForbidden() : status().isNotFound());
        assertThat(appointments.find("apt-ann").orElseThrow().status()).isEqualTo(AppointmentStatus.BOOKED);
    }

    @ParameterizedTest
    @EnumSource(value = DemoPersona.class, names = {"OPERATOR", "AUDITOR"})
    void operatorAndAuditorHaveNoAppointmentAccess(DemoPersona persona) throws Exception {
        mvc.perform(get("/api/appointments/apt-ann").with(TestJwts.as(persona))).andExpect(status().isForbidden());
        mvc.perform(booking("running-shoe", ANN_LEE_ID).with(TestJwts.as(persona)))
                .andExpect(status().isForbidden());
        mvc.perform(cancel("apt-ann").with(TestJwts.as(persona))).andExpect(status().isForbidden());
        assertThat(appointments.count()).isEqualTo(1);
    }

    @Test
    void aPractitionerNeitherBooksNorCancelsEvenTheirOwn() throws Exception {
        var maya = TestJwts.as(DemoPersona.PRACTITIONER_MAYA_CHEN);

        mvc.perform(booking("running-shoe", ANN_LEE_ID).with(maya)).andExpect(status().isForbidden());
        mvc.perform(cancel("apt-ann").with(maya)).andExpect(status().isForbidden());
        assertThat(appointments.find("apt-ann").orElseThrow().status()).isEqualTo(AppointmentStatus.BOOKED);
    }

    @Test
    void aFrontDeskBooksAtTheirClinicOnly() throws Exception {
        var integrativePain = TestJwts.as(DemoPersona.FRONTDESK_INTEGRATIVE_PAIN);

        mvc.perform(booking("running-shoe", ANN_LEE_ID).with(integrativePain)).andExpect(status().isForbidden());
        assertThat(appointments.count()).isEqualTo(1);
        assertThat(calendar.claims()).isEmpty();

        mvc.perform(booking("integrative-pain", BEN_ROY_ID).with(integrativePain)).andExpect(status().isCreated());
    }

    @Test
    void aPatientBooksForThemselfOnlyAndCancelsTheirOwn() throws Exception {
        var ann = TestJwts.as(DemoPersona.PATIENT_ANN_LEE);

        mvc.perform(booking("integrative-pain", BEN_ROY_ID).with(ann)).andExpect(status().isForbidden());
        assertThat(appointments.count()).isEqualTo(1);

        mvc.perform(booking("running-shoe", ANN_LEE_ID).with(ann)).andExpect(status().isCreated());
        mvc.perform(cancel("apt-ann").with(ann)).andExpect(status().isOk());
    }

    @Test
    void aFrontDeskCancelsAtTheirClinic() throws Exception {
        mvc.perform(cancel("apt-ann").with(TestJwts.as(DemoPersona.FRONTDESK_RUNNING_SHOE)))
                .andExpect(status().isOk());
    }

    static MockHttpServletRequestBuilder booking(String clinicId, String patientId) {
        String serviceId = clinicId.equals("running-shoe") ? "massage-60" : "trigger-point-injection";
        String practitionerId = clinicId.equals("running-shoe") ? "sofia-ramirez" : "liam-okafor";
        return post("/api/appointments").contentType(MediaType.APPLICATION_JSON).content("""
                {"clinicId": "%s", "serviceId": "%s", "practitionerId": "%s", "patientId": "%s",
                 "start": "2026-03-03T17:00:00Z"}""".formatted(clinicId, serviceId, practitionerId, patientId));
    }

    static MockHttpServletRequestBuilder cancel(String id) {
        return post("/api/appointments/" + id + "/cancel").contentType(MediaType.APPLICATION_JSON).content("{}");
    }
}
