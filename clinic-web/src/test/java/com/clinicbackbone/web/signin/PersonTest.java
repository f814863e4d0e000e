package com.clinicbackbone.web.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PersonTest {

    @Test
    void aPractitionerWorksAtTheirClinicsOnlyAndStartsOnTheirDay() {
        Person maya = Person.of("practitioner-maya-chen", Map.of("role", "PRACTITIONER",
                "clinic_ids", List.of("running-shoe", "calgary-concussion"), "practitioner_id", "maya-chen"));

        assertThat(maya.worksAt("calgary-concussion")).isTrue();
        assertThat(maya.worksAt("integrative-pain")).isFalse();
        assertThat(maya.home()).isEqualTo("/practitioner");
    }

    @Test
    void aPatientWorksNowhereEvenAtTheClinicTheyAreLinkedTo() {
        Person ann = Person.of("patient-ann-lee", Map.of("role", "PATIENT", "clinic_ids", List.of("running-shoe"),
                "patient_id", "p-1"));

        assertThat(ann.worksAt("running-shoe")).isFalse();
        assertThat(ann.home()).isEqualTo("/me");
    }

    @Test
    void readsASingleClinicClaimWrittenAsAString() {
        Person desk = Person.of("frontdesk-running-shoe", Map.of("role", "FRONT_DESK", "clinic_ids", "running-shoe"));

        assertThat(desk.clinicIds()).containsExactly("running-shoe");
        assertThat(desk.home()).isEqualTo("/desk");
    }
}
