package com.clinicbackbone.console.web;

import static com.clinicbackbone.console.deadletter.DeadLetterFixture.deadLetter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.clinicbackbone.console.ConsoleProperties;
import com.clinicbackbone.console.SecurityConfiguration;
import com.clinicbackbone.console.bookings.Bookings;
import com.clinicbackbone.console.deadletter.DeadLetter;
import com.clinicbackbone.console.deadletter.DeadLetterActions;
import com.clinicbackbone.console.deadletter.DeadLetters;
import com.clinicbackbone.console.deadletter.InMemoryDeadLetters;
import com.clinicbackbone.console.status.InstanceStatus;
import com.clinicbackbone.console.status.Overview;
import com.clinicbackbone.console.status.Sample;
import com.clinicbackbone.console.status.http.InstanceProbe;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.OidcLoginRequestPostProcessor;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@WebMvcTest(controllers = {ConsolePage.class, DeadLetterApi.class})
@Import(SecurityConfiguration.class)
class ConsoleWebTest {

    @TestConfiguration
    @EnableConfigurationProperties(ConsoleProperties.class)
    static class Fakes {

        @Bean
        InMemoryDeadLetters deadLetters() {
            return new InMemoryDeadLetters();
        }

        @Bean
        Clock clock() {
            return Clock.fixed(Instant.parse("2026-11-25T20:00:00Z"), ZoneOffset.UTC);
        }

        @Bean
        DeadLetterActions deadLetterActions(DeadLetters deadLetters, Clock clock) {
            return new DeadLetterActions(deadLetters, letter -> { }, clock);
        }
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    InMemoryDeadLetters deadLetters;
    @MockitoBean
    InstanceProbe probe;
    @MockitoBean
    Bookings bookings;

    private final DeadLetter letter = deadLetter().atOffset(3).build();
    private final String path = "/dead-letters/" + letter.id();

    @BeforeEach
    void someServicesAndOneDeadLetter() {
        deadLetters.clear();
        deadLetters.addIfAbsent(letter);
        given(probe.overview()).willReturn(Overview.of(List.of(
                new InstanceStatus("booking-service", "http://127.0.0.1:8081", "UP", "", List.of(
                        new Sample(Overview.REMINDERS, Map.of("stage", "sent"), 5),
                        new Sample(Overview.OFFERS, Map.of("clinic", "running-shoe"), 4),
                        new Sample(Overview.OFFER_OUTCOMES, Map.of("clinic", "running-shoe", "outcome", "filled"), 3)),
                        null),
                new InstanceStatus("notification-service", "http://127.0.0.1:8083", "DOWN",
                        "ConnectException: Connection refused", List.of(), "ConnectException"))));
        given(bookings.bookedOn(any(), anyList()))
                .willReturn(Map.of("running-shoe", 4L));
    }

    @Test
    void refusesASignedInUserWithoutTheOperatorRole() throws Exception {
        OidcLoginRequestPostProcessor frontDesk = oidcLogin().authorities(new SimpleGrantedAuthority("ROLE_FRONT_DESK"));

        mvc.perform(get("/").with(frontDesk)).andExpect(status().isForbidden());
        mvc.perform(get(path).with(frontDesk)).andExpect(status().isForbidden());
        mvc.perform(get("/api/dead-letters").with(frontDesk)).andExpect(status().isForbidden());
        mvc.perform(post(path + "/replay").with(frontDesk).with(csrf())).andExpect(status().isForbidden());
        assertThat(deadLetters.find(letter.id()).orElseThrow().state()).isEqualTo(DeadLetter.State.NEW);
    }

    @Test
    void sendsABrowserWithoutASessionToSignInWithPkce() throws Exception {
        mvc.perform(get("/")).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/oauth2/authorization/backbone"));

        MvcResult authorize = mvc.perform(get("/oauth2/authorization/backbone")).andReturn();

        assertThat(authorize.getResponse().getRedirectedUrl()).startsWith("http://127.0.0.1:9000/oauth2/authorize?")
                .contains("client_id=operator", "code_challenge=", "code_challenge_method=S256", "scope=openid");
    }

    @Test
    void showsEveryInstanceWithItsHealthAndADownOneWithItsReason() throws Exception {
        String page = mvc.perform(get("/").with(operator())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(page).contains("booking-service", "notification-service", "ConnectException: Connection refused",
                "running-shoe", letter.id(), "NEW", "Timed out while waiting for a server");
        assertThat(page).contains("unavailable (no instance exports spring_cloud_stream_binder_kafka_offset)");
        assertThat(page).containsPattern("id=\"waitlist-fill-rate\">75\s?%<");
    }

    @Test
    void masksPersonalDataOnTheDeadLetterPage() throws Exception {
        mvc.perform(get(path).with(operator())).andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("&quot;givenName&quot; : &quot;***&quot;"),
                        containsString("&quot;patientId&quot; : &quot;p-1&quot;"),
                        containsString("clinic.appointments.v1"),
                        not(containsString("Chloe")),
                        not(containsString("chloe.martin")),
                        not(containsString("4035550142")),
                        not(containsString("x-exception-stacktrace")))));
        mvc.perform(get("/api" + path).with(operator())).andExpect(status().isOk())
                .andExpect(jsonPath("$.payload").value(not(
                        containsString("Chloe"))))
                .andExpect(jsonPath("$.errorMessage").value("Timed out while waiting for a server"));
    }

    @Test
    void refusesAnActionWithoutTheCsrfToken() throws Exception {
        mvc.perform(post(path + "/replay").with(operator())).andExpect(status().isForbidden());
        mvc.perform(post("/api" + path + "/discard").with(operator())).andExpect(status().isForbidden());

        assertThat(deadLetters.find(letter.id()).orElseThrow().state()).isEqualTo(DeadLetter.State.NEW);
    }

    @Test
    void replaysOnThePageAndExplainsWhyASecondReplayIsRefused() throws Exception {
        mvc.perform(post(path + "/replay").with(operator()).with(csrf()))
                .andExpect(redirectedUrl(path)).andExpect(flash().attribute("message", "Replayed to clinic.appointments.v1."));

        mvc.perform(post(path + "/replay").with(operator()).with(csrf()))
                .andExpect(redirectedUrl(path)).andExpect(flash().attribute("error", containsString(
                        "was already replayed by operator at 2026-11-25T20:00:00Z; it cannot be replayed again")));
        String page = mvc.perform(get(path).with(operator())).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("REPLAYED", "operator at 2026-11-25 13:00:00 MST");
    }

    @Test
    void answersASecondReplayThroughTheApiWith409Problem() throws Exception {
        mvc.perform(post("/api" + path + "/replay").with(operator()).with(csrf())).andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("REPLAYED")).andExpect(jsonPath("$.handledBy").value("operator"));

        mvc.perform(post("/api" + path + "/replay").with(operator()).with(csrf()))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.detail").value(containsString("already replayed by operator")))
                .andExpect(jsonPath("$.deadLetterId").value(letter.id()));
        mvc.perform(post("/api" + path + "/discard").with(operator()).with(csrf())).andExpect(status().isConflict());
        mvc.perform(post("/api/dead-letters/nope/0/1/discard").with(operator()).with(csrf()))
                .andExpect(status().isNotFound());
    }

    private static OidcLoginRequestPostProcessor operator() {
        return oidcLogin().idToken(token -> token.subject("operator"))
                .authorities(new SimpleGrantedAuthority("ROLE_OPERATOR"));
    }
}
