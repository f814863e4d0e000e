package com.clinicbackbone.notification.notification.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The signature scheme against the example in Twilio's request-validation documentation. */
class TwilioSignatureTest {

    static final String TOKEN = "12345";
    static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    static final String DOCUMENTED_SIGNATURE = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

    final TwilioSignature signature = new TwilioSignature(TOKEN, URL);

    @Test
    void reproducesTwiliosDocumentedExampleWhateverOrderTheParametersCameIn() {
        Map<String, List<String>> unordered = new LinkedHashMap<>();
        unordered.put("To", List.of("+18005551212"));
        unordered.put("Digits", List.of("1234"));
        unordered.put("From", List.of("+14158675309"));
        unordered.put("CallSid", List.of("CA1234567890ABCDE"));
        unordered.put("Caller", List.of("+14158675309"));

        assertThat(TwilioSignature.compute(TOKEN, URL, unordered)).isEqualTo(DOCUMENTED_SIGNATURE);
        assertThat(signature.verifies(DOCUMENTED_SIGNATURE, unordered)).isTrue();
    }

    @Test
    void refusesAMissingSignatureATamperedParameterAnotherUrlOrAnotherToken() {
        Map<String, List<String>> params = documentedParameters();

        assertThat(signature.verifies(null, params)).isFalse();
        assertThat(signature.verifies("", params)).isFalse();
        assertThat(signature.verifies("RSOYDt4T1cUTdK1PDd93/VVr8B8", params)).isFalse();
        Map<String, List<String>> tampered = documentedParameters();
        tampered.put("Digits", List.of("9999"));
        assertThat(signature.verifies(DOCUMENTED_SIGNATURE, tampered)).isFalse();
        Map<String, List<String>> extra = documentedParameters();
        extra.put("MessageStatus", List.of("delivered"));
        assertThat(signature.verifies(DOCUMENTED_SIGNATURE, extra)).isFalse();
        assertThat(new TwilioSignature(TOKEN, URL + "&x=1").verifies(DOCUMENTED_SIGNATURE, params)).isFalse();
        assertThat(new TwilioSignature("54321", URL).verifies(DOCUMENTED_SIGNATURE, params)).isFalse();
    }

    @Test
    void withoutAConfiguredTokenOrUrlNothingVerifies() {
        assertThat(new TwilioSignature(null, URL).verifies(DOCUMENTED_SIGNATURE, documentedParameters())).isFalse();
        assertThat(new TwilioSignature(TOKEN, null).verifies(DOCUMENTED_SIGNATURE, documentedParameters())).isFalse();
    }

    static Map<String, List<String>> documentedParameters() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("CallSid", List.of("CA1234567890ABCDE"));
        params.put("Caller", List.of("+14158675309"));
        params.put("Digits", List.of("1234"));
        params.put("From", List.of("+14158675309"));
        params.put("To", List.of("+18005551212"));
        return params;
    }
}
