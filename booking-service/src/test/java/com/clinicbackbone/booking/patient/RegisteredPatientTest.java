package com.clinicbackbone.booking.patient;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicbackbone.booking.patient.PatientNotBookableException.Reason;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RegisteredPatientTest {

    @Test
    void anActivePatientIsBookableOnlyAtTheLinkedClinics() {
        var patient = new RegisteredPatient("p", Set.of("running-shoe"), PatientStatus.ACTIVE, null, 3);

        assertThat(patient.refusalAt("running-shoe")).isEmpty();
        assertThat(patient.refusalAt("integrative-pain")).get().extracting(PatientNotBookableException::reason)
                .isEqualTo(Reason.NOT_LINKED);
    }

    @Test
    void anErasedOrMergedPatientIsBookableNowhere() {
        var erased = new RegisteredPatient("e", Set.of("running-shoe"), PatientStatus.ERASED, null, 3);
        var merged = new RegisteredPatient("m", Set.of("running-shoe"), PatientStatus.MERGED, "s", 3);

        assertThat(erased.refusalAt("running-shoe")).get().extracting(PatientNotBookableException::reason)
                .isEqualTo(Reason.ERASED);
        assertThat(merged.refusalAt("running-shoe")).get().extracting(PatientNotBookableException::survivingPatientId)
                .isEqualTo("s");
    }
}
