package com.clinicbackbone.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicbackbone.localstack.RepoRoot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code docs/api/events.asyncapi.yaml} is what the clinic-events records and the services' bindings make (so a
 * change to an event shows as a diff in review; {@code -Dapi.docs.write=true} rewrites it), and it breaks no reader
 * of the released version kept in {@code docs/api/released/}.
 */
class EventContractTest {

    static final String RELEASED = "docs/api/released/events.asyncapi.yaml";

    final Path root = RepoRoot.find();

    @Test
    void theCommittedDocumentIsTheOneTheEventRecordsMake() throws Exception {
        String made = AsyncApiDocument.yaml(root);
        Path file = root.resolve(AsyncApiDocument.FILE);
        if (Boolean.getBoolean("api.docs.write")) {
            Files.writeString(file, made, StandardCharsets.UTF_8);
            return;
        }
        String committed = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        if (!made.equals(committed)) {
            throw new AssertionFailedError(AsyncApiDocument.FILE + " is not what the event records and the "
                    + "services' bindings make. If the change is meant, regenerate it and commit it:\n"
                    + "    mvn -pl system-tests test -Dtest=EventContractTest -Dapi.docs.write=true", committed, made);
        }
    }

    @Test
    void noChangeBreaksAReaderOfTheReleasedVersion() throws Exception {
        JsonNode released = AsyncApiDocument.read(Files.readString(root.resolve(RELEASED)));

        assertThat(EventCompatibility.breaks(released, AsyncApiDocument.tree(root)))
                .as("changes that break a reader of %s: make them a new type .v2 on a new topic version", RELEASED)
                .isEmpty();
    }

    @Test
    void aRemovedRetypedOrNewlyRequiredFieldOrAGoneTypeBreaksAReaderButANewOptionalFieldDoesNot() {
        ObjectNode released = AsyncApiDocument.tree(root);
        ObjectNode schemas = (ObjectNode) released.path("components").path("schemas");

        ObjectNode added = released.deepCopy();
        ((ObjectNode) added.path("components").path("schemas").path("AppointmentBooked").path("properties"))
                .putObject("roomId").putArray("type").add("string").add("null");
        assertThat(EventCompatibility.breaks(released, added)).isEmpty();

        ObjectNode removed = released.deepCopy();
        ((ObjectNode) removed.path("components").path("schemas").path("AppointmentBooked").path("properties"))
                .remove("serviceId");
        assertThat(EventCompatibility.breaks(released, removed))
                .containsExactly("clinic.appointment.booked.v1 field serviceId was removed or renamed");

        ObjectNode retyped = released.deepCopy();
        ((ObjectNode) retyped.path("components").path("schemas").path("CourseSessionRescheduled").path("properties")
                .path("number")).put("type", "string");
        assertThat(EventCompatibility.breaks(released, retyped)).singleElement().asString()
                .contains("number changed its type");

        ObjectNode required = released.deepCopy();
        ((ObjectNode) required.path("components").path("schemas").path("AppointmentBooked"))
                .putArray("required").add("appointmentId");
        assertThat(EventCompatibility.breaks(released, required))
                .containsExactly("clinic.appointment.booked.v1 field appointmentId is newly required");

        ObjectNode gone = released.deepCopy();
        ((ObjectNode) gone.path("components").path("messages")).remove("PatientErased");
        ((ObjectNode) gone.path("channels").path("clinic.patients.v1").path("messages")).remove("PatientErased");
        assertThat(EventCompatibility.breaks(released, gone))
                .containsExactly("clinic.patient.erased.v1 on clinic.patients.v1 is gone");
        assertThat(schemas.size()).isGreaterThan(20);
    }

    @Test
    void everyTopicHasItsPublisherAndConsumersAndEveryEventATopic() {
        EventCatalog catalog = new EventCatalog(root);

        assertThat(catalog.events()).hasSizeGreaterThan(20)
                .allSatisfy(event -> assertThat(event.topic()).isNotNull());
        assertThat(catalog.topics().values()).allSatisfy(topic -> {
            assertThat(topic.consumers()).as("consumers of %s", topic.name()).isNotEmpty();
            assertThat(catalog.events()).as("events on %s", topic.name())
                    .anyMatch(event -> event.topic().equals(topic));
        });
    }

    @Test
    void aRecordWithAnUndocumentedFieldOrTypeBreaksTheEventContract() {
        EventContract contract = new EventContract(root.resolve(AsyncApiDocument.FILE));
        Map<String, String> headers = Map.of("ce_specversion", "1.0", "ce_id", "e-1", "ce_type",
                "clinic.patient.erased.v1", "ce_source", "/patient-service", "ce_time", "2026-03-02T10:00:00Z",
                "ce_subject", "p-1", "ce_revision", "3", "content-type", "application/json");

        assertThat(contract.violations("clinic.patients.v1", headers, "{\"patientId\":\"p-1\"}")).isEmpty();
        assertThat(contract.violations("clinic.patients.v1", headers, "{\"patientId\":\"p-1\",\"name\":\"Ann\"}"))
                .singleElement().asString().contains("name");
        assertThat(contract.violations("clinic.appointments.v1", headers, "{\"patientId\":\"p-1\"}"))
                .singleElement().asString().contains("documented on clinic.patients.v1");
        assertThat(contract.violations("clinic.patients.v1", Map.of("ce_type", "clinic.patient.renamed.v1"), "{}"))
                .containsExactly("event type clinic.patient.renamed.v1 is not documented");
    }
}
