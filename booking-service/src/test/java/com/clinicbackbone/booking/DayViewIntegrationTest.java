package com.clinicbackbone.booking;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicbackbone.security.DemoPersona;
import java.time.Instant;
import java.time.LocalDate;
import java.time.DayOfWeek;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The front desk's day of a clinic and a practitioner's day across clinics, in the clinic's time zone. */
class DayViewIntegrationTest extends AbstractIntegrationTest {

    /** A clinic-local date (a Wednesday) nobody else books on. */
    static final LocalDate DATE = day(8, DayOfWeek.WEDNESDAY);
    static final String RS_PATIENT = "day-view-running-shoe-patient";
    static final String CC_PATIENT = "day-view-concussion-patient";
    static final String IP_PATIENT = "day-view-pain-patient";
    static volatile Booked booked;

    record Booked(String mayaAt8, String sofiaAt730, String liamAt2330, String mayaAtConcussion,
                  String mayaTheEveningBefore, String liamAtPainClinic) {
    }

    static Instant local(LocalDate date, String time) {
        return date.atTime(java.time.LocalTime.parse(time)).atZone(EDMONTON).toInstant();
    }

    String id(String clinicId, String serviceId, String practitionerId, String patientId, Instant start) {
        Response response = book(port, clinicId, serviceId, practitionerId, patientId, start);
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.body().get("id").asText();
    }

    @BeforeEach
    void bookTheDay() {
        if (booked == null) {
            register(RS_PATIENT, "running-shoe");
            register(CC_PATIENT, "calgary-concussion");
            register(IP_PATIENT, "integrative-pain");
            // the bookings lie at the edges of the day and at two clinics: extra hours make room for them
            extraHours("sofia-ramirez", "running-shoe", DATE.atTime(7, 0), DATE.atTime(8, 30));
            extraHours("liam-okafor", "running-shoe", DATE.atTime(23, 0), DATE.plusDays(1).atTime(0, 30));
            extraHours("maya-chen", "calgary-concussion", DATE.atTime(9, 30), DATE.atTime(11, 0));
            extraHours("maya-chen", "running-shoe", DATE.minusDays(1).atTime(23, 0), DATE.atTime(0, 30));
            extraHours("liam-okafor", "integrative-pain", DATE.atTime(8, 30), DATE.atTime(10, 0));
            booked = new Booked(
                    id("running-shoe", "physio-follow-up", "maya-chen", RS_PATIENT, local(DATE, "08:00")),
                    id("running-shoe", "massage-60", "sofia-ramirez", RS_PATIENT, local(DATE, "07:30")),
                    id("running-shoe", "prp-injection", "liam-okafor", RS_PATIENT, local(DATE, "23:30")),
                    id("calgary-concussion", "concussion-follow-up", "maya-chen", CC_PATIENT, local(DATE, "10:00")),
                    id("running-shoe", "physio-follow-up", "maya-chen", RS_PATIENT,
                            local(DATE.minusDays(1), "23:30")),
                    id("integrative-pain", "trigger-point-injection", "liam-okafor", IP_PATIENT,
                            local(DATE, "09:00")));
        }
    }

    static List<String> ids(Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.body().isArray()).isTrue();
        return StreamSupport.stream(response.body().spliterator(), false).map(node -> node.get("id").asText())
                .toList();
    }

    @Test
    void theFrontDeskSeesTheClinicLocalDayOfTheirClinicSortedByStart() {
        Response day = get("/api/appointments?clinicId=running-shoe&date=" + DATE,
                DemoPersona.FRONTDESK_RUNNING_SHOE);

        assertThat(ids(day)).containsExactly(booked.sofiaAt730(), booked.mayaAt8(), booked.liamAt2330());
        assertThat(day.body().get(2).get("start").asText())
                .isEqualTo(local(DATE, "23:30").toString());
    }

    @Test
    void anotherClinicsDayIsForbidden() {
        Response foreign = get("/api/appointments?clinicId=running-shoe&date=" + DATE,
                DemoPersona.FRONTDESK_CALGARY_CONCUSSION);

        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.contentType()).startsWith("application/problem+json");
        assertThat(foreign.text()).doesNotContain(RS_PATIENT);
        assertThat(get("/api/appointments?clinicId=running-shoe&date=" + DATE, DemoPersona.PATIENT_ANN_LEE)
                .status()).isEqualTo(403);
        assertThat(get("/api/appointments?clinicId=running-shoe&date=" + DATE, DemoPersona.PRACTITIONER_MAYA_CHEN)
                .status()).isEqualTo(403);
    }

    @Test
    void aBadOrMissingDateIsABadRequestNamingDate() {
        for (String query : List.of("clinicId=running-shoe&date=2026-13-01", "clinicId=running-shoe&date=tomorrow",
                "clinicId=running-shoe", "practitionerId=maya-chen&date=03/02/2026")) {
            DemoPersona persona = query.startsWith("clinic") ? DemoPersona.FRONTDESK_RUNNING_SHOE
                    : DemoPersona.PRACTITIONER_MAYA_CHEN;
            Response response = get("/api/appointments?" + query, persona);

            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.contentType()).isEqualTo("application/problem+json");
            assertThat(response.body().get("errors").get(0).get("field").asText()).isEqualTo("date");
            assertThat(response.body().get("detail").asText()).contains("date");
        }
    }

    @Test
    void askingForBothOrNeitherIsABadRequest() {
        assertThat(get("/api/appointments?clinicId=running-shoe&practitionerId=maya-chen&date=" + DATE,
                DemoPersona.FRONTDESK_RUNNING_SHOE).status()).isEqualTo(400);
        Response neither = get("/api/appointments?date=" + DATE, DemoPersona.FRONTDESK_RUNNING_SHOE);
        assertThat(neither.status()).isEqualTo(400);
        assertThat(neither.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void aPractitionerSeesTheirDayAtEveryClinic() {
        Response day = get("/api/appointments?practitionerId=maya-chen&date=" + DATE,
                DemoPersona.PRACTITIONER_MAYA_CHEN);

        assertThat(ids(day)).containsExactly(booked.mayaAt8(), booked.mayaAtConcussion());
        assertThat(get("/api/appointments?practitionerId=maya-chen&date=" + DATE,
                DemoPersona.PRACTITIONER_NOAH_TREMBLAY).status()).isEqualTo(403);
    }

    @Test
    void theFrontDeskSeesOnlyTheirClinicsPartOfAPractitionersDay() {
        assertThat(ids(get("/api/appointments?practitionerId=maya-chen&date=" + DATE,
                DemoPersona.FRONTDESK_CALGARY_CONCUSSION))).containsExactly(booked.mayaAtConcussion());
        assertThat(ids(get("/api/appointments?practitionerId=liam-okafor&date=" + DATE,
                DemoPersona.FRONTDESK_RUNNING_SHOE))).containsExactly(booked.liamAt2330());
        assertThat(ids(get("/api/appointments?practitionerId=liam-okafor&date=" + DATE,
                DemoPersona.FRONTDESK_INTEGRATIVE_PAIN))).containsExactly(booked.liamAtPainClinic());

        Response foreign = get("/api/appointments?practitionerId=maya-chen&date=" + DATE,
                DemoPersona.FRONTDESK_INTEGRATIVE_PAIN);
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(get("/api/appointments?practitionerId=nobody&date=" + DATE, DemoPersona.FRONTDESK_RUNNING_SHOE)
                .status()).isEqualTo(404);
        assertThat(get("/api/appointments?practitionerId=maya-chen&date=" + DATE, DemoPersona.PATIENT_ANN_LEE)
                .status()).isEqualTo(403);
    }

    @Test
    void aPatientsListShowsEachAskerOnlyWhatTheyMaySeeByStart() {
        String list = "/api/appointments?patientId=" + RS_PATIENT;

        assertThat(ids(get(list, DemoPersona.FRONTDESK_RUNNING_SHOE))).containsExactly(booked.mayaTheEveningBefore(),
                booked.sofiaAt730(), booked.mayaAt8(), booked.liamAt2330());
        assertThat(ids(get(list, DemoPersona.PRACTITIONER_MAYA_CHEN)))
                .containsExactly(booked.mayaTheEveningBefore(), booked.mayaAt8());
        assertThat(ids(get(list, DemoPersona.FRONTDESK_CALGARY_CONCUSSION))).isEmpty();
        // from and to are UTC dates: 23:30 the evening before in Calgary is that UTC day; 23:30 that day the next
        assertThat(ids(get(list + "&from=" + DATE + "&to=" + DATE, DemoPersona.FRONTDESK_RUNNING_SHOE)))
                .containsExactly(booked.mayaTheEveningBefore(), booked.sofiaAt730(), booked.mayaAt8());
        assertThat(get(list, DemoPersona.PATIENT_ANN_LEE).status()).isEqualTo(403);
        assertThat(get(list, DemoPersona.AUDITOR).status()).isEqualTo(403);
        Response bad = get(list + "&from=yesterday", DemoPersona.FRONTDESK_RUNNING_SHOE);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("errors").get(0).get("field").asText()).isEqualTo("from");
    }

    @Test
    void theDayBeforeEndsAtLocalMidnight() {
        assertThat(ids(get("/api/appointments?clinicId=running-shoe&date=" + DATE.minusDays(1),
                DemoPersona.FRONTDESK_RUNNING_SHOE))).containsExactly(booked.mayaTheEveningBefore());
    }
}
