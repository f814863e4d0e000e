package com.clinicbackbone.booking.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clinicbackbone.booking.patient.PatientNotBookableException.Reason;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PatientEligibilityTest {

    final InMemoryPatientRegistry registry = new InMemoryPatientRegistry();
    final PatientEligibility eligibility = new PatientEligibility(registry, Duration.ofMillis(400),
            Duration.ofMillis(20));

    @Test
    void acceptsAnActivePatientLinkedToTheClinicAtOnce() {
        registry.register("p-1", "running-shoe", "integrative-pain");

        assertThatCode(() -> eligibility.requireBookable("p-1", "integrative-pain")).doesNotThrowAnyException();
        assertThat(registry.lookups()).isEqualTo(1);
    }

    @Test
    void refusesAnUnknownPatientAfterWaitingForIt() {
        long started = System.nanoTime();

        assertThatThrownBy(() -> eligibility.requireBookable("ghost", "running-shoe"))
                .isInstanceOfSatisfying(PatientNotBookableException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNKNOWN);
                    assertThat(e.getMessage()).contains("ghost").contains("register");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(registry.lookups()).isEqualTo(21);
    }

    @Test
    void acceptsAPatientWhoseRegistrationArrivesWhileItWaits() {
        CompletableFuture.runAsync(() -> registry.applyLinked("new-patient", "running-shoe", 1),
                CompletableFuture.delayedExecutor(150, TimeUnit.MILLISECONDS));

        assertThatCode(() -> eligibility.requireBookable("new-patient", "running-shoe")).doesNotThrowAnyException();
    }

    @Test
    void acceptsAPatientWhoseLinkToTheClinicArrivesWhileItWaits() {
        registry.register("p-2", "running-shoe");
        CompletableFuture.runAsync(() -> registry.applyLinked("p-2", "integrative-pain", 2),
                CompletableFuture.delayedExecutor(150, TimeUnit.MILLISECONDS));

        assertThatCode(() -> eligibility.requireBookable("p-2", "integrative-pain")).doesNotThrowAnyException();
    }

    @Test
    void refusesAPatientNotLinkedToTheClinicNamingTheClinicOnly() {
        registry.register("p-3", "running-shoe");

        assertThatThrownBy(() -> eligibility.requireBookable("p-3", "calgary-concussion"))
                .isInstanceOfSatisfying(PatientNotBookableException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.NOT_LINKED);
                    assertThat(e.getMessage()).contains("calgary-concussion").doesNotContain("running-shoe");
                });
    }

    @Test
    void refusesAnErasedPatientWithoutWaiting() {
        registry.register("p-4", "running-shoe");
        registry.applyErased("p-4", 2);

        assertThatThrownBy(() -> eligibility.requireBookable("p-4", "running-shoe"))
                .isInstanceOfSatisfying(PatientNotBookableException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.ERASED));
        assertThat(registry.lookups()).isEqualTo(1);
        assertThat(eligibility.isErased("p-4")).isTrue();
        assertThat(eligibility.isErased("unknown")).isFalse();
    }

    @Test
    void refusesAMergedPatientNamingTheSurvivor() {
        registry.register("p-5", "running-shoe");
        registry.applyMerged("p-5", "p-6", java.util.List.of(), 2);

        assertThatThrownBy(() -> eligibility.requireBookable("p-5", "running-shoe"))
                .isInstanceOfSatisfying(PatientNotBookableException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.MERGED);
                    assertThat(e.survivingPatientId()).isEqualTo("p-6");
                    assertThat(e.getMessage()).contains("merged into patient p-6");
                });
        assertThat(registry.lookups()).isEqualTo(1);
    }

    @Test
    void withoutPatienceRefusesAtTheFirstLook() {
        var impatient = new PatientEligibility(registry, Duration.ZERO, Duration.ofMillis(20));

        assertThatThrownBy(() -> impatient.requireBookable("ghost", "running-shoe"))
                .isInstanceOf(PatientNotBookableException.class);
        assertThat(registry.lookups()).isEqualTo(1);
    }
}
