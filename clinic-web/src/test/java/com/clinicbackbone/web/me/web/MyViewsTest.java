package com.clinicbackbone.web.me.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.clinicbackbone.web.backbone.Appointment;
import com.clinicbackbone.web.backbone.BackboneProblem;
import com.clinicbackbone.web.backbone.Catalog;
import com.clinicbackbone.web.backbone.Clinic;
import com.clinicbackbone.web.backbone.ClinicService;
import com.clinicbackbone.web.backbone.Practitioner;
import com.clinicbackbone.web.me.web.MyViews.AppointmentRow;
import com.clinicbackbone.web.me.web.MyViews.Rules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.support.ResourceBundleMessageSource;

/** What the patient's pages say about an appointment and a refusal, without a browser. */
class MyViewsTest {

    private static final Instant NOW = Instant.parse("2026-03-02T16:00:00Z");
    private static final Clinic RUNNING_SHOE = new Clinic("running-shoe", "Running Shoe", "America/Edmonton");
    private static final ClinicService FOLLOW_UP = new ClinicService("physio-follow-up", "running-shoe",
            "Physiotherapy follow-up", 30, Duration.ofHours(24), true, Duration.ofHours(2), Duration.ofDays(90),
            List.of("maya-chen"));

    private final MyViews views = views();

    @Test
    void anAppointmentMoreThanTheLateWindowAheadCanBeChangedOnline() {
        AppointmentRow row = row("BOOKED", NOW.plus(Duration.ofHours(25)));

        assertThat(row.upcoming()).isTrue();
        assertThat(row.changeable()).isTrue();
        assertThat(row.late()).isFalse();
    }

    @Test
    void insideTheLateWindowTheClinicMustBeCalledAndTheNumberIsShown() {
        AppointmentRow row = row("CONFIRMED", NOW.plus(Duration.ofHours(23)));

        assertThat(row.upcoming()).isTrue();
        assertThat(row.changeable()).isFalse();
        assertThat(row.late()).isTrue();
        assertThat(row.rules().phone()).isEqualTo("+1 403-555-0100");
        assertThat(row.rules().tel()).isEqualTo("tel:+14035550100");
        assertThat(row.day()).isEqualTo("Tuesday, March 3, 2026"); // 15:00 UTC is 08:00 in Calgary (MST)
        assertThat(row.time()).isEqualTo("8:00 AM");
    }

    @Test
    void aCancelledOrFinishedVisitIsPastAndACheckedInOneStaysUpcomingWithoutActions() {
        assertThat(row("CANCELLED", NOW.plus(Duration.ofDays(3))).upcoming()).isFalse();
        assertThat(row("COMPLETED", NOW.minus(Duration.ofHours(3))).upcoming()).isFalse();
        AppointmentRow checkedIn = row("CHECKED_IN", NOW.minus(Duration.ofMinutes(10)));
        assertThat(checkedIn.upcoming()).isTrue();
        assertThat(checkedIn.changeable()).isFalse();
        assertThat(checkedIn.late()).isFalse();
    }

    @Test
    void aBookingRuleIsExplainedInPlainWordsInEnglishAndFrench() {
        Rules rules = views.rules(RUNNING_SHOE, FOLLOW_UP, Locale.ENGLISH);
        BackboneProblem tooSoon = new BackboneProblem(422, "Booking rule not met", "physio-follow-up must be booked"
                + " online at least 2 hours ahead", "INSIDE_MINIMUM_NOTICE", Map.of("start", "..."));

        assertThat(views.refusal(tooSoon, rules, Locale.ENGLISH).text()).isEqualTo("This time is too soon: online"
                + " bookings must be made at least 2 hours ahead. Nothing was changed. For an earlier time, call the"
                + " clinic at +1 403-555-0100.");
        assertThat(views.refusal(tooSoon, views.rules(RUNNING_SHOE, FOLLOW_UP, Locale.FRENCH), Locale.FRENCH).text())
                .isEqualTo("Cette heure est trop proche : une réservation en ligne se fait au moins 2 heures à"
                        + " l'avance. Rien n'a été modifié. Pour une heure plus proche, appelez la clinique au"
                        + " +1 403-555-0100.");
        assertThat(rules.horizon()).isEqualTo("90 days");
        assertThat(rules.lateWindow()).isEqualTo("24 hours");
    }

    @Test
    void refusalsWithoutARuleGetTheirOwnWordsAndOthersGoToTheProblemPage() {
        Rules rules = views.rules(RUNNING_SHOE, FOLLOW_UP, Locale.ENGLISH);

        assertThat(code(new BackboneProblem(409, "Time not available", "taken", null, null), rules)).isEqualTo("TAKEN");
        assertThat(code(new BackboneProblem(409, "Conflicting appointment state", "cancelled", null, null), rules))
                .isEqualTo("CHANGED");
        assertThat(code(new BackboneProblem(422, "Too late to change online", "late", null, null), rules))
                .isEqualTo("TOO_LATE");
        assertThat(code(new BackboneProblem(422, "Patient cannot be booked", "not linked", null,
                Map.of("patientId", "not linked")), rules)).isEqualTo("NOT_LINKED");
        assertThat(code(new BackboneProblem(403, "Forbidden", "not yours", null, null), rules)).isNull();
        assertThat(code(new BackboneProblem(404, "Not found", "gone", null, null), rules)).isNull();
    }

    private String code(BackboneProblem problem, Rules rules) {
        MyViews.Refusal refusal = views.refusal(problem, rules, Locale.ENGLISH);
        return refusal == null ? null : refusal.code();
    }

    private AppointmentRow row(String status, Instant start) {
        Appointment appointment = new Appointment("apt-1", "running-shoe", "physio-follow-up", "maya-chen", "p-1",
                start, start.plus(Duration.ofMinutes(30)), status, 1, false, null, null, null, null, null, null);
        return views.row(appointment, views.names(), Locale.ENGLISH);
    }

    private static MyViews views() {
        Catalog catalog = mock(Catalog.class);
        when(catalog.clinics()).thenReturn(List.of(RUNNING_SHOE));
        when(catalog.services("running-shoe")).thenReturn(List.of(FOLLOW_UP));
        when(catalog.practitioners("running-shoe")).thenReturn(List.of(new Practitioner("maya-chen", "Maya Chen",
                "Physiotherapist", List.of("running-shoe"))));
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("i18n/common", "i18n/patient");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerSingleton("clock", Clock.fixed(NOW, ZoneOffset.UTC));
        return new MyViews(catalog, new ClinicPhones(Map.of("running-shoe", "+1 403-555-0100")), messages,
                beans.getBeanProvider(Clock.class));
    }
}
