package com.clinicbackbone.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;

/** Signing in at the issuer as a person, landing on the role's page, switching language, signing out. */
@EnabledIf(value = "com.clinicbackbone.web.Browser#installed",
        disabledReason = "needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)")
class SignInEndToEndTest {

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
    void frontDeskSignsInWithPkceAndSeesOnlyTheirOwnClinic() {
        browser.signIn(backbone.web("/desk"), "frontdesk-running-shoe");

        assertThat(browser.driver.getCurrentUrl()).isEqualTo(backbone.web("/desk"));
        assertThat(browser.driver.findElement(By.id("signed-in-as")).getText()).isEqualTo("frontdesk-running-shoe");
        assertThat(browser.driver.findElements(By.cssSelector("#clinics [data-clinic]")))
                .extracting(element -> element.getAttribute("data-clinic")).containsExactly("running-shoe");
        browser.assertAccessible();
    }

    @Test
    void switchesToFrenchAndKeepsIt() {
        browser.signIn(backbone.web("/desk"), "frontdesk-integrative-pain");

        browser.driver.findElement(By.id("language")).click();

        assertThat(browser.waitFor(By.cssSelector("html[lang=fr]"))).isNotNull();
        assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Vos cliniques");
        browser.open(backbone.web("/desk"));
        assertThat(browser.driver.findElement(By.id("sign-out")).getText()).isEqualTo("Se déconnecter");
    }

    @Test
    void signingOutEndsTheIssuersSessionToo() {
        browser.signIn(backbone.web("/desk"), "frontdesk-running-shoe");

        browser.driver.findElement(By.id("sign-out")).click();
        browser.waitFor(By.id("sign-in"));
        browser.open(backbone.web("/desk"));

        assertThat(browser.waitFor(By.name("username"))).isNotNull();
    }

    @Test
    void aPatientOpeningTheDeskIsRefusedWithAClearPage() {
        browser.signIn(backbone.web("/me"), "patient-ann-lee");

        browser.open(backbone.web("/desk"));

        assertThat(browser.waitFor(By.id("forbidden")).getText()).isEqualTo("Not yours to see");
        assertThat(browser.driver.getPageSource()).doesNotContain("Exception", "at com.");
    }
}
