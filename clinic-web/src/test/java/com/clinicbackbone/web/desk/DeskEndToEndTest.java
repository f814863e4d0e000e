package com.clinicbackbone.web.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clinicbackbone.web.Browser;
import com.clinicbackbone.web.RunningBackbone;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

/**
 * The front desk in a real browser against the running backbone: the week and day views, booking from a free time
 * (with the mouse and with the keyboard only), refusals in plain words, live updates from changes made elsewhere,
 * and pages that are not the desk's. axe-core runs on every page visited.
 */
@EnabledIf(value = "com.clinicbackbone.web.Browser#installed",
        disabledReason = "needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)")
class DeskEndToEndTest {

    static final String CLINIC = "running-shoe";
    static final String DESK = "frontdesk-running-shoe";

    private final RunningBackbone backbone = RunningBackbone.get();
    private final BackboneApi desk = BackboneApi.as(backbone, DESK);
    private Browser browser;

    /** Closes the browser after each test; on failure the page it was on goes to target/ first. */
    @RegisterExtension
    final TestWatcher closeBrowser = new TestWatcher() {
        @Override
        public void testSuccessful(ExtensionContext context) {
            browser.close();
        }

        @Override
        public void testAborted(ExtensionContext context, Throwable cause) {
            browser.close();
        }

        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            try {
                Files.writeString(Path.of("target", context.getRequiredTestMethod().getName() + ".html"),
                        browser.driver.getCurrentUrl() + "\n" + browser.driver.getPageSource());
            } catch (IOException | RuntimeException e) {
                // nothing to keep
            } finally {
                browser.close();
            }
        }
    };

    @BeforeEach
    void openBrowser() {
        browser = Browser.english();
    }


    @Test
    void aDeskBooksFromTheWeekViewForAPatientLinkedFromAnotherClinic() throws IOException {
        String given = BackboneApi.uniqueName("Wren");
        BackboneApi.as(backbone, "frontdesk-calgary-concussion")
                .registerPatient("calgary-concussion", given, "Okoro", "1988-04-12");
        LocalDate monday = BackboneApi.mondayIn(2);
        browser.signIn(backbone.web("/desk/clinics/" + CLINIC + "?view=week&date=" + monday
                + "&serviceId=physio-follow-up"), DESK);
        browser.waitFor(By.id("week-grid"));
        browser.assertAccessible();

        WebElement slot = browser.driver.findElement(By.cssSelector(
                "#week-grid td[data-date='" + monday + "'] a.slot[data-practitioner=maya-chen]"));
        Instant start = Instant.parse(slot.getAttribute("data-slot-start"));
        slot.click();
        browser.waitFor(By.id("register-form"));
        browser.assertAccessible();
        registerInTheForm(given, "Okoro", "1988-04-12");
        WebElement registered = browser.waitFor(By.id("registered"));
        assertThat(registered.getAttribute("data-registered")).isEqualTo("linked");
        assertThat(registered.getText()).contains("linked to this clinic instead of creating a duplicate");
        browser.assertAccessible();
        browser.driver.findElement(By.id("book-submit")).click();

        WebElement panel = browser.waitFor(By.id("appointment-panel"));
        assertThat(panel.getAttribute("data-status")).isEqualTo("BOOKED");
        assertThat(browser.driver.findElement(By.id("patient")).getText()).contains(given, "Okoro");
        browser.assertAccessible();
        String appointmentId = panel.getAttribute("data-appointment-id");
        JsonNode booked = desk.appointment(appointmentId);
        assertThat(booked.path("start").asString()).isEqualTo(start.toString());
        assertThat(booked.path("practitionerId").asString()).isEqualTo("maya-chen");

        browser.open(backbone.web("/desk/clinics/" + CLINIC + "?view=week&date=" + monday
                + "&serviceId=physio-follow-up"));
        WebElement entry = browser.waitFor(By.cssSelector("#week-grid [data-appointment-id='" + appointmentId + "']"));
        assertThat(entry.getText()).contains(given);
        assertThat(browser.driver.findElements(By.cssSelector("a.slot[data-slot-start='" + start + "']"))).isEmpty();
        screenshot("desk-week.png");
    }

    @Test
    void anotherClinicsPageAndAForeignAppointmentAreRefusedWithAClearPage() {
        BackboneApi concussion = BackboneApi.as(backbone, "frontdesk-calgary-concussion");
        JsonNode patient = concussion.registerPatient("calgary-concussion", BackboneApi.uniqueName("Ivo"), "Marsh",
                "1979-09-30");
        LocalDate tuesday = BackboneApi.mondayIn(3).plusDays(1);
        Instant start = concussion.firstFree("calgary-concussion", "concussion-follow-up", "noah-tremblay", tuesday);
        String foreign = concussion.book("calgary-concussion", "concussion-follow-up", "noah-tremblay",
                patient.path("id").asString(), start).path("id").asString();

        browser.signIn(backbone.web("/desk/clinics/calgary-concussion"), DESK);
        assertThat(browser.waitFor(By.id("forbidden")).getText()).isEqualTo("Not yours to see");
        browser.assertAccessible();

        browser.open(backbone.web("/desk/clinics/" + CLINIC + "/appointments/" + foreign));
        assertThat(browser.waitFor(By.id("problem")).getText()).isEqualTo("We could not find that page.");
        browser.assertAccessible();

        browser.open(backbone.web("/desk/clinics/calgary-concussion/appointments/" + foreign));
        assertThat(browser.waitFor(By.id("forbidden")).getText()).isEqualTo("Not yours to see");
        assertThat(browser.driver.getPageSource()).doesNotContain("Exception", "at com.", "Ivo");
    }

    @Test
    void aRefusedBookingShowsTheRuleInPlainWordsAndBooksNothing() {
        JsonNode patient = desk.registerPatient(CLINIC, BackboneApi.uniqueName("Ada"), "Quill", "1990-01-20");
        LocalDate tuesday = BackboneApi.mondayIn(2).plusDays(1);
        Instant tenOClock = tuesday.atTime(10, 0).atZone(BackboneApi.CALGARY).toInstant();
        browser.signIn(backbone.web("/desk/clinics/" + CLINIC + "/book?serviceId=physio-follow-up"
                + "&practitionerId=maya-chen&start=" + tenOClock + "&patientId=" + patient.path("id").asString()), DESK);
        browser.waitFor(By.id("book-form"));
        browser.assertAccessible();

        browser.driver.findElement(By.id("book-submit")).click();

        WebElement rule = browser.waitFor(By.id("problem-rule"));
        assertThat(rule.getAttribute("data-rule")).isEqualTo("OUTSIDE_HOURS");
        assertThat(rule.getText()).isEqualTo("The practitioner does not work at this clinic at that time.");
        browser.assertAccessible();
        assertThat(desk.clinicDay(CLINIC, tuesday).findValues("patientId"))
                .extracting(JsonNode::asString).doesNotContain(patient.path("id").asString());
    }

    @Test
    void theOpenDayViewShowsAChangeMadeElsewhereWithinSecondsWithoutAReload() {
        JsonNode patient = desk.registerPatient(CLINIC, BackboneApi.uniqueName("Liv"), "Dunmore", "1985-07-07");
        LocalDate wednesday = BackboneApi.mondayIn(2).plusDays(2);
        Instant start = desk.firstFree(CLINIC, "massage-60", "sofia-ramirez", wednesday);
        String id = desk.book(CLINIC, "massage-60", "sofia-ramirez", patient.path("id").asString(), start)
                .path("id").asString();
        browser.signIn(backbone.web("/desk/clinics/" + CLINIC + "?date=" + wednesday + "&serviceId=massage-60"), DESK);
        WebElement entry = browser.waitFor(By.cssSelector("#day-grid [data-appointment-id='" + id + "']"));
        assertThat(entry.getAttribute("data-status")).isEqualTo("BOOKED");
        browser.assertAccessible();
        await().atMost(Duration.ofSeconds(10)).until(() -> "open".equals(browser.driver
                .findElement(By.id("desk-clinic")).getAttribute("data-live-state")));
        ((JavascriptExecutor) browser.driver).executeScript("document.body.dataset.notReloaded = 'yes'");

        BackboneApi.as(backbone, DESK).cancel(id, "called to cancel");

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> !browser.driver
                .findElements(By.cssSelector("[data-appointment-id='" + id + "'][data-status=CANCELLED]")).isEmpty());
        assertThat(browser.driver.findElement(By.id("desk-clinic")).getAttribute("data-live-last")).contains(id);
        assertThat(browser.driver.findElement(By.tagName("body")).getAttribute("data-not-reloaded")).isEqualTo("yes");
        assertThat(browser.driver.findElements(By.cssSelector("a.slot[data-slot-start='" + start + "']"))).hasSize(1);
        browser.assertAccessible();
    }

    @Test
    void aDeskBooksWithTheKeyboardOnly() {
        String given = BackboneApi.uniqueName("Kit");
        desk.registerPatient(CLINIC, given, "Harrow", "1992-02-29");
        LocalDate friday = BackboneApi.mondayIn(3).plusDays(4);
        browser.signIn(backbone.web("/desk/clinics/" + CLINIC + "?date=" + friday + "&serviceId=physio-follow-up"),
                DESK);
        browser.waitFor(By.id("day-grid"));

        WebElement slot = tabUntil(element -> element.getAttribute("data-slot-start") != null, 200);
        Instant start = Instant.parse(slot.getAttribute("data-slot-start"));
        slot.sendKeys(Keys.ENTER);
        browser.waitFor(By.id("register-form"));
        browser.assertAccessible();
        browser.driver.switchTo().activeElement().sendKeys(given, Keys.ENTER);
        browser.waitFor(By.cssSelector("#book-form input[name=patientId]:checked"));
        tabUntil(element -> "book-submit".equals(element.getAttribute("id")), 60).sendKeys(Keys.ENTER);

        WebElement panel = browser.waitFor(By.id("appointment-panel"));
        assertThat(panel.getAttribute("data-status")).isEqualTo("BOOKED");
        assertThat(browser.driver.findElement(By.id("patient")).getText()).contains(given);
        assertThat(desk.appointment(panel.getAttribute("data-appointment-id")).path("start").asString())
                .isEqualTo(start.toString());
        browser.assertAccessible();
    }

    @Test
    void tamperedFormFieldsChangeNothing() {
        JsonNode patient = desk.registerPatient(CLINIC, BackboneApi.uniqueName("Tam"), "Pering", "1970-10-10");
        JsonNode foreign = BackboneApi.as(backbone, "frontdesk-integrative-pain").registerPatient("integrative-pain",
                BackboneApi.uniqueName("For"), "Eign", "1969-06-06");
        LocalDate monday = BackboneApi.mondayIn(4);
        Instant start = desk.firstFree(CLINIC, "physio-follow-up", "maya-chen", monday);
        String bookPage = backbone.web("/desk/clinics/" + CLINIC + "/book?serviceId=physio-follow-up"
                + "&practitionerId=maya-chen&start=" + start + "&patientId=" + patient.path("id").asString());
        browser.signIn(bookPage, DESK);
        browser.waitFor(By.id("book-form"));

        setValue(By.cssSelector("#book-form input[name=start]"), "tomorrow at nine");
        browser.driver.findElement(By.id("book-submit")).click();
        assertThat(browser.waitFor(By.id("problem")).getText())
                .isEqualTo("The request was not understood; nothing was changed.");
        assertThat(browser.driver.getPageSource()).doesNotContain("Exception", "at com.");
        browser.assertAccessible();

        browser.open(bookPage);
        browser.waitFor(By.id("book-form"));
        setValue(By.cssSelector("#book-form input[name=patientId]"), foreign.path("id").asString());
        browser.driver.findElement(By.id("book-submit")).click();
        assertThat(browser.waitFor(By.id("problem-kind")).getAttribute("data-kind")).isEqualTo("patient");
        browser.assertAccessible();

        browser.open(bookPage);
        browser.waitFor(By.id("book-form"));
        ((JavascriptExecutor) browser.driver).executeScript(
                "document.querySelector('#book-form').action = arguments[0]",
                backbone.web("/desk/clinics/integrative-pain/appointments"));
        browser.driver.findElement(By.id("book-submit")).click();
        assertThat(browser.waitFor(By.id("forbidden")).getText()).isEqualTo("Not yours to see");

        assertThat(desk.clinicDay(CLINIC, monday).findValues("start")).extracting(JsonNode::asString)
                .doesNotContain(start.toString());
    }

    @Test
    void theAppointmentPanelConfirmsChecksInCompletesAndListsTheNotifications() {
        JsonNode patient = desk.registerPatient(CLINIC, BackboneApi.uniqueName("Pan"), "Elle", "1981-05-05");
        LocalDate wednesday = BackboneApi.mondayIn(4).plusDays(2);
        Instant start = desk.firstFree(CLINIC, "physio-follow-up", "maya-chen", wednesday);
        String id = desk.book(CLINIC, "physio-follow-up", "maya-chen", patient.path("id").asString(), start)
                .path("id").asString();
        String panel = backbone.web("/desk/clinics/" + CLINIC + "/appointments/" + id);
        browser.signIn(panel, DESK);
        browser.waitFor(By.id("appointment-panel"));
        browser.assertAccessible();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            browser.open(panel);
            return !browser.driver.findElements(By.cssSelector("#notifications tr[data-kind=CONFIRMATION]")).isEmpty();
        });
        browser.assertAccessible();

        for (String[] step : List.of(new String[] {"confirm", "CONFIRMED"}, new String[] {"check-in", "CHECKED_IN"},
                new String[] {"complete", "COMPLETED"})) {
            browser.driver.findElement(By.id(step[0])).click();
            await().atMost(Duration.ofSeconds(15)).until(() -> step[1].equals(
                    browser.waitFor(By.id("appointment-panel")).getAttribute("data-status")));
            assertThat(browser.driver.findElement(By.id("done")).isDisplayed()).isTrue();
            browser.assertAccessible();
        }
        assertThat(desk.appointment(id).path("status").asString()).isEqualTo("COMPLETED");
        assertThat(browser.driver.findElements(By.id("cancel-form"))).isEmpty();
    }

    @Test
    void theAppointmentPanelMovesToAnotherFreeTimeAndCancelsWithAReason() {
        JsonNode patient = desk.registerPatient(CLINIC, BackboneApi.uniqueName("Mo"), "Vable", "1975-03-03");
        LocalDate friday = BackboneApi.mondayIn(4).plusDays(4);
        Instant start = desk.firstFree(CLINIC, "physio-follow-up", "maya-chen", friday);
        String id = desk.book(CLINIC, "physio-follow-up", "maya-chen", patient.path("id").asString(), start)
                .path("id").asString();
        browser.signIn(backbone.web("/desk/clinics/" + CLINIC + "/appointments/" + id), DESK);
        browser.waitFor(By.id("move-form"));

        WebElement later = browser.driver.findElements(By.cssSelector("#move-form input[name=start]")).get(3);
        Instant newStart = Instant.parse(later.getAttribute("value"));
        later.click();
        browser.driver.findElement(By.id("move-submit")).click();
        assertThat(browser.waitFor(By.id("done")).getText()).isEqualTo("Moved.");
        assertThat(desk.appointment(id).path("start").asString()).isEqualTo(newStart.toString());
        browser.assertAccessible();

        browser.driver.findElement(By.id("cancel-reason")).sendKeys("patient travelling");
        browser.driver.findElement(By.id("cancel")).click();
        await().atMost(Duration.ofSeconds(15)).until(() -> "CANCELLED".equals(
                browser.waitFor(By.id("appointment-panel")).getAttribute("data-status")));
        assertThat(browser.driver.findElement(By.id("cancelled")).getText()).contains("by the clinic",
                "patient travelling");
        assertThat(browser.driver.findElements(By.id("late"))).isEmpty();
        browser.assertAccessible();
        browser.driver.findElement(By.id("back")).click();
        assertThat(browser.waitFor(By.cssSelector("[data-appointment-id='" + id + "']")).getAttribute("data-status"))
                .isEqualTo("CANCELLED");
    }

    @Test
    void aPatientsSmsAskingToCancelInsideTheLateWindowIsHighlightedAndTheCancellationFlaggedLate() {
        JsonNode patient = desk.registerPatient(CLINIC, BackboneApi.uniqueName("Sam"), "Ask", "1983-08-08");
        ZonedDateTime from = ZonedDateTime.now(BackboneApi.CALGARY).plusHours(2).truncatedTo(ChronoUnit.HOURS);
        desk.addExtraHours("amira-haddad", CLINIC, from.toLocalDateTime(), from.plusHours(1).toLocalDateTime());
        String id = desk.book(CLINIC, "trigger-point-injection", "amira-haddad", patient.path("id").asString(),
                from.toInstant()).path("id").asString();

        // the desk has the day open when the reply comes: the flag (no appointment event) shows without a reload
        browser.signIn(backbone.web("/desk/clinics/" + CLINIC + "?date=" + from.toLocalDate()), DESK);
        browser.waitFor(By.cssSelector("[data-appointment-id='" + id + "']"));
        await().atMost(Duration.ofSeconds(10)).until(() -> "open".equals(browser.driver
                .findElement(By.id("desk-clinic")).getAttribute("data-live-state")));
        ((JavascriptExecutor) browser.driver).executeScript("document.body.dataset.notReloaded = 'yes'");
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            desk.replyBySms(patient.path("phone").asString(), "X");
            return desk.appointment(id).path("cancellationRequested").asBoolean(false);
        });
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(100)).until(() -> !browser.driver
                .findElements(By.cssSelector("[data-appointment-id='" + id + "'].asked")).isEmpty());
        assertThat(browser.driver.findElement(By.tagName("body")).getAttribute("data-not-reloaded")).isEqualTo("yes");
        // each reply is told twice (now and a moment later), and the loop may have sent more than one: let them pass
        browser.waitForLiveQuiet(By.id("desk-clinic"));
        WebElement entry = browser.driver.findElement(By.cssSelector("[data-appointment-id='" + id + "']"));
        assertThat(entry.getText()).contains("Asked to cancel");
        browser.assertAccessible();
        entry.click();
        assertThat(browser.waitFor(By.id("asked-to-cancel")).getText())
                .contains("asked by SMS to cancel", patient.path("phone").asString());
        browser.assertAccessible();

        browser.driver.findElement(By.id("cancel")).click();
        assertThat(browser.waitFor(By.id("late")).getText()).isEqualTo("Late cancellation");
        assertThat(desk.appointment(id).path("late").asBoolean()).isTrue();
        assertThat(browser.driver.findElements(By.id("asked-to-cancel"))).isEmpty();
        browser.assertAccessible();
    }

    @Test
    void aDeskPlansACourseSeesItsDatesAndTakesAnAlternativeWhenASessionCannotBePlaced() {
        JsonNode patient = desk.registerPatient(CLINIC, BackboneApi.uniqueName("Cor"), "Sera", "1977-12-12");
        JsonNode other = desk.registerPatient(CLINIC, BackboneApi.uniqueName("Oth"), "Erly", "1966-11-11");
        LocalDate wednesday = BackboneApi.mondayIn(6).plusDays(2);
        Instant taken = wednesday.atTime(11, 0).atZone(BackboneApi.CALGARY).toInstant();
        desk.book(CLINIC, "massage-60", "sofia-ramirez", other.path("id").asString(), taken);
        browser.signIn(backbone.web("/desk/clinics/" + CLINIC + "/courses?patientId=" + patient.path("id").asString()),
                DESK);
        browser.waitFor(By.id("course-form"));
        browser.assertAccessible();

        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("course-service")))
                .selectByValue("massage-60");
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("course-practitioner")))
                .selectByValue("sofia-ramirez");
        setValue(By.id("sessions"), "3");
        setValue(By.id("min-days"), "7");
        setValue(By.id("max-days"), "14");
        setValue(By.id("first-date"), wednesday.toString());
        setValue(By.id("first-time"), "11:00");
        browser.driver.findElement(By.id("weekday-WEDNESDAY")).click();
        browser.driver.findElement(By.id("course-submit")).click();

        WebElement problem = browser.waitFor(By.id("course-problem"));
        assertThat(problem.getAttribute("data-session")).isEqualTo("1");
        assertThat(browser.driver.findElement(By.id("course-problem-reason")).getText()).startsWith("Session 1");
        assertThat(problem.getText()).contains("Nothing was booked.");
        browser.assertAccessible();
        assertThat(desk.courses(patient.path("id").asString()).size()).isZero();
        WebElement alternative = browser.driver.findElement(By.cssSelector("#alternatives button.alternative"));
        Instant firstStart = Instant.parse(alternative.getAttribute("data-slot-start"));
        alternative.click();

        WebElement planned = browser.waitFor(By.cssSelector("article.course.highlight"));
        assertThat(planned.findElements(By.cssSelector("li[data-appointment-id]"))).hasSize(3);
        assertThat(planned.findElement(By.cssSelector(".progress")).getText())
                .isEqualTo("0 done, 3 upcoming, 0 missed, 0 cancelled");
        browser.assertAccessible();
        JsonNode course = desk.courses(patient.path("id").asString()).get(0);
        assertThat(course.path("sessions").get(0).path("start").asString()).isEqualTo(firstStart.toString());
    }

    @Test
    void theDeskSpeaksFrench() {
        JsonNode patient = desk.registerPatient(CLINIC, BackboneApi.uniqueName("Fra"), "Ncois", "1991-09-09");
        LocalDate tuesday = BackboneApi.mondayIn(2).plusDays(1);
        Instant tenOClock = tuesday.atTime(10, 0).atZone(BackboneApi.CALGARY).toInstant();
        browser.close();
        browser = Browser.french();
        browser.signIn(backbone.web("/desk/clinics/" + CLINIC + "?view=week&date=" + tuesday), DESK);
        assertThat(browser.waitFor(By.id("calendar-title")).getText()).startsWith("Semaine du");
        browser.assertAccessible();

        browser.open(backbone.web("/desk/clinics/" + CLINIC + "/book?serviceId=physio-follow-up"
                + "&practitionerId=maya-chen&start=" + tenOClock + "&patientId=" + patient.path("id").asString()));
        browser.waitFor(By.id("book-submit")).click();
        assertThat(browser.waitFor(By.id("problem-rule")).getText())
                .isEqualTo("Le praticien ne travaille pas dans cette clinique à cette heure-là.");
        browser.assertAccessible();
    }

    @Test
    void aWalkInIsBookedToStartNow() {
        String given = BackboneApi.uniqueName("Wal");
        desk.registerPatient(CLINIC, given, "Kin", "1984-04-04");
        ZonedDateTime now = ZonedDateTime.now(BackboneApi.CALGARY).truncatedTo(ChronoUnit.MINUTES);
        desk.addExtraHours("sofia-ramirez", CLINIC, now.minusMinutes(30).toLocalDateTime(),
                now.plusHours(2).toLocalDateTime());
        browser.signIn(backbone.web("/desk/clinics/" + CLINIC), DESK);
        browser.waitFor(By.id("walk-in")).click();
        browser.waitFor(By.id("patient-name")).sendKeys(given, Keys.ENTER);
        browser.waitFor(By.cssSelector("#book-form input[name=patientId]:checked"));
        assertThat(browser.driver.findElement(By.id("booking-when")).getText()).isEqualTo("Now (walk-in)");
        browser.assertAccessible();
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("book-service")))
                .selectByValue("massage-60");
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("book-practitioner")))
                .selectByValue("sofia-ramirez");
        browser.driver.findElement(By.id("book-submit")).click();

        WebElement panel = browser.waitFor(By.id("appointment-panel"));
        assertThat(panel.getText()).contains("Walk-in", given);
        JsonNode walkIn = desk.appointment(panel.getAttribute("data-appointment-id"));
        assertThat(walkIn.path("walkIn").asBoolean()).isTrue();
        assertThat(Duration.between(Instant.parse(walkIn.path("start").asString()), Instant.now()).abs())
                .isLessThan(Duration.ofMinutes(5));
        browser.assertAccessible();
    }

    /** Presses Tab (never the mouse) until the focused element matches; at most {@code presses} times. */
    private WebElement tabUntil(java.util.function.Predicate<WebElement> wanted, int presses) {
        for (int i = 0; i < presses; i++) {
            new org.openqa.selenium.interactions.Actions(browser.driver).sendKeys(Keys.TAB).perform();
            WebElement focused = browser.driver.switchTo().activeElement();
            if (wanted.test(focused)) {
                return focused;
            }
        }
        throw new AssertionError("not reached with " + presses + " presses of Tab");
    }

    private void registerInTheForm(String given, String family, String birthDate) {
        browser.driver.findElement(By.id("given-name")).sendKeys(given);
        browser.driver.findElement(By.id("family-name")).sendKeys(family);
        setValue(By.id("birth-date"), birthDate);
        browser.driver.findElement(By.id("email")).sendKeys((given + "." + family + "@example.org").toLowerCase());
        browser.driver.findElement(By.id("phone")).sendKeys("+14035550199");
        browser.driver.findElement(By.id("register-submit")).click();
    }

    private void setValue(By by, String value) {
        ((JavascriptExecutor) browser.driver).executeScript("arguments[0].value = arguments[1]",
                browser.driver.findElement(by), value);
    }

    private void screenshot(String name) throws IOException {
        Path target = Path.of("target", name);
        Files.copy(((TakesScreenshot) browser.driver).getScreenshotAs(OutputType.FILE).toPath(), target,
                StandardCopyOption.REPLACE_EXISTING);
    }
}
