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
