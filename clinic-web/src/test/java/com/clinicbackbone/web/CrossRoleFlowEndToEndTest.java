package com.clinicbackbone.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clinicbackbone.security.DemoPersona;
import com.clinicbackbone.web.desk.BackboneApi;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The flow the pages exist for, across two people in two browsers: a front desk books Ann Lee from the week view;
 * Ann signs in and sees it under her upcoming appointments; she cancels it; the desk's page, left open, shows the
 * cancellation without a reload, fed by the appointment event through Kafka and server-sent events.
 */
@EnabledIf(value = "com.clinicbackbone.web.Browser#installed",
        disabledReason = "needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)")
class CrossRoleFlowEndToEndTest {

    private static final String CLINIC = "running-shoe";

    private final RunningBackbone backbone = RunningBackbone.get();
    private final Browser desk = Browser.english();
    private final Browser ann = Browser.english();

    @AfterEach
    void closeBrowsers() {
        desk.close();
        ann.close();
    }

    @Test
    void deskBooksPatientSeesItAndCancelsAndTheDesksOpenPageUpdatesLive() {
        // five weeks ahead: outside the late-cancellation window and away from the other tests' days; Maya works at
        // Running Shoe on Mondays
        LocalDate monday = BackboneApi.mondayIn(5);
        String week = "/desk/clinics/" + CLINIC + "?view=week&date=" + monday + "&serviceId=physio-follow-up";
        desk.signIn(backbone.web(week), "frontdesk-running-shoe");
        WebElement slot = desk.waitFor(By.cssSelector(
                "#week-grid td[data-date='" + monday + "'] a.slot[data-practitioner=maya-chen]"));
        Instant start = Instant.parse(slot.getAttribute("data-slot-start"));
        slot.click();
        desk.waitFor(By.id("patient-name")).sendKeys("Ann Lee", Keys.ENTER);
        desk.waitFor(By.cssSelector("#book-form input[name=patientId][data-patient-id='" + DemoPersona.ANN_LEE_ID
                + "']")).click();
        desk.driver.findElement(By.id("book-submit")).click();
        WebElement panel = desk.waitFor(By.id("appointment-panel"));
        String appointmentId = panel.getAttribute("data-appointment-id");
        assertThat(panel.getAttribute("data-status")).isEqualTo("BOOKED");

        // the desk goes back to the week and leaves it open
        desk.open(backbone.web(week));
        desk.waitFor(By.cssSelector("#week-grid [data-appointment-id='" + appointmentId + "'][data-status=BOOKED]"));
        await().atMost(Duration.ofSeconds(10)).until(() -> "open".equals(
                desk.driver.findElement(By.id("desk-clinic")).getAttribute("data-live-state")));
        ((JavascriptExecutor) desk.driver).executeScript("document.body.dataset.notReloaded = 'yes'");

        // Ann signs in and finds it among her upcoming appointments
        ann.signIn(backbone.web("/me"), "patient-ann-lee");
        WebElement row = ann.waitFor(By.cssSelector("#upcoming [data-appointment-id='" + appointmentId + "']"));
        assertThat(row.getAttribute("data-status")).isEqualTo("BOOKED");
        ann.assertAccessible();

        // she cancels it (outside the late window: no call needed)
        ann.driver.findElement(By.id("cancel-" + appointmentId)).click();
        ann.waitFor(By.id("cancelled-message"));
        long cancelledAt = System.nanoTime();

        // the desk's open page shows it cancelled, and the time free again, without a reload
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> !desk.driver
                .findElements(By.cssSelector("#week-grid [data-appointment-id='" + appointmentId
                        + "'][data-status=CANCELLED]")).isEmpty()
                || !desk.driver.findElements(By.cssSelector("a.slot[data-slot-start='" + start + "']")).isEmpty());
        Duration seen = Duration.ofNanos(System.nanoTime() - cancelledAt);
        System.out.println("desk page showed the patient's cancellation " + seen.toMillis() + " ms after it");
        assertThat(desk.driver.findElement(By.tagName("body")).getAttribute("data-not-reloaded")).isEqualTo("yes");
        assertThat(desk.driver.findElement(By.id("desk-clinic")).getAttribute("data-live-last")).contains(appointmentId);
        desk.assertAccessible();
    }
}
