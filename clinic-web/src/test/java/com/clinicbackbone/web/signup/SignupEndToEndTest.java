package com.clinicbackbone.web.signup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clinicbackbone.localstack.CapturedMail;
import com.clinicbackbone.web.Browser;
import com.clinicbackbone.web.RunningBackbone;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A new patient in the browser: an account at the issuer (one-time code from the mail catcher), the normal sign-in,
 * the short form for their record, and their own page. A record is theirs only by their verified email, never by a
 * name and a birth date. axe-core runs on every page of the issuer's registration and of the form.
 */
@EnabledIf(value = "com.clinicbackbone.web.Browser#installed",
        disabledReason = "needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)")
class SignupEndToEndTest {

    static final String PASSWORD = "a long enough password";
    static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    private final RunningBackbone backbone = RunningBackbone.get();
    private Browser browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aNewPatientMakesAnAccountGetsANewRecordAndLandsOnTheirOwnPage() throws Exception {
        // someone the clinic knows, whose name and birth date the new patient types too: that reaches nothing
        String family = "Q" + letters(9);
        JsonNode known = register("frontdesk-calgary-concussion", "calgary-concussion", "Robin", family,
                "1988-09-10", "robin." + family.toLowerCase() + "@example.org");
        String email = "new." + letters(10) + "@example.org";
        browser = Browser.english();

        createAccount(email, "Create your patient account");
        browser.driver.findElement(By.id("sign-in")).click();
        signInAtTheIssuer(email);

        browser.waitFor(By.id("record-form"));
        assertThat(browser.driver.getCurrentUrl()).isEqualTo(backbone.web("/signup/record"));
        browser.assertAccessible();
        fillRecordForm("calgary-concussion", "Robin", family, "1988-09-10", "403", null);
        browser.driver.findElement(By.id("create-record")).click();
        WebElement errors = browser.waitFor(By.id("errors"));
        assertThat(errors.findElements(By.cssSelector("[data-field]"))).extracting(e -> e.getAttribute("data-field"))
                .containsExactly("phone");
        assertThat(browser.driver.findElement(By.id("familyName")).getAttribute("value")).isEqualTo(family);
        browser.assertAccessible();
        assertThat(deskSearch("frontdesk-calgary-concussion", email)).as("nothing stored").isEmpty();

        browser.driver.findElement(By.id("phone")).clear();
        browser.driver.findElement(By.id("phone")).sendKeys("+14035550177");
        browser.driver.findElement(By.id("create-record")).click();

        awaitOwnPage(email);
        browser.assertAccessible();
        JsonNode mine = deskSearch("frontdesk-calgary-concussion", email).orElseThrow();
        assertThat(mine.get("id").asString()).isNotEqualTo(known.get("id").asString());
        assertThat(mine.get("givenName").asString()).isEqualTo("Robin");
        assertThat(mine.get("phone").asString()).isEqualTo("+14035550177");
        assertThat(get("/api/patients/" + known.get("id").asString() + "/contact", "frontdesk-calgary-concussion")
                .body()).contains("robin.").doesNotContain(email);
        browser.open(backbone.web("/signup/record"));
        browser.waitFor(By.id("signed-in-as"));
        assertThat(browser.driver.getCurrentUrl()).as("a record already: no second one")
                .isEqualTo(backbone.web("/me"));
    }

    @Test
    void aFrenchPatientWhoseVerifiedEmailIsOnARecordGetsThatRecordLinkedToTheirClinic() throws Exception {
        String email = "known." + letters(10) + "@example.org";
        JsonNode known = register("frontdesk-running-shoe", "running-shoe", "Camille", "Q" + letters(9),
                "1979-12-01", email);
        String id = known.get("id").asString();
        assertThat(get("/api/patients/" + id, "frontdesk-integrative-pain").statusCode()).isEqualTo(404);
        browser = Browser.french();

        createAccount(email.toUpperCase(), "Créer votre compte patient");
        browser.driver.findElement(By.id("sign-in")).click();
        signInAtTheIssuer(email);
        browser.waitFor(By.id("record-form"));
        assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Votre dossier patient");
        assertThat(new Select(browser.driver.findElement(By.id("record-language"))).getFirstSelectedOption()
                .getAttribute("value")).isEqualTo("fr");
        browser.assertAccessible();
        fillRecordForm("integrative-pain", "Someone", "Else", "2000-01-01", "", "fr");
        browser.driver.findElement(By.id("create-record")).click();

        awaitOwnPage(email);
        browser.assertAccessible();
        HttpResponse<String> linked = get("/api/patients/" + id, "frontdesk-integrative-pain");
        assertThat(linked.statusCode()).as("linked to the patient's clinic").isEqualTo(200);
        assertThat(JSON.readTree(linked.body()).get("givenName").asString()).as("the record as it was")
                .isEqualTo("Camille");
        assertThat(JSON.readTree(get("/api/patients?email=" + enc(email), "frontdesk-running-shoe").body()))
                .as("no second record").hasSize(1);
    }

    /** The issuer's registration pages: email, the code from the mail catcher and a password; ends on "done". */
    private void createAccount(String email, String title) {
        browser.open(backbone.issuer() + "/register");
        assertThat(browser.waitFor(By.tagName("h1")).getText()).isEqualTo(title);
        browser.assertAccessible();
        browser.driver.findElement(By.id("email")).sendKeys(email);
        browser.driver.findElement(By.id("send-code")).click();
        browser.waitFor(By.id("code"));
        browser.assertAccessible();
        browser.driver.findElement(By.id("code")).sendKeys(codeMailedTo(email.toLowerCase()));
        browser.driver.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.driver.findElement(By.id("passwordRepeat")).sendKeys(PASSWORD);
        browser.driver.findElement(By.id("create-account")).click();
        browser.waitFor(By.id("sign-in"));
        browser.assertAccessible();
    }

    private void signInAtTheIssuer(String email) {
        browser.waitFor(By.name("username")).sendKeys(email);
        browser.driver.findElement(By.name("password")).sendKeys(PASSWORD);
        browser.driver.findElement(By.cssSelector("button[type=submit]")).click();
    }

    private void fillRecordForm(String clinicId, String givenName, String familyName, String birthDate, String phone,
                                String language) {
        new Select(browser.driver.findElement(By.id("clinicId"))).selectByValue(clinicId);
        type("givenName", givenName);
        type("familyName", familyName);
        // a date field takes the date as the browser's locale writes it; set the ISO value the form sends
        ((org.openqa.selenium.JavascriptExecutor) browser.driver)
                .executeScript("document.getElementById('birthDate').value = arguments[0];", birthDate);
        type("phone", phone);
        if (language != null) {
            new Select(browser.driver.findElement(By.id("record-language"))).selectByValue(language);
        }
    }

    private void type(String id, String value) {
        WebElement field = browser.driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    /** Back on clinic-web's /me, signed in as the new patient, with a record (no "no record yet" note). */
    private void awaitOwnPage(String email) {
        await().atMost(Duration.ofSeconds(30)).until(() -> browser.driver.getCurrentUrl()
                .equals(backbone.web("/me")) && !browser.driver.findElements(By.id("signed-in-as")).isEmpty());
        assertThat(browser.driver.findElement(By.id("signed-in-as")).getText()).isEqualTo(email);
        assertThat(browser.driver.findElements(By.id("no-record"))).isEmpty();
    }

    private String codeMailedTo(String email) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> backbone.inbox.mail().stream()
                .filter(mail -> mail.to().equalsIgnoreCase(email)).map(CapturedMail::body).map(CODE::matcher)
                .filter(Matcher::find).map(found -> found.group(1)).findFirst(), Optional::isPresent).orElseThrow();
    }

    private JsonNode register(String desk, String clinicId, String givenName, String familyName, String birthDate,
                              String email) throws Exception {
        String phone = "+1403" + (200 + ThreadLocalRandom.current().nextInt(800))
                + String.format("%04d", ThreadLocalRandom.current().nextInt(10_000));
        String body = JSON.writeValueAsString(Map.of("givenName", givenName, "familyName", familyName,
                "birthDate", birthDate, "email", email, "phone", phone, "language", "en",
                "channels", java.util.List.of("EMAIL", "SMS"), "clinicId", clinicId));
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(backbone.patients("/api/patients")))
                .header("Authorization", "Bearer " + token(desk)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body());
    }

    private Optional<JsonNode> deskSearch(String desk, String email) throws Exception {
        JsonNode found = JSON.readTree(get("/api/patients?email=" + enc(email), desk).body());
        assertThat(found.size()).isLessThanOrEqualTo(1);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private HttpResponse<String> get(String path, String persona) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(backbone.patients(path)))
                .header("Authorization", "Bearer " + token(persona)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String token(String persona) throws Exception {
        String basic = Base64.getEncoder().encodeToString((persona + ":demo-secret").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> token = HTTP.send(HttpRequest.newBuilder(URI.create(backbone.issuer() + "/oauth2/token"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(token.body()).get("access_token").asString();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String letters(int count) {
        StringBuilder letters = new StringBuilder();
        for (int i = 0; i < count; i++) {
            letters.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return letters.toString();
    }
}
