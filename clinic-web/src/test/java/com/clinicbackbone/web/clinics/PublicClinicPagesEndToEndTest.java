package com.clinicbackbone.web.clinics;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicbackbone.web.Browser;
import com.clinicbackbone.web.RunningBackbone;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The public pages, as a visitor who has not signed in: the clinics, a clinic's online-bookable services and their
 * free times grouped by clinic-local day, no personal data, and a "Book" that asks for a sign-in first.
 */
@EnabledIf(value = "com.clinicbackbone.web.Browser#installed",
        disabledReason = "needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)")
class PublicClinicPagesEndToEndTest {

    private static final ZoneId CALGARY = ZoneId.of("America/Edmonton");

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
    void aVisitorSeesTheClinicsTheirOnlineServicesAndFreeTimesWithoutSigningIn() {
        browser.open(backbone.web("/"));
        assertThat(browser.driver.findElements(By.cssSelector("#clinics [data-clinic]")))
                .extracting(clinic -> clinic.getAttribute("data-clinic"))
                .containsExactlyInAnyOrder("running-shoe", "calgary-concussion", "integrative-pain");
        assertThat(browser.driver.findElements(By.id("sign-in"))).isNotEmpty();
        assertThat(browser.driver.findElement(By.id("new-patient")).getAttribute("href"))
                .startsWith(backbone.issuer() + "/register");
        browser.assertAccessible();

        browser.driver.findElement(By.cssSelector("#clinics [data-clinic=running-shoe] a")).click();
        browser.waitFor(By.id("services"));
        List<String> services = browser.driver.findElements(By.cssSelector("#services [data-service]")).stream()
                .map(service -> service.getAttribute("data-service")).toList();
        assertThat(services).contains("physio-follow-up", "massage-60").doesNotContain("prolotherapy",
                "prp-injection", "botox-injection");
        assertThat(browser.driver.findElement(By.cssSelector("#services [data-service=physio-follow-up]")).getText())
                .contains("Physiotherapy follow-up", "30 minutes", "with Maya Chen",
                        "Book online at least 2 hours ahead and up to 90 days ahead.");

        List<WebElement> days = browser.driver.findElements(By.cssSelector("#free-times [data-day]"));
        assertThat(days).isNotEmpty();
        for (WebElement day : days.subList(0, Math.min(3, days.size()))) {
            for (WebElement slot : day.findElements(By.cssSelector("a[data-slot-start]"))) {
                Instant start = Instant.parse(slot.getAttribute("data-slot-start"));
                assertThat(start.atZone(CALGARY).toLocalDate().toString()).isEqualTo(day.getAttribute("data-day"));
                assertThat(start).isAfter(Instant.now().plusSeconds(2 * 3600 - 60)); // the patients' notice
            }
        }
        assertThat(browser.driver.findElements(By.id("signed-in-as"))).isEmpty();
        assertThat(browser.driver.getPageSource()).doesNotContain("@example.org", "Ann Lee", "Ben Roy", "+1403555");
        browser.assertAccessible();

        browser.driver.findElement(By.id("later")).click();
        browser.waitFor(By.id("earlier"));
        browser.assertAccessible();
    }

    @Test
    void bookingAFreeTimeAsksTheVisitorToSignInFirst() {
        browser.open(backbone.web("/clinics/calgary-concussion"));
        WebElement slot = browser.waitFor(By.cssSelector("#free-times a[data-slot-start]"));
        assertThat(slot.getAttribute("href")).contains("/me/book?", "clinicId=calgary-concussion");

        slot.click();

        assertThat(browser.waitFor(By.name("username"))).isNotNull();
        assertThat(browser.driver.getCurrentUrl()).startsWith(backbone.issuer());
    }

    @Test
    void theClinicPageFitsANarrowPhoneScreen() {
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        browser.open(backbone.web("/clinics/running-shoe"));
        browser.waitFor(By.id("free-times"));

        long overflow = (Long) ((JavascriptExecutor) browser.driver).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(overflow).isLessThanOrEqualTo(0);
        browser.assertAccessible();
    }

    @Test
    void anUnknownClinicOrATamperedDateGetsAClearPage() {
        browser.open(backbone.web("/clinics/no-such-clinic"));
        assertThat(browser.waitFor(By.id("problem")).getText()).isEqualTo("We could not find that page.");
        browser.open(backbone.web("/clinics/running-shoe?from=not-a-date"));
        assertThat(browser.waitFor(By.id("problem")).getText())
                .isEqualTo("The request was not understood; nothing was changed.");
        assertThat(browser.driver.getPageSource()).doesNotContain("Exception", "at com.");
        browser.assertAccessible();
    }
}
