package com.clinicbackbone.notification;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.clinicbackbone.security.DemoPersona;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Templates of the calgary-concussion clinic (no other test sends with its templates); each test saves a
 * template of its own kind, language and channel, so the order the tests run in does not matter.
 */
class TemplateIntegrationTest extends RunningServiceTest {

    static final String PATH = "/api/clinics/calgary-concussion/templates/{kind}/{language}/{channel}";

    ResultActions putTemplate(String kind, String language, String channel, String body) throws Exception {
        return mvc.perform(put(PATH, kind, language, channel)
                .header("Authorization", bearer(DemoPersona.FRONTDESK_CALGARY_CONCUSSION))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    ResultActions getTemplate(String kind, String language, String channel) throws Exception {
        return mvc.perform(get(PATH, kind, language, channel)
                .header("Authorization", bearer(DemoPersona.FRONTDESK_CALGARY_CONCUSSION)));
    }

    @Test
    void builtInTemplatesExistInEnglishAndFrenchWithReplyInstructionsAndTheirPlaceholders() throws Exception {
        getTemplate("REMINDER", "en", "SMS").andExpect(status().isOk())
                .andExpect(jsonPath("$.builtIn").value(true))
                .andExpect(jsonPath("$.text").value(containsString("Reply C to confirm, X to cancel")))
                .andExpect(jsonPath("$.placeholders").value(containsInAnyOrder("senderName", "date", "time")));
        getTemplate("reminder", "fr", "sms").andExpect(status().isOk())
                .andExpect(jsonPath("$.text").value(containsString("Répondez C pour confirmer, X pour annuler")));
        getTemplate("CONFIRMATION", "fr", "EMAIL").andExpect(status().isOk())
                .andExpect(jsonPath("$.subject").value("Votre rendez-vous est confirmé"))
                .andExpect(jsonPath("$.html").value(containsString("<p>")))
                .andExpect(jsonPath("$.placeholders").value(hasItem("clinicName")));
    }

    @Test
    void savedTemplateIsTheOneInForce() throws Exception {
        putTemplate("CHANGE", "en", "EMAIL", """
                {"subject": "New time at {{clinicName}}", "text": "Hi {{givenName}}, now {{date}} at {{time}}.",
                 "html": "<p>Hi {{givenName}}, now {{date}} at {{time}}.</p>"}""")
                .andExpect(status().isOk()).andExpect(jsonPath("$.builtIn").value(false));

        getTemplate("CHANGE", "en", "EMAIL").andExpect(jsonPath("$.subject").value("New time at {{clinicName}}"))
                .andExpect(jsonPath("$.builtIn").value(false));
    }

    @Test
    void unknownPlaceholderIsRefusedNamingIt() throws Exception {
        putTemplate("REMINDER", "en", "SMS", """
                {"text": "{{senderName}}: your {{serviceName}} on {{date}}. Reply C to confirm, X to cancel."}""")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("text"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("{{serviceName}}")));
        putTemplate("REMINDER", "en", "SMS", """
                {"text": "{{senderName}} {{clinicName}} {{date}}"}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value(containsString("{{clinicName}}")));
        getTemplate("REMINDER", "en", "SMS").andExpect(jsonPath("$.builtIn").value(true));
    }

    @Test
    void smsOverTwoSegmentsIsRefusedWithItsMeasuredLengthAndEncoding() throws Exception {
        String gsm = "x".repeat(285); // + the longest alias (11), a space and the longest date (10): 307 septets
        putTemplate("CHANGE", "en", "SMS", "{\"text\": \"{{senderName}} {{date}}" + gsm + "\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value(containsString("307 characters in GSM-7, 3 segments")));
        String ucs2 = "ç".repeat(115); // ç is not GSM-7: 11 + 1 + 10 + 115 = 137 UCS-2 characters, 3 segments
        putTemplate("CHANGE", "en", "SMS", "{\"text\": \"{{senderName}} {{date}}" + ucs2 + "\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value(containsString("137 characters in UCS-2, 3 segments")));
        putTemplate("CHANGE", "en", "SMS", "{\"text\": \"{{senderName}} {{date}}" + "ç".repeat(112) + "\"}")
                .andExpect(status().isOk());
        getTemplate("CHANGE", "en", "SMS").andExpect(jsonPath("$.builtIn").value(false));
    }

    @Test
    void smsMayNotNameTheClinicAndEmailNeedsAllItsParts() throws Exception {
        putTemplate("CONFIRMATION", "fr", "SMS", """
                {"text": "Calgary Concussion Centre : rendez-vous le {{date}}."}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value(containsString("may not name the clinic")));
        putTemplate("CONFIRMATION", "fr", "EMAIL", """
                {"text": "Bonjour"}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("subject", "html")));
        putTemplate("CONFIRMATION", "de", "FAX", "{\"text\": \"x\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("language", "channel")));
    }
}
