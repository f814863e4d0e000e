package com.clinicbackbone.patient;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicbackbone.messaging.testing.MongoRoundTrips;
import com.clinicbackbone.patient.patient.PatientFixture;
import com.clinicbackbone.security.DemoPersona;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The PHI access log is never shortened: what removes data in patient-service (a merge retires a record, an erasure
 * removes the personal data) leaves every entry of both records, and nothing but inserts and reads reaches the log.
 * patient-service keeps no idempotency keys and no other finished history, so it has no retention run of its own;
 * {@link PatientArchitectureTest} keeps any future code from removing or changing an entry.
 */
class AccessLogKeptIntegrationTest extends PatientServiceIntegrationTest {

    static final DemoPersona DESK = DemoPersona.FRONTDESK_RUNNING_SHOE;

    @Test
    void mergingAndErasingKeepsEveryAccessLogEntry() throws Exception {
        PatientFixture person = PatientFixture.someone();
        String survivor = body(post("/api/patients", DESK, person.toJson())).get("id").asString();
        String duplicate = body(post("/api/patients", DESK, PatientFixture.someone().toJson())).get("id").asString();
        roundTrips.reset();
        get("/api/patients/" + survivor, DESK);
        get("/api/patients/" + duplicate, DESK);
        get("/api/patients/" + duplicate + "/contact", DESK);

        assertThat(post("/api/patients/" + survivor + "/merge", DESK, Map.of("mergedPatientId", duplicate))
                .statusCode()).isEqualTo(200);
        assertThat(delete("/api/patients/" + survivor, DESK).statusCode()).isEqualTo(204);

        assertThat(body(get("/api/patients/" + duplicate + "/access-log", DemoPersona.AUDITOR))).hasSize(2);
        assertThat(body(get("/api/patients/" + survivor + "/access-log", DemoPersona.AUDITOR)))
                .as("its read and the merge's").hasSize(2);
        assertThat(roundTrips.commands(MongoRoundTrips.on("phi_access_log")))
                .extracting(MongoRoundTrips.Command::name).containsOnly("insert", "find");
    }
}
