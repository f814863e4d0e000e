package com.clinicbackbone.booking.patient.messaging;

import static com.clinicbackbone.booking.appointment.AppointmentFixture.NOW;
import static com.clinicbackbone.booking.appointment.AppointmentFixture.anAppointment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clinicbackbone.booking.appointment.Appointment;
import com.clinicbackbone.booking.appointment.AppointmentService;
import com.clinicbackbone.booking.appointment.Party;
import com.clinicbackbone.booking.appointment.InMemoryAppointments;
import com.clinicbackbone.booking.appointment.InMemoryCalendar;
import com.clinicbackbone.booking.clinic.InMemoryCatalog;
import com.clinicbackbone.booking.patient.InMemoryPatientRegistry;
import com.clinicbackbone.booking.patient.PatientEligibility;
import com.clinicbackbone.booking.schedule.InMemorySchedules;
import com.clinicbackbone.booking.schedule.ScheduleService;
import com.clinicbackbone.booking.patient.PatientStatus;
import com.clinicbackbone.booking.patient.RegisteredPatient;
import com.clinicbackbone.events.Envelope;
import com.clinicbackbone.events.PatientErased;
import com.clinicbackbone.events.PatientLinkedToClinic;
import com.clinicbackbone.events.PatientRegistered;
import com.clinicbackbone.events.PatientsMerged;
import com.clinicbackbone.messaging.MalformedEventException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.databind.json.JsonMapper;

class PatientEventConsumerTest {

    final JsonMapper json = JsonMapper.builder().build();
    final InMemoryPatientRegistry registry = new InMemoryPatientRegistry();
    final InMemoryAppointments appointments = new InMemoryAppointments();
    final InMemoryCatalog catalog = new InMemoryCatalog();
    final AppointmentService service = new AppointmentService(catalog, appointments,
            new InMemoryCalendar(), new PatientEligibility(registry, Duration.ZERO, Duration.ofMillis(10)),
            new ScheduleService(catalog, new InMemorySchedules()), Clock.fixed(NOW, ZoneOffset.UTC));
    final PatientEventConsumer consumer = new PatientEventConsumer(json, registry, service);

    @Test
    void registrationAndLinksMakeAnActivePatientOfTheirClinics() {
        consumer.accept(event(PatientRegistered.TYPE, "p-1", 1, new PatientRegistered("p-1", "running-shoe")));
        consumer.accept(event(PatientLinkedToClinic.TYPE, "p-1", 2,
                new PatientLinkedToClinic("p-1", "integrative-pain")));

        assertThat(registry.find("p-1")).contains(new RegisteredPatient("p-1",
                Set.of("running-shoe", "integrative-pain"), PatientStatus.ACTIVE, null, 2));
    }

    @Test
    void aRedeliveredOrOlderEventChangesNothing() {
        consumer.accept(event(PatientRegistered.TYPE, "p-1", 1, new PatientRegistered("p-1", "running-shoe")));
        consumer.accept(event(PatientErased.TYPE, "p-1", 2, new PatientErased("p-1")));

        consumer.accept(event(PatientLinkedToClinic.TYPE, "p-1", 2,
                new PatientLinkedToClinic("p-1", "integrative-pain")));
        consumer.accept(event(PatientRegistered.TYPE, "p-1", 1, new PatientRegistered("p-1", "running-shoe")));

        assertThat(registry.find("p-1")).contains(
                new RegisteredPatient("p-1", Set.of(), PatientStatus.ERASED, null, 2));
    }

    @Test
    void erasureClearsTheFreeTextOfThePatientsAppointmentsEvenWhenRedelivered() {
        registry.register("patient-1", "running-shoe");
        Appointment booked = service.book(anAppointment().request());
        Appointment other = service.book(anAppointment().startingAt("2026-03-02T18:00:00Z").request());
        service.cancel(other.id(), "back pain worse", Party.CLINIC);
        consumer.accept(event(PatientErased.TYPE, "patient-1", 2, new PatientErased("patient-1")));
        assertThat(service.get(other.id()).cancellationReason()).isNull();
        // a cancellation stored after the registry was marked but before it was read (stale copy), and noted
        Appointment stale = appointments.find(booked.id()).orElseThrow();
        stale.cancel("whiplash, see notes", Party.CLINIC, Duration.ofHours(24), NOW);
        appointments.update(stale);
        registry.noteFreeText("patient-1", booked.id());

        consumer.accept(event(PatientErased.TYPE, "patient-1", 2, new PatientErased("patient-1")));

        assertThat(service.get(booked.id()).cancellationReason()).isNull();
        assertThat(service.get(booked.id()).patientId()).isEqualTo("patient-1");
    }

    @Test
    void aMergeRetiresTheMergedPatientAndLinksTheSurvivor() {
        registry.register("old", "integrative-pain").register("new", "running-shoe");

        consumer.accept(event(PatientsMerged.TYPE, "old", 2,
                new PatientsMerged("old", "new", List.of("running-shoe", "integrative-pain"))));

        assertThat(registry.find("old")).get().satisfies(old -> {
            assertThat(old.status()).isEqualTo(PatientStatus.MERGED);
            assertThat(old.survivingPatientId()).isEqualTo("new");
        });
        assertThat(registry.find("new")).get().extracting(RegisteredPatient::clinicIds)
                .isEqualTo(Set.of("running-shoe", "integrative-pain"));
    }

    @Test
    void ignoresUnknownEventTypes() {
        consumer.accept(event("clinic.patient.renamed.v9", "p-1", 1, "{\"whatever\":true}"));

        assertThat(registry.all()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"patientId\":\"someone-else\",\"clinicId\":\"running-shoe\"}",
            "{\"patientId\":\"p-1\"}", "null"})
    void rejectsAMalformedRegistration(String payload) {
        assertThatThrownBy(() -> consumer.accept(event(PatientRegistered.TYPE, "p-1", 1, payload)))
                .isInstanceOf(MalformedEventException.class);
        assertThat(registry.all()).isEmpty();
    }

    @Test
    void rejectsAMergeIntoItselfOrWithoutSurvivor() {
        assertThatThrownBy(() -> consumer.accept(event(PatientsMerged.TYPE, "p-1", 2,
                new PatientsMerged("p-1", "p-1", List.of())))).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> consumer.accept(event(PatientsMerged.TYPE, "p-1", 2,
                new PatientsMerged("p-1", null, List.of())))).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void rejectsAnEventWithoutRevisionOrEnvelope() {
        Message<byte[]> withoutRevision = MessageBuilder.withPayload(json.writeValueAsBytes(
                        new PatientRegistered("p-1", "running-shoe")))
                .copyHeaders(Envelope.of(PatientRegistered.TYPE, "/patient-service", NOW, "p-1", null, 0).headers())
                .removeHeader("ce_revision").build();
        Message<byte[]> withoutType = MessageBuilder.withPayload("{}".getBytes(StandardCharsets.UTF_8)).build();

        assertThatThrownBy(() -> consumer.accept(withoutRevision)).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> consumer.accept(withoutType)).isInstanceOf(MalformedEventException.class);
    }

    private Message<byte[]> event(String type, String patientId, long revision, Object payload) {
        byte[] bytes = payload instanceof String text ? text.getBytes(StandardCharsets.UTF_8)
                : json.writeValueAsBytes(payload);
        return MessageBuilder.withPayload(bytes)
                .copyHeaders(Envelope.of(type, "/patient-service", NOW, patientId, null, revision).headers())
                .build();
    }
}
