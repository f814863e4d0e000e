package com.clinicbackbone.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.clinicbackbone.notification.appointment.Appointment;
import com.clinicbackbone.notification.appointment.AppointmentStatus;
import com.clinicbackbone.notification.notification.NotificationPlanner;
import com.clinicbackbone.notification.policy.ReminderPolicy;
import com.clinicbackbone.security.DemoPersona;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

class ReminderPolicyIntegrationTest extends RunningServiceTest {

    static final String SEEDED_INTEGRATIVE_PAIN = """
            {"confirmations":{"booked":true,"changed":true,"cancelled":true},
             "reminders":[{"offset":"PT48H","channels":["EMAIL"]},{"offset":"PT24H","channels":["SMS"]},
                          {"offset":"PT2H","channels":["SMS"]}],
             "aftercare":true,"quietHours":{"start":"21:00","end":"08:00"},"senderName":"IM Clinic",
             "recall":{"enabled":true,"every":"PT336H","times":2}}""";

    @Autowired
    NotificationPlanner planner;

    @AfterEach
    void restoreTheSeededPolicy() {
        policies.save("calgary-concussion", ReminderPolicy.defaults("CC Clinic"));
    }

    @Test
    void eachClinicStartsWithTheSeededPolicyAndItsSmsAliasAsSender() throws Exception {
        mvc.perform(get("/api/clinics/integrative-pain/reminder-policy")
                        .header("Authorization", bearer(DemoPersona.FRONTDESK_INTEGRATIVE_PAIN)))
                .andExpect(status().isOk())
                .andExpect(content().json(SEEDED_INTEGRATIVE_PAIN, org.springframework.test.json.JsonCompareMode.STRICT));
        mvc.perform(get("/api/clinics/integrative-pain/reminder-policy")
                        .header("Authorization", bearer(DemoPersona.OPERATOR)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.senderName").value("IM Clinic"));
    }

    @Test
    void replacedPolicyIsWhatThePlannerUsesForTheNextBooking() throws Exception {
        mvc.perform(put("/api/clinics/calgary-concussion/reminder-policy")
                        .header("Authorization", bearer(DemoPersona.FRONTDESK_CALGARY_CONCUSSION))
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"confirmations":{"booked":false,"changed":true,"cancelled":true},
                                 "reminders":[{"offset":"PT90M","channels":["SMS","EMAIL"]}],"aftercare":false,
                                 "quietHours":{"start":"22:00","end":"07:30"},"senderName":"CC Clinic"}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.reminders[0].offset").value("PT1H30M"))
                .andExpect(jsonPath("$.reminders[0].channels").value(org.hamcrest.Matchers.contains("EMAIL", "SMS")));
        Instant start = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MINUTES);

        planner.booked(new Appointment("apt-policy-1", "calgary-concussion", "noah-tremblay", "pat-policy-1", start,
                start.plus(Duration.ofMinutes(45)), AppointmentStatus.BOOKED, 1, "physio-follow-up"));

        List<Map<String, Object>> planned = notifications("appointmentId=apt-policy-1",
                DemoPersona.FRONTDESK_CALGARY_CONCUSSION);
        assertThat(planned).extracting(n -> n.get("id"), n -> n.get("dueAt")).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("apt-policy-1:REMINDER:EMAIL:PT1H30M",
                        start.minus(Duration.ofMinutes(90)).toString()),
                org.assertj.core.groups.Tuple.tuple("apt-policy-1:REMINDER:SMS:PT1H30M",
                        start.minus(Duration.ofMinutes(90)).toString()));
    }

    @Test
    void badPolicyIsRefusedNamingEveryBadFieldAndNothingIsSaved() throws Exception {
        mvc.perform(put("/api/clinics/integrative-pain/reminder-policy")
                        .header("Authorization", bearer(DemoPersona.FRONTDESK_INTEGRATIVE_PAIN))
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"confirmations":{"booked":true,"changed":true,"cancelled":true},
                                 "reminders":[{"offset":"PT24H","channels":["SMS"]},{"offset":"-PT2H","channels":["SMS"]},
                                              {"offset":"P1D","channels":["EMAIL"]},{"offset":"PT0M","channels":["SMS"]},
                                              {"offset":"PT3H","channels":["FAX"]}],
                                 "aftercare":true,"quietHours":{"start":"25:00","end":"8am"},"senderName":"IM Clinic"}"""))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("nothing was saved")))
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder(
                        "reminders[1].offset", "reminders[2].offset", "reminders[3].offset", "reminders[4].channels",
                        "quietHours.start", "quietHours.end")))
                .andExpect(jsonPath("$.errors[?(@.field == 'reminders[2].offset')].message").value(
                        org.hamcrest.Matchers.contains(org.hamcrest.Matchers.containsString("twice"))))
                .andExpect(jsonPath("$.errors[?(@.field == 'reminders[4].channels')].message").value(
                        org.hamcrest.Matchers.contains(org.hamcrest.Matchers.containsString("FAX"))));

        mvc.perform(get("/api/clinics/integrative-pain/reminder-policy")
                        .header("Authorization", bearer(DemoPersona.FRONTDESK_INTEGRATIVE_PAIN)))
                .andExpect(content().json(SEEDED_INTEGRATIVE_PAIN, org.springframework.test.json.JsonCompareMode.STRICT));
    }

    @Test
    void unknownClinicIsNotFound() throws Exception {
        mvc.perform(get("/api/clinics/nowhere/reminder-policy").header("Authorization", bearer(DemoPersona.OPERATOR)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }
}
