package com.clinicbackbone.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Debian Chromium driven through chromedriver, with what every end-to-end test needs: sign in at the
 * issuer's form, wait for an element of the next page, and run axe-core on the page (no serious or critical
 * violation). Test classes check {@link #installed()} with {@code @EnabledIf}, so a machine without the browser
 * shows them as skipped.
 */
public final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    public final WebDriver driver;

    private Browser(String language) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,1000", "--lang=" + language);
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    /** For {@code @EnabledIf("com.clinicbackbone.web.Browser#installed")}. */
    public static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** A browser whose preferred language is English. */
    public static Browser english() {
        return new Browser("en");
    }

    /** A browser whose preferred language is French. */
    public static Browser french() {
        return new Browser("fr");
    }

    public void open(String url) {
        driver.get(url);
    }

    /**
     * Opens {@code url} (a page needing a sign-in), signs in at the issuer's form as the persona with the demo
     * password, and waits until the browser is back on clinic-web.
     */
    public void signIn(String url, String persona) {
        driver.get(url);
        await().atMost(Duration.ofSeconds(30)).until(() -> !driver.findElements(By.name("username")).isEmpty());
        driver.findElement(By.name("username")).sendKeys(persona);
        driver.findElement(By.name("password")).sendKeys("demo-secret");
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        String webHost = url.substring(0, url.indexOf('/', "http://".length()));
        await().atMost(Duration.ofSeconds(30)).until(() -> driver.getCurrentUrl().startsWith(webHost)
                && !driver.findElements(By.id("signed-in-as")).isEmpty());
    }

    /** The element, once the page that has it has loaded (a click may return before the next page is there). */
    public WebElement waitFor(By by) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> !driver.findElements(by).isEmpty());
        return driver.findElement(by);
    }

    /**
     * Waits until the live page (the element with {@code data-live}) has had no update for a second and a half, so
     * that what a test then finds is not replaced by a reload under its feet.
     */
    public void waitForLiveQuiet(By livePage) {
        String[] last = {null};
        long[] since = {System.nanoTime()};
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    String count = driver.findElement(livePage).getAttribute("data-live-count");
                    if (!java.util.Objects.equals(count, last[0])) {
                        last[0] = count;
                        since[0] = System.nanoTime();
                    }
                    return System.nanoTime() - since[0] > Duration.ofMillis(1500).toNanos();
                });
    }

    /** axe-core on the current page: no serious or critical violation (named with the elements if any). */
    public void assertAccessible() {
        Results results = new AxeBuilder().analyze(driver);
        List<String> violations = results.getViolations().stream()
                .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
                .map(Browser::describe).toList();
        assertThat(violations).as("axe-core on " + driver.getCurrentUrl()).isEmpty();
    }

    private static String describe(Rule rule) {
        return rule.getImpact() + " " + rule.getId() + ": " + rule.getHelp() + " at "
                + rule.getNodes().stream().map(node -> String.valueOf(node.getTarget())).toList();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
