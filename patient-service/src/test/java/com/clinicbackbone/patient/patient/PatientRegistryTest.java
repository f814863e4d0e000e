package com.clinicbackbone.patient.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PatientRegistryTest {

    final InMemoryPatients patients = new InMemoryPatients();
    final PatientRegistry registry = new PatientRegistry(patients, PatientFixture.CLINICS,
            Clock.fixed(Instant.parse("2026-05-04T15:30:00Z"), ZoneOffset.UTC));

    @Test
    void storesARegisteredPatientUnderANewUuid() {
        Patient patient = registry.register(PatientFixture.ann().toRegistration());

        assertThat(UUID.fromString(patient.id())).isNotNull();
        assertThat(registry.get(patient.id())).isSameAs(patient);
        assertThat(patient.registeredAt()).isEqualTo(Instant.parse("2026-05-04T15:30:00Z"));
    }

    @Test
    void storesNothingWhenARuleIsBroken() {
        assertThatThrownBy(() -> registry.register(PatientFixture.ann().with("clinicId", "nowhere").toRegistration()))
                .isInstanceOf(InvalidPatientException.class);

        assertThat(patients.size()).isZero();
    }

    @Test
    void refusesAnUnknownId() {
        assertThatThrownBy(() -> registry.get("no-such-id")).isInstanceOf(PatientNotFoundException.class)
                .hasMessage("no patient with id no-such-id");
    }
}
