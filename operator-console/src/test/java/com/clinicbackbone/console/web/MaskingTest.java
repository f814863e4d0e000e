package com.clinicbackbone.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicbackbone.console.deadletter.DeadLetter.Header;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void masksPersonalFieldsAndKeepsIdsTypesStatusesAndTimes() {
        String masked = Masking.payload(bytes("""
                {"patientId":"p-1","givenName":"Chloe","familyName":"Martin","email":"chloe.martin@example.org",
                 "phone":"+14035550142","dateOfBirth":"1990-06-15","birthDate":"1990-06-15","type":"SMS",
                 "status":"BOOKED","start":"2026-12-01T16:00:00Z","createdAt":"2026-11-25T20:00:00Z","revision":3,
                 "text":"see you", "body":"Dear Chloe", "clinicIds":["running-shoe"]}"""));

        assertThat(masked).doesNotContain("Chloe", "Martin", "chloe.martin", "4035550142", "1990", "see you");
        assertThat(masked).contains("\"patientId\" : \"p-1\"", "\"type\" : \"SMS\"", "\"status\" : \"BOOKED\"",
                "\"start\" : \"2026-12-01T16:00:00Z\"", "\"createdAt\" : \"2026-11-25T20:00:00Z\"", "\"revision\" : 3",
                "\"clinicIds\" : [ \"running-shoe\" ]", "\"givenName\" : \"***\"", "\"email\" : \"***\"");
    }

    @Test
    void masksNestedObjectsAndArraysByTheirOwnFieldNames() {
        String masked = Masking.payload(bytes("""
                {"contact":{"patientId":"p-2","emails":["ann.lee@example.org"],"address":{"street":"1 Main St"}},
                 "notes":[{"id":"n-1","text":"knee pain"}]}"""));

        assertThat(masked).doesNotContain("ann.lee", "Main St", "knee pain");
        assertThat(masked).contains("\"patientId\" : \"p-2\"", "\"id\" : \"n-1\"");
    }

    @Test
    void hidesAPayloadThatIsNotJsonAndATopLevelValue() {
        assertThat(Masking.payload(bytes("Chloe Martin, +14035550142"))).isEqualTo("(26 bytes that are not JSON: hidden)");
        assertThat(Masking.payload(bytes("\"Chloe Martin\""))).doesNotContain("Chloe");
        assertThat(Masking.payload(null)).isEqualTo("(no payload: a tombstone)");
    }

    @Test
    void showsEnvelopeAndOriginHeadersAndMasksUnknownOnes() {
        assertThat(Masking.header(header("ce_subject", "a-1"))).isEqualTo("a-1");
        assertThat(Masking.header(header("x-original-topic", "clinic.appointments.v1")))
                .isEqualTo("clinic.appointments.v1");
        assertThat(Masking.header(header("x-exception-message", "Timed out"))).isEqualTo("Timed out");
        assertThat(Masking.header(header("x-patient-name", "Chloe Martin"))).isEqualTo(Masking.MASK);
    }

    private static Header header(String name, String value) {
        return new Header(name, bytes(value));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
