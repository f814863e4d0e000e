package com.clinicbackbone.booking.appointment.web;

import static com.clinicbackbone.booking.appointment.AppointmentFixture.anAppointment;
import static com.clinicbackbone.security.DemoPersona.ANN_LEE_ID;
import static com.clinicbackbone.security.DemoPersona.BEN_ROY_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clinicbackbone.booking.appointment.Appointment;
import com.clinicbackbone.booking.appointment.Party;
import com.clinicbackbone.booking.clinic.DemoCatalog;
import com.clinicbackbone.booking.clinic.Practitioner;
import com.clinicbackbone.security.DemoPersona;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.security.access.AccessDeniedException;

class AppointmentAccessTest {

    /** Ann Lee with Maya Chen at the Concussion Centre (Maya works there too). */
    static final Appointment ANN_WITH_MAYA_AT_CONCUSSION = anAppointment().forPatient(ANN_LEE_ID)
            .at("calgary-concussion", "concussion-follow-up").with("maya-chen").book();

    @ParameterizedTest
    @CsvSource({
            "FRONTDESK_RUNNING_SHOE, false",
            "FRONTDESK_CALGARY_CONCUSSION, true",
            "FRONTDESK_INTEGRATIVE_PAIN, false",
            "PRACTITIONER_MAYA_CHEN, true",
            "PRACTITIONER_NOAH_TREMBLAY, false",
            "PATIENT_ANN_LEE, true",
            "PATIENT_BEN_ROY, false",
            "OPERATOR, false",
            "AUDITOR, false"})
    void seesAnAppointmentOnlyAtTheirClinicAsTheirPractitionerOrAsTheirPatient(DemoPersona persona,
                                                                                 boolean sees) {
        assertThat(AppointmentAccess.maySee(persona.caller(), ANN_WITH_MAYA_AT_CONCUSSION)).isEqualTo(sees);
    }

    @ParameterizedTest
    @CsvSource({
            "FRONTDESK_RUNNING_SHOE, running-shoe, patient-1",
            "FRONTDESK_INTEGRATIVE_PAIN, integrative-pain, " + BEN_ROY_ID,
            "PATIENT_ANN_LEE, running-shoe, " + ANN_LEE_ID,
            "PATIENT_ANN_LEE, integrative-pain, " + ANN_LEE_ID})
    void mayBook(DemoPersona persona, String clinicId, String patientId) {
        assertThatCode(() -> AppointmentAccess.requireMayBook(persona.caller(), clinicId, patientId, false))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource({
            "FRONTDESK_RUNNING_SHOE, integrative-pain, patient-1",
            "PATIENT_ANN_LEE, running-shoe, " + BEN_ROY_ID,
            "PRACTITIONER_MAYA_CHEN, running-shoe, patient-1",
            "OPERATOR, running-shoe, patient-1",
            "AUDITOR, running-shoe, patient-1"})
    void mayNotBook(DemoPersona persona, String clinicId, String patientId) {
        assertThatThrownBy(() -> AppointmentAccess.requireMayBook(persona.caller(), clinicId, patientId, false))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void onlyTheFrontDeskBooksWalkIns() {
        assertThatCode(() -> AppointmentAccess.requireMayBook(DemoPersona.FRONTDESK_RUNNING_SHOE.caller(),
                "running-shoe", ANN_LEE_ID, true)).doesNotThrowAnyException();
        assertThatThrownBy(() -> AppointmentAccess.requireMayBook(DemoPersona.PATIENT_ANN_LEE.caller(),
                "running-shoe", ANN_LEE_ID, true)).isInstanceOf(AccessDeniedException.class);
    }

    @ParameterizedTest
    @CsvSource({"PATIENT_ANN_LEE, PATIENT", "FRONTDESK_RUNNING_SHOE, CLINIC", "PRACTITIONER_MAYA_CHEN, CLINIC"})
    void aPatientActsForThemselfAndStaffForTheClinic(DemoPersona persona, Party party) {
        assertThat(AppointmentAccess.partyOf(persona.caller())).isEqualTo(party);
    }

    @ParameterizedTest
    @CsvSource({
            "FRONTDESK_RUNNING_SHOE, running-shoe, true",
            "FRONTDESK_RUNNING_SHOE, calgary-concussion, false",
            "PRACTITIONER_MAYA_CHEN, running-shoe, false",
            "PATIENT_ANN_LEE, running-shoe, false",
            "OPERATOR, running-shoe, false"})
    void theDayOfAClinicIsForItsFrontDesk(DemoPersona persona, String clinicId, boolean allowed) {
        assertThat(allowed(() -> AppointmentAccess.requireMaySeeDayOf(persona.caller(), clinicId)))
                .isEqualTo(allowed);
    }

    @ParameterizedTest
    @CsvSource({
            "PRACTITIONER_MAYA_CHEN, maya-chen, true",
            "PRACTITIONER_NOAH_TREMBLAY, maya-chen, false",
            "FRONTDESK_CALGARY_CONCUSSION, maya-chen, true",
            "FRONTDESK_INTEGRATIVE_PAIN, maya-chen, false",
            "FRONTDESK_INTEGRATIVE_PAIN, liam-okafor, true",
            "PATIENT_ANN_LEE, maya-chen, false",
            "AUDITOR, maya-chen, false"})
    void aPractitionersDayIsForThemAndTheFrontDeskOfTheirClinics(DemoPersona persona, String practitionerId,
                                                                 boolean allowed) {
        Practitioner practitioner = DemoCatalog.PRACTITIONERS.stream()
                .filter(candidate -> candidate.id().equals(practitionerId)).findFirst().orElseThrow();

        assertThat(allowed(() -> AppointmentAccess.requireMaySeeDayOf(persona.caller(), practitioner)))
                .isEqualTo(allowed);
    }

    static boolean allowed(Runnable check) {
        try {
            check.run();
            return true;
        } catch (AccessDeniedException denied) {
            return false;
        }
    }

    @ParameterizedTest
    @EnumSource(value = DemoPersona.class, names = {"OPERATOR", "AUDITOR"})
    void operatorAndAuditorSeeNoAppointmentEvenWithClinicClaims(DemoPersona persona) {
        var caller = new com.clinicbackbone.security.Caller("x", persona.role(),
                java.util.Set.of("running-shoe", "calgary-concussion"), ANN_LEE_ID, "maya-chen");

        assertThat(AppointmentAccess.maySee(caller, ANN_WITH_MAYA_AT_CONCUSSION)).isFalse();
    }
}
