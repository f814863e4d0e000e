package com.clinicbackbone.patient.patient.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clinicbackbone.events.AppointmentBooked;
import com.clinicbackbone.events.AppointmentCancelled;
import com.clinicbackbone.events.AppointmentCheckedIn;
import com.clinicbackbone.events.AppointmentCompleted;
import com.clinicbackbone.events.AppointmentConfirmed;
import com.clinicbackbone.events.AppointmentNoShow;
import com.clinicbackbone.events.AppointmentRescheduled;
import com.clinicbackbone.events.Envelope;
import com.clinicbackbone.events.PatientRegistered;
import com.clinicbackbone.messaging.MalformedEventException;
import com.clinicbackbone.patient.patient.InMemoryAccessLog;
import com.clinicbackbone.patient.patient.InMemoryPatients;
import com.clinicbackbone.patient.patient.InMemoryPractitionerPatients;
import com.clinicbackbone.patient.patient.PatientFixture;
import com.clinicbackbone.patient.patient.PatientRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.databind.json.JsonMapper;

/** What an appointment event does to the practitioner–patient pairs, and which events are refused as malformed. */
class AppointmentEventConsumerTest {

    static final Instant START = Instant.parse("2026-06-01T15:00:00Z");
    static final Instant END = START.plusSeconds(3600);

    final JsonMapper json = JsonMapper.builder().build();
    final InMemoryPractitionerPatients pairs = new InMemoryPractitionerPatients();
    final PatientRegistry registry = new PatientRegistry(new InMemoryPatients(), new InMemoryAccessLog(), pairs,
            PatientFixture.CLINICS, Clock.fixed(START, ZoneOffset.UTC));
    final AppointmentEventConsumer consumer = new AppointmentEventConsumer(json, registry);

    /** Every appointment event type of the contract, with the payload booking-service writes for it. */
    static Stream<Object> everyAppointmentEvent() {
        return Stream.of(
                new AppointmentBooked("a-1", "running-shoe", "physio", "maya-chen", "p-1", START, END, "BOOKED"),
                new AppointmentCancelled("a-1", "running-shoe", "physio", "maya-chen", "p-1", START, END, "CANCELLED",
                        START, true),
                new AppointmentRescheduled("a-1", "running-shoe", "physio", "maya-chen", "p-1", START, END, "BOOKED",
                        START.minusSeconds(86_400)),
                new AppointmentConfirmed("a-1", "running-shoe", "physio", "maya-chen", "p-1", START, END, "CONFIRMED"),
                new AppointmentCheckedIn("a-1", "running-shoe", "physio", "maya-chen", "p-1", START, END,
                        "CHECKED_IN"),
                new AppointmentCompleted("a-1", "running-shoe", "physio", "maya-chen", "p-1", START, END,
                        "COMPLETED"),
                new AppointmentNoShow("a-1", "running-shoe", "physio", "maya-chen", "p-1", START, END, "NO_SHOW"));
    }

    static String typeOf(Object event) {
        try {
            return (String) event.getClass().getField("TYPE").get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static Message<byte[]> message(String type, String key, String payload) {
        MessageBuilder<byte[]> message = MessageBuilder.withPayload(payload.getBytes(StandardCharsets.UTF_8));
        Envelope.of(type, "/booking-service", START, key, "running-shoe", 1).headers()
                .forEach((name, value) -> message.setHeader(name, value.getBytes(StandardCharsets.UTF_8)));
        return message.build();
    }

    Message<byte[]> message(Object event) {
        return message(typeOf(event), "a-1", json.writeValueAsString(event));
    }

    @ParameterizedTest
    @MethodSource("everyAppointmentEvent")
    void everyAppointmentEventGivesThePractitionerThePatientCancelledOrNot(Object event) {
        consumer.accept(message(event));
        consumer.accept(message(event));

        assertThat(pairs.all()).containsExactly("maya-chen/p-1");
    }

    @Test
    void theContractListsNoAppointmentEventThisConsumerDoesNotKnow() {
        assertThat(everyAppointmentEvent().map(AppointmentEventConsumerTest::typeOf))
                .containsExactlyInAnyOrderElementsOf(AppointmentEventConsumer.TYPES);
    }

    @Test
    void readsTheEnvelopeAlsoUnderTheNamesSpringCloudFunctionGivesIt() {
        Message<byte[]> original = message(everyAppointmentEvent().findFirst().orElseThrow());
        MessageBuilder<byte[]> renamed = MessageBuilder.withPayload(original.getPayload());
        original.getHeaders().forEach((name, value) -> {
            if (name.startsWith("ce_")) {
                renamed.setHeader("ce-" + name.substring(3), value);
            }
        });

        consumer.accept(renamed.build());

        assertThat(pairs.all()).containsExactly("maya-chen/p-1");
    }

    @Test
    void ignoresEventsOfOtherTypes() {
        consumer.accept(message(PatientRegistered.TYPE, "p-1", json.writeValueAsString(Map.of(
                "patientId", "p-1", "practitionerId", "maya-chen", "appointmentId", "p-1"))));
        consumer.accept(message("clinic.appointment.something-new.v1", "a-1", "not even json"));

        assertThat(pairs.all()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"appointmentId\": ",
            "[]",
            "",
            "{\"appointmentId\": \"a-1\", \"patientId\": \"p-1\"}",
            "{\"appointmentId\": \"a-1\", \"practitionerId\": \" \", \"patientId\": \"p-1\"}",
            "{\"appointmentId\": \"a-1\", \"practitionerId\": \"maya-chen\"}",
            "{\"appointmentId\": \"a-2\", \"practitionerId\": \"maya-chen\", \"patientId\": \"p-1\"}",
            "{\"practitionerId\": \"maya-chen\", \"patientId\": \"p-1\"}"})
    void refusesAnEventWithoutItsIdsAsMalformedAndRecordsNothing(String payload) {
        assertThatThrownBy(() -> consumer.accept(message(AppointmentBooked.TYPE, "a-1", payload)))
                .isInstanceOf(MalformedEventException.class);

        assertThat(pairs.all()).isEmpty();
    }

    @Test
    void refusesAnEventWithoutAnEnvelopeAsMalformed() {
        Message<byte[]> bare = MessageBuilder.withPayload("{}".getBytes(StandardCharsets.UTF_8))
                .setHeader("ce_type", AppointmentBooked.TYPE).build();

        assertThatThrownBy(() -> consumer.accept(bare)).isInstanceOf(MalformedEventException.class);
    }
}
