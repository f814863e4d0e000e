package com.clinicbackbone.web.me;

import static com.clinicbackbone.web.me.BackboneApi.ANN_LEE;
import static com.clinicbackbone.web.me.BackboneApi.CALGARY;
import static com.clinicbackbone.web.me.BackboneApi.DESK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clinicbackbone.web.Browser;
import com.clinicbackbone.web.RunningBackbone;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

/**
 * The signed-in patient's pages in a real browser, as patient-ann-lee: booking online from a public free time (signing
 * in through "Book"), the rule texts for a time inside the minimum notice (nothing booked), cancelling and moving
 * outside the late window and "call the clinic" inside it (nothing changed), another patient's appointment refused,
 * French, and the language, channels and consents. axe-core runs on every page visited.
 */
@EnabledIf(value = "com.clinicbackbone.web.Browser#installed",
        disabledReason = "needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)")
class PatientPagesEndToEndTest {

    private static final String ANN = "patient-ann-lee";

    private final RunningBackbone backbone = RunningBackbone.get();
    private final BackboneApi api = new BackboneApi(backbone);
    private Browser browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aPatientBooksAPublicFreeTimeAfterSigningInThroughBookAndSeesItUnderUpcoming() throws Exception {
        browser = Browser.english();
        browser.open(backbone.web("/clinics/running-shoe?serviceId=physio-follow-up"));
        List<WebElement> slots = browser.driver.findElements(By.cssSelector("#free-times a[data-slot-start]"));
        assertThat(slots).isNotEmpty();
        WebElement chosen = slots.get(slots.size() - 1);
        String start = chosen.getAttribute("data-slot-start");
        browser.driver.manage().window().setSize(new Dimension(1280, 1500));
        screenshot("patient-booking.png");

        chosen.click();
        signInAtTheIssuer(ANN);
        browser.waitFor(By.id("book-form"));
        assertThat(browser.driver.findElement(By.id("start")).getAttribute("value")).isEqualTo(start);
        assertThat(browser.driver.findElement(By.id("service-rules")).getText())
                .contains("at least 2 hours ahead", "at most 90 days ahead", "until 24 hours before the visit");
        browser.assertAccessible();
        browser.driver.findElement(By.id("book")).click();

        WebElement booked = browser.waitFor(By.cssSelector("#upcoming [data-appointment-id]"
                + ".highlight"));
        String id = booked.getAttribute("data-appointment-id");
        assertThat(browser.driver.findElement(By.id("booked-message")).getText()).startsWith("Booked.");
        assertThat(booked.getText()).contains("Physiotherapy follow-up", "with Maya Chen", "Booked");
        assertThat(browser.driver.findElement(By.id("cancel-" + id)).isDisplayed()).isTrue();
        browser.assertAccessible();
        JsonNode appointment = api.get(backbone.booking("/api/appointments/" + id), DESK);
        assertThat(appointment.path("patientId").asString()).isEqualTo(ANN_LEE);
        assertThat(appointment.path("start").asString()).isEqualTo(start);
        assertThat(appointment.path("status").asString()).isEqualTo("BOOKED");
    }

    @Test
    void aPatientBooksWithTheKeyboardOnly() {
        browser = Browser.english();
        browser.signIn(backbone.web("/me"), ANN);
        browser.open(backbone.web("/clinics/running-shoe?serviceId=massage-60"));

        WebElement slot = tabTo(element -> element.getAttribute("data-slot-start") != null);
        String start = slot.getAttribute("data-slot-start");
        slot.sendKeys(Keys.ENTER);
        browser.waitFor(By.id("book-form"));
        tabTo(element -> "book".equals(element.getAttribute("id"))).sendKeys(Keys.ENTER);

        String id = browser.waitFor(By.cssSelector("#upcoming .highlight[data-appointment-id]"))
                .getAttribute("data-appointment-id");
        JsonNode appointment = api.get(backbone.booking("/api/appointments/" + id), DESK);
        assertThat(appointment.path("start").asString()).isEqualTo(start);
        assertThat(appointment.path("serviceId").asString()).isEqualTo("massage-60");
    }

    @Test
    void aPatientSeesTheProgressOfTheirTreatmentCourse() {
        LocalDate today = LocalDate.now(CALGARY);
        Instant first = api.freeStarts("massage-60", "sofia-ramirez", today.plusDays(4), today.plusDays(30)).get(0);
        String course = api.post(backbone.booking("/api/courses"), DESK, """
                {"clinicId": "running-shoe", "serviceId": "massage-60", "practitionerId": "sofia-ramirez",
                 "patientId": "%s", "sessions": 2, "minDaysBetween": 0, "maxDaysBetween": 30,
                 "firstStart": "%s"}""".formatted(ANN_LEE, first), 201).path("id").asString();
        browser = Browser.english();
        browser.signIn(backbone.web("/me"), ANN);

        WebElement shown = browser.waitFor(By.cssSelector("#courses [data-course-id='" + course + "']"));
        assertThat(shown.getText()).contains("Massage therapy, 60 minutes", "with Sofia Ramirez");
        assertThat(shown.findElement(By.className("progress")).getText())
                .isEqualTo("0 done, 2 upcoming, 0 missed, 0 cancelled (of 2 sessions)");
        assertThat(shown.findElements(By.cssSelector(".sessions [data-appointment-id]"))).hasSize(2);
        browser.assertAccessible();
    }

    @Test
    void aTimeInsideTheMinimumNoticeShowsTheRuleInPlainWordsAndBooksNothing() {
        LocalDate today = LocalDate.now(CALGARY);
        Instant allowed = api.freeStarts("physio-follow-up", "maya-chen", today.plusDays(2), today.plusDays(20))
                .get(0);
        Instant tooSoon = nextQuarterHour(Instant.now().plus(Duration.ofMinutes(40)));
        browser = Browser.english();
        browser.signIn(backbone.web("/me/book?clinicId=running-shoe&serviceId=physio-follow-up"
                + "&practitionerId=maya-chen&start=" + allowed), ANN);
        browser.waitFor(By.id("book-form"));

        // a tampered form: the hidden start moved to 40-55 minutes from now (the service needs 2 hours' notice)
        ((JavascriptExecutor) browser.driver).executeScript(
                "document.getElementById('start').value = arguments[0];", tooSoon.toString());
        browser.driver.findElement(By.id("book")).click();

        WebElement rule = browser.waitFor(By.id("problem-rule"));
        assertThat(rule.getAttribute("data-rule")).isEqualTo("INSIDE_MINIMUM_NOTICE");
        assertThat(rule.getText()).isEqualTo("This time is too soon: online bookings must be made at least 2 hours"
                + " ahead. Nothing was changed. For an earlier time, call the clinic at +1 403-555-0100.");
        assertThat(browser.driver.findElements(By.id("book-form"))).isEmpty();
        browser.assertAccessible();
        assertThat(annsAppointmentsOn(tooSoon)).isEmpty();
    }

    @Test
    void aPatientMovesAndCancelsADeskBookingOutsideTheLateWindow() {
        String toMove = api.deskBooksInAFewDays(ANN_LEE);
        String toCancel = api.deskBooksInAFewDays(ANN_LEE);
        browser = Browser.english();
        browser.signIn(backbone.web("/me"), ANN);
        // the list follows the patient's notifications, planned from the booking events: a moment after the booking
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> {
            browser.open(backbone.web("/me"));
            return !browser.driver.findElements(By.id("cancel-" + toCancel)).isEmpty()
                    && !browser.driver.findElements(By.id("move-" + toMove)).isEmpty();
        });
        browser.assertAccessible();

        browser.driver.findElement(By.id("move-" + toMove)).click();
        WebElement newTime = browser.waitFor(By.cssSelector("#move-form input[name=start]"));
        String newStart = newTime.getAttribute("value");
        browser.assertAccessible();
        newTime.click();
        browser.driver.findElement(By.id("move")).click();
        browser.waitFor(By.id("moved-message"));
        assertThat(api.get(backbone.booking("/api/appointments/" + toMove), DESK).path("start").asString())
                .isEqualTo(newStart);

        browser.driver.findElement(By.id("cancel-" + toCancel)).click();
        WebElement cancelled = browser.waitFor(By.cssSelector("#past [data-appointment-id='" + toCancel + "']"));
        assertThat(cancelled.getAttribute("data-status")).isEqualTo("CANCELLED");
        assertThat(browser.driver.findElement(By.id("cancelled-message")).getText()).startsWith("Cancelled.");
        assertThat(api.status(toCancel)).isEqualTo("CANCELLED");
        browser.assertAccessible();
    }

    @Test
    void insideTheLateWindowThePatientIsToldToCallTheClinicAndACancelChangesNothing() {
        String soon = api.post(backbone.booking("/api/appointments"), DESK, """
                {"clinicId": "running-shoe", "serviceId": "massage-60", "practitionerId": "sofia-ramirez",
                 "patientId": "%s", "start": "%s"}""".formatted(ANN_LEE, freeMassageStartWithinADay()), 201)
                .path("id").asString();
        browser = Browser.english();
        browser.signIn(backbone.web("/me/appointments/" + soon), ANN);

        WebElement call = browser.waitFor(By.id("call-" + soon));
        assertThat(call.getText()).contains("less than 24 hours before this visit", "call the clinic",
                "+1 403-555-0100");
        assertThat(call.findElement(By.tagName("a")).getAttribute("href")).isEqualTo("tel:+14035550100");
        assertThat(browser.driver.findElements(By.id("cancel-" + soon))).isEmpty();
        browser.assertAccessible();

        postFromThePage("/me/appointments/" + soon + "/cancel");

        WebElement rule = browser.waitFor(By.id("problem-rule"));
        assertThat(rule.getAttribute("data-rule")).isEqualTo("TOO_LATE");
        assertThat(rule.getText()).contains("Nothing was changed", "+1 403-555-0100");
        browser.assertAccessible();
        assertThat(api.status(soon)).isEqualTo("BOOKED");
    }

    @Test
    void anotherPatientsAppointmentIsRefusedWithTheSamePageAsAnUnknownOneAndCannotBeCancelled() {
        String foreign = api.deskBooksInAFewDays(api.registerPatient());
        browser = Browser.english();
        browser.signIn(backbone.web("/me"), ANN);

        browser.open(backbone.web("/me/appointments/" + foreign));
        String refused = browser.waitFor(By.id("problem")).getText();
        assertThat(refused).isEqualTo("We could not find that page.");
        assertThat(browser.driver.getPageSource()).doesNotContain("Exception", "at com.", "Stranger");
        browser.assertAccessible();
        browser.open(backbone.web("/me/appointments/no-such-appointment"));
        assertThat(browser.waitFor(By.id("problem")).getText()).isEqualTo(refused);

        browser.open(backbone.web("/me"));
        postFromThePage("/me/appointments/" + foreign + "/cancel");
        assertThat(browser.waitFor(By.id("problem")).getText()).isEqualTo(refused);
        assertThat(api.status(foreign)).isEqualTo("BOOKED");
    }

    @Test
    void aFrenchSessionShowsFrenchTexts() {
        browser = Browser.french();
        browser.open(backbone.web("/"));
        assertThat(browser.driver.findElement(By.tagName("h1")).getText())
                .isEqualTo("Prendre rendez-vous dans nos cliniques");
        browser.assertAccessible();
        browser.open(backbone.web("/clinics/running-shoe"));
        assertThat(browser.driver.findElement(By.id("services-heading")).getText())
                .isEqualTo("Services réservables en ligne");
        assertThat(browser.driver.findElement(By.cssSelector("#services [data-service=physio-follow-up]")).getText())
                .contains("30 minutes", "avec Maya Chen", "au moins 2 heures à l'avance", "90 jours");
        browser.assertAccessible();

        browser.signIn(backbone.web("/me"), ANN);
        assertThat(browser.waitFor(By.tagName("h1")).getText()).isEqualTo("Mes rendez-vous");
        assertThat(browser.driver.findElement(By.id("rules")).getText())
                .contains("Comment fonctionne la réservation en ligne", "appelez la clinique");
        assertThat(browser.driver.findElement(By.id("sign-out")).getText()).isEqualTo("Se déconnecter");
        browser.assertAccessible();
    }

    @Test
    void aPatientChangesChannelsAndConsentsAndTheLanguageOfMessagesAndPages() {
        browser = Browser.english();
        browser.signIn(backbone.web("/me/settings"), ANN);
        browser.waitFor(By.id("contact-form"));
        browser.assertAccessible();

        WebElement smsConsent = browser.driver.findElement(By.id("consent-SMS"));
        if (smsConsent.isSelected()) {
            smsConsent.click();
        }
        browser.driver.findElement(By.id("save-consents")).click();
        browser.waitFor(By.id("saved-message"));
        assertThat(browser.driver.findElement(By.id("consent-SMS")).isSelected()).isFalse();
        assertThat(consent(api.get(backbone.patients("/api/patients/" + ANN_LEE + "/contact"), DESK), "SMS"))
                .isFalse();

        browser.driver.findElement(By.id("channel-SMS")).click(); // unticked: email only
        if (!browser.driver.findElement(By.id("channel-EMAIL")).isSelected()) {
            browser.driver.findElement(By.id("channel-EMAIL")).click();
        }
        new Select(browser.driver.findElement(By.id("language-choice")))
                .selectByValue("fr");
        browser.driver.findElement(By.id("save-contact")).click();

        assertThat(browser.waitFor(By.id("saved-message")).getText()).isEqualTo("Enregistré.");
        assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("fr");
        browser.assertAccessible();
        JsonNode contact = api.get(backbone.patients("/api/patients/" + ANN_LEE + "/contact"), DESK);
        assertThat(contact.path("language").asString()).isEqualTo("fr");
        assertThat(contact.path("channels").toString()).isEqualTo("[\"EMAIL\"]");

        // no channel at all is refused next to the field, and nothing changes
        browser.driver.findElement(By.id("channel-EMAIL")).click();
        browser.driver.findElement(By.id("save-contact")).click();
        assertThat(browser.waitFor(By.cssSelector("#contact-errors [data-field=channels]")).getText())
                .isEqualTo("Choisissez au moins un canal.");
        assertThat(api.get(backbone.patients("/api/patients/" + ANN_LEE + "/contact"), DESK).path("channels")
                .toString()).isEqualTo("[\"EMAIL\"]");
        restoreAnnsSettings();
    }

    /** Back to the demo values, so that other tests see Ann as seeded. */
    private void restoreAnnsSettings() {
        api.put(backbone.patients("/api/patients/" + ANN_LEE + "/contact"), DESK, """
                {"email": "ann.lee@example.org", "phone": "+14035550123", "language": "en",
                 "channels": ["EMAIL", "SMS"]}""");
        api.put(backbone.patients("/api/patients/" + ANN_LEE + "/consents"), DESK, """
                {"consents": [{"channel": "SMS", "granted": true, "method": "demo data"}]}""");
    }

    private static boolean consent(JsonNode contact, String channel) {
        for (JsonNode consent : contact.path("consents")) {
            if (consent.path("channel").asString().equals(channel)) {
                return consent.path("granted").asBoolean();
            }
        }
        return false;
    }

    /** Presses Tab until the focused element is the one wanted (keyboard only). */
    private WebElement tabTo(Predicate<WebElement> wanted) {
        for (int presses = 0; presses < 300; presses++) {
            new Actions(browser.driver).sendKeys(Keys.TAB).perform();
            WebElement focused = browser.driver.switchTo().activeElement();
            if (wanted.test(focused)) {
                return focused;
            }
        }
        throw new AssertionError("Tab never reached the element on " + browser.driver.getCurrentUrl());
    }

    /** The issuer's form, reached by following a link to a signed-in page. */
    private void signInAtTheIssuer(String persona) {
        browser.waitFor(By.name("username")).sendKeys(persona);
        browser.driver.findElement(By.name("password")).sendKeys("demo-secret");
        browser.driver.findElement(By.cssSelector("button[type=submit]")).click();
    }

    /**
     * A form the page does not offer, sent with the page's own CSRF token (taken from the sign-out form): what a
     * tampered page or a second tab could send.
     */
    private void postFromThePage(String path) {
        ((JavascriptExecutor) browser.driver).executeScript("""
                const form = document.createElement('form');
                form.method = 'post';
                form.action = arguments[0];
                const token = document.querySelector('form input[name=_csrf]').cloneNode();
                form.appendChild(token);
                document.body.appendChild(form);
                form.submit();""", path);
        await().atMost(Duration.ofSeconds(15)).until(() -> browser.driver.getCurrentUrl().endsWith(path));
    }

    /** Sofia Ramirez gets extra hours a few hours from now, and the first free massage start in them. */
    private Instant freeMassageStartWithinADay() {
        LocalDateTime from = LocalDateTime.now(CALGARY).plusHours(2).truncatedTo(ChronoUnit.HOURS);
        api.post(backbone.booking("/api/practitioners/sofia-ramirez/exceptions"), DESK, """
                {"kind": "EXTRA_HOURS", "clinicId": "running-shoe", "start": "%s", "end": "%s"}"""
                .formatted(from, from.plusHours(4)), 201);
        Instant earliest = Instant.now().plus(Duration.ofMinutes(30));
        Instant latest = Instant.now().plus(Duration.ofHours(20));
        return api.freeStarts("massage-60", "sofia-ramirez", from.toLocalDate(), from.plusHours(4).toLocalDate())
                .stream().filter(start -> start.isAfter(earliest) && start.isBefore(latest)).findFirst()
                .orElseThrow(() -> new AssertionError("no free massage start within a day after extra hours"));
    }

    private List<JsonNode> annsAppointmentsOn(Instant start) {
        LocalDate date = start.atZone(CALGARY).toLocalDate();
        List<JsonNode> found = new ArrayList<>();
        api.get(backbone.booking("/api/appointments?clinicId=running-shoe&date=" + date), DESK).forEach(appointment -> {
            if (appointment.path("patientId").asString().equals(ANN_LEE)
                    && appointment.path("start").asString().equals(start.toString())) {
                found.add(appointment);
            }
        });
        return found;
    }

    private static Instant nextQuarterHour(Instant instant) {
        Instant minute = instant.truncatedTo(ChronoUnit.MINUTES);
        long extra = (15 - minute.atZone(CALGARY).getMinute() % 15) % 15;
        return minute.plus(Duration.ofMinutes(extra));
    }

    private void screenshot(String name) throws Exception {
        Path target = Path.of("target", "screenshots");
        Files.createDirectories(target);
        Files.copy(((TakesScreenshot) browser.driver).getScreenshotAs(OutputType.FILE).toPath(),
                target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
