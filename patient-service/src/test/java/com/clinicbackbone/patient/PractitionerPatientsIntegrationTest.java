package com.clinicbackbone.patient;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicbackbone.events.AppointmentBooked;
import com.clinicbackbone.events.AppointmentCancelled;
import com.clinicbackbone.events.EventHeaders;
import com.clinicbackbone.patient.patient.PatientFixture;
import com.clinicbackbone.security.DemoPersona;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.index.IndexField;
import org.springframework.data.mongodb.core.index.IndexInfo;

/**
 * {@code clinic.appointments.v1} → the practitioner–patient pairs → who may read which record: a practitioner reads
 * and finds the patients on their own appointments only; any other record answers 404 like an unknown id.
 */
class PractitionerPatientsIntegrationTest extends PatientServiceIntegrationTest {

    static final DemoPersona RUNNING_SHOE = DemoPersona.FRONTDESK_RUNNING_SHOE;
    static final DemoPersona CONCUSSION = DemoPersona.FRONTDESK_CALGARY_CONCUSSION;
    static final DemoPersona MAYA = DemoPersona.PRACTITIONER_MAYA_CHEN;
    static final DemoPersona NOAH = DemoPersona.PRACTITIONER_NOAH_TREMBLAY;
    static final String DLQ = "clinic.appointments.v1.patient-service.dlq";

    record Registered(String id, String phone) {
    }

    Registered register(DemoPersona desk) throws Exception {
        PatientFixture person = PatientFixture.someone().with("clinicId", desk.clinicIds().iterator().next());
        HttpResponse<String> created = post("/api/patients", desk, person.toJson());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return new Registered(body(created).get("id").asString(), (String) person.get("phone"));
    }

    HttpResponse<String> searchByPhone(String phone, DemoPersona persona) throws Exception {
        return get("/api/patients?phone=" + URLEncoder.encode(phone, StandardCharsets.UTF_8), persona);
    }

    @Test
    void mayaReadsThePatientOnHerAppointmentButNotAnotherPatientOfHerClinic() throws Exception {
        Registered hers = register(RUNNING_SHOE);
        Registered notHers = register(RUNNING_SHOE);
        assertThat(get("/api/patients/" + hers.id(), MAYA).statusCode()).as("before the booking").isEqualTo(404);

        publishBooking("running-shoe", "maya-chen", hers.id());
        awaitPair("maya-chen", hers.id());

        HttpResponse<String> read = get("/api/patients/" + hers.id(), MAYA);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(body(read).get("id").asString()).isEqualTo(hers.id());
        assertThat(body(read).get("clinicIds").toString()).isEqualTo("[\"running-shoe\"]");
        HttpResponse<String> contact = get("/api/patients/" + hers.id() + "/contact", MAYA);
        assertThat(contact.statusCode()).as(contact.body()).isEqualTo(200);
        assertThat(body(contact).get("phone").asString()).isEqualTo(hers.phone());
        assertThat(searchByPhone(hers.phone(), MAYA).body()).contains(hers.id());

        HttpResponse<String> unknown = get("/api/patients/" + UUID.randomUUID(), MAYA);
        for (String path : List.of("/api/patients/" + notHers.id(), "/api/patients/" + notHers.id() + "/contact")) {
            HttpResponse<String> refused = get(path, MAYA);
            assertThat(refused.statusCode()).as(path).isEqualTo(404);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(body(refused).get("title").asString()).isEqualTo(body(unknown).get("title").asString());
            assertThat(refused.body()).doesNotContain(notHers.phone());
        }
        HttpResponse<String> search = searchByPhone(notHers.phone(), MAYA);
        assertThat(search.statusCode()).isEqualTo(200);
        assertThat(search.body()).isEqualTo("[]");
        assertThat(get("/api/patients/" + hers.id(), NOAH).statusCode()).as("not on Noah's appointments")
                .isEqualTo(404);
        assertThat(get("/api/patients/" + notHers.id(), RUNNING_SHOE).statusCode()).as("the front desk still does")
                .isEqualTo(200);
    }

    @Test
    void aCancelledAppointmentStillGivesThePractitionerThePatientAsAnIdsOnlyPair() throws Exception {
        Registered patient = register(CONCUSSION);
        String appointmentId = UUID.randomUUID().toString();
        Instant start = Instant.parse("2026-06-01T15:00:00Z");

        publishAppointmentEvent(AppointmentCancelled.TYPE, appointmentId, json.writeValueAsString(
                new AppointmentCancelled(appointmentId, "calgary-concussion", "physio-initial", "noah-tremblay",
                        patient.id(), start, start.plusSeconds(3600), "CANCELLED", start, false)));
        awaitPair("noah-tremblay", patient.id());

        assertThat(get("/api/patients/" + patient.id(), NOAH).statusCode()).isEqualTo(200);
        Document pair = mongo.getCollection("practitioner_patients").find(new Document("patientId", patient.id()))
                .first();
        assertThat(pair.keySet()).containsOnly("_id", "practitionerId", "patientId");
        List<IndexInfo> indexes = mongo.indexOps("practitioner_patients").getIndexInfo();
        assertThat(indexes).as("one document per pair").anySatisfy(index -> {
            assertThat(index.isUnique()).isTrue();
            assertThat(index.getIndexFields()).extracting(IndexField::getKey)
                    .containsExactly("practitionerId", "patientId");
        });
    }

    @Test
    void aMergeGivesThePractitionerOfTheMergedRecordTheSurvivor() throws Exception {
        Registered survivor = register(RUNNING_SHOE);
        Registered merged = register(RUNNING_SHOE);
        publishBooking("running-shoe", "maya-chen", merged.id());
        awaitPair("maya-chen", merged.id());
        assertThat(get("/api/patients/" + survivor.id(), MAYA).statusCode()).isEqualTo(404);

        HttpResponse<String> result = post("/api/patients/" + survivor.id() + "/merge", RUNNING_SHOE,
                Map.of("mergedPatientId", merged.id()));
        assertThat(result.statusCode()).as(result.body()).isEqualTo(200);

        assertThat(get("/api/patients/" + survivor.id(), MAYA).statusCode()).isEqualTo(200);
        assertThat(get("/api/patients/" + merged.id(), MAYA).statusCode()).isEqualTo(404);
        assertThat(mongo.getCollection("practitioner_patients").countDocuments(
                new Document("patientId", merged.id()))).isZero();

        // a later event of her appointment still names the merged id: it counts for the survivor
        Registered other = register(RUNNING_SHOE);
        assertThat(post("/api/patients/" + survivor.id() + "/merge", RUNNING_SHOE,
                Map.of("mergedPatientId", other.id())).statusCode()).isEqualTo(200);
        publishBooking("running-shoe", "noah-tremblay", other.id());
        awaitPair("noah-tremblay", survivor.id());
        assertThat(get("/api/patients/" + survivor.id(), NOAH).statusCode()).isEqualTo(200);
    }

    @Test
    void sendsAMalformedAppointmentEventToTheDeadLetterTopicAndCarriesOn() throws Exception {
        Registered patient = register(RUNNING_SHOE);
        String malformed = UUID.randomUUID().toString();

        publishAppointmentEvent(AppointmentBooked.TYPE, malformed, "{\"appointmentId\": ");
        publishBooking("running-shoe", "maya-chen", patient.id());

        ConsumerRecord<String, String> dead = read(DLQ, malformed, 1).get(0);
        assertThat(dead.value()).isEqualTo("{\"appointmentId\": ");
        assertThat(header(dead, EventHeaders.TYPE)).isEqualTo(AppointmentBooked.TYPE);
        awaitPair("maya-chen", patient.id());
        assertThat(get("/api/patients/" + patient.id(), MAYA).statusCode()).isEqualTo(200);
    }
}
