package com.clinicbackbone.web.practitioner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clinicbackbone.web.Browser;
import com.clinicbackbone.web.RunningBackbone;
import com.clinicbackbone.web.desk.BackboneApi;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

/** A practitioner's own day across clinics in a real browser: read only, names without contact details, live. */
@EnabledIf(value = "com.clinicbackbone.web.Browser#installed",
        disabledReason = "needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)")
class PractitionerEndToEndTest {

    private final RunningBackbone backbone = RunningBackbone.get();
    private Browser browser;

    @BeforeEach
    void openBrowser() {
        browser = Browser.english();
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void aPractitionerSeesTheirDayAtBothClinicsWithoutContactDetailsAndItUpdatesLive() {
        BackboneApi runningShoe = BackboneApi.as(backbone, "frontdesk-running-shoe");
        BackboneApi concussion = BackboneApi.as(backbone, "frontdesk-calgary-concussion");
        String given = BackboneApi.uniqueName("Pia");
        JsonNode patient = runningShoe.registerPatient("running-shoe", given, "Two", "1987-06-01");
        JsonNode other = concussion.registerPatient("calgary-concussion", BackboneApi.uniqueName("Cas"), "Three",
                "1993-03-01");
        LocalDate monday = BackboneApi.mondayIn(5);
        Instant atRunningShoe = runningShoe.firstFree("running-shoe", "physio-follow-up", "maya-chen", monday);
        String first = runningShoe.book("running-shoe", "physio-follow-up", "maya-chen",
                patient.path("id").asString(), atRunningShoe).path("id").asString();
        LocalDate tuesday = monday.plusDays(1);
        Instant atConcussion = concussion.firstFree("calgary-concussion", "concussion-follow-up", "maya-chen", tuesday);
        String second = concussion.book("calgary-concussion", "concussion-follow-up", "maya-chen",
                other.path("id").asString(), atConcussion).path("id").asString();

        browser.signIn(backbone.web("/practitioner?date=" + monday), "practitioner-maya-chen");
        WebElement visit = browser.waitFor(By.cssSelector("#visits [data-appointment-id='" + first + "']"));
        assertThat(visit.getText()).contains("Running Shoe Restorative Healthcare", "Physiotherapy follow-up");
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            browser.open(backbone.web("/practitioner?date=" + monday));
            return browser.waitFor(By.cssSelector("[data-appointment-id='" + first + "']")).getText().contains(given);
        });
        assertThat(browser.driver.findElement(By.id("main")).getText())
                .doesNotContain(patient.path("phone").asString(), patient.path("email").asString(), "1987-06-01");
        assertThat(browser.driver.findElements(By.cssSelector("#main form[method=post]"))).isEmpty();
        browser.assertAccessible();

        browser.driver.findElement(By.id("next")).click();
        assertThat(browser.waitFor(By.cssSelector("[data-appointment-id='" + second + "']")).getText())
                .contains("Calgary Concussion Centre");
        await().atMost(Duration.ofSeconds(10)).until(() -> "open".equals(browser.driver
                .findElement(By.id("practitioner-page")).getAttribute("data-live-state")));

        concussion.cancel(second, "rescheduling");

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> !browser.driver
                .findElements(By.cssSelector("[data-appointment-id='" + second + "'][data-status=CANCELLED]")).isEmpty());
        browser.assertAccessible();
    }

    @Test
    void aPractitionerCannotOpenTheDesk() {
        browser.signIn(backbone.web("/practitioner"), "practitioner-noah-tremblay");
        browser.waitFor(By.id("day-title"));
        browser.assertAccessible();

        browser.open(backbone.web("/desk/clinics/calgary-concussion"));

        assertThat(browser.waitFor(By.id("forbidden")).getText()).isEqualTo("Not yours to see");
    }
}
