package com.orderpipeline.tracking.page;

import static com.orderpipeline.schemas.avro.FulfillmentStatus.PACKED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.PICKED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.SHIPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.orderpipeline.embedded.testing.SharedKafka;
import com.orderpipeline.tracking.TrackingStreamApp;
import com.orderpipeline.tracking.testing.Http;
import com.orderpipeline.tracking.testing.Orders;
import com.orderpipeline.tracking.testing.TestPipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tracking page in a real headless Chromium, driven as a person would use it. Uses the system's Chromium and
 * chromedriver (never a downloaded one); where they are missing the test is skipped with a message, except on CI
 * (CI=true), where they are installed and their absence is a failure.
 */
@ExtendWith(SharedKafka.class)
class TrackingPageBrowserIT {
    private static final Logger LOG = LoggerFactory.getLogger(TrackingPageBrowserIT.class);
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_BINARY", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER_BINARY", "/usr/bin/chromedriver"));
    private static final Instant PLACED_AT = Instant.now().minus(Duration.ofHours(4)).truncatedTo(ChronoUnit.MILLIS);
    private static final LocalDate PROMISED = LocalDate.ofInstant(PLACED_AT, ZoneOffset.UTC).plusDays(4);
    private static final String ORDER = Orders.physicalId(3_000);

    @TempDir
    static Path dir;
    private static TestPipeline pipeline;
    private static TrackingStreamApp app;
    private static WebDriver browser;
    private static String base;

    private static Optional<String> missingBrowser;

    @BeforeAll
    static void start() throws Exception {
        missingBrowser = missingBrowser();
        if (missingBrowser.isPresent()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(missingBrowser.get() + ": CI installs them, so the browser test must run there");
            }
            LOG.warn("SKIPPING the tracking page browser tests: {}", missingBrowser.get());
            return;
        }
        pipeline = new TestPipeline("page", 2);
        app = TrackingStreamApp.start(pipeline.config("tracking", dir.resolve("state"), 0), Clock.systemUTC());
        base = "http://localhost:" + app.httpPort();
        pipeline.place(Orders.placed(ORDER, PLACED_AT, PROMISED));
        pipeline.advance(Orders.step(ORDER, PICKED, 2, PLACED_AT.plusSeconds(3_600)));
        pipeline.advance(Orders.step(ORDER, PACKED, 3, PLACED_AT.plusSeconds(7_200)));
        pipeline.advance(Orders.step(ORDER, SHIPPED, 4, PLACED_AT.plusSeconds(10_800)));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> Http.get(base + "/orders/" + ORDER).body().contains("\"SHIPPED\""));

        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=412,915",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")));
        browser = new ChromeDriver(service, options);
    }

    @BeforeEach
    void requireBrowser() {
        Assumptions.assumeTrue(missingBrowser.isEmpty(), () -> "Browser test skipped: " + missingBrowser.orElse(""));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void aPersonTypesTheirOrderIdAndSeesTheTimeline() {
        browser.get(base + "/");
        String typed = ORDER.replace("-", "").toLowerCase(java.util.Locale.ROOT);
        browser.findElement(By.id("order-id")).sendKeys(" " + typed + " ");
        browser.findElement(By.id("track-button")).click();

        WebElement timeline = waitFor(By.id("timeline"));
        assertThat(browser.getCurrentUrl()).endsWith("/track/" + typed);
        assertThat(browser.findElement(By.id("order-number")).getText()).isEqualTo(ORDER);
        assertThat(browser.findElement(By.id("headline")).getText()).isEqualTo("On its way");
        assertThat(timeline.findElements(By.cssSelector("li.step.done"))).extracting(e -> e.getAttribute("data-status"))
                .containsExactly("PLACED", "PICKED", "PACKED", "SHIPPED");
        assertThat(timeline.findElements(By.cssSelector("li.step.todo"))).extracting(WebElement::getText)
                .containsExactly("Delivered\nto come");
        assertThat(browser.findElement(By.id("carrier")).getText()).isEqualTo("UPS");
        assertThat(browser.findElement(By.id("tracking-number")).getText()).isEqualTo("1Z999AA10123456784");
        assertThat(browser.findElement(By.id("promise")).getText()).startsWith("Arriving by ");
        assertThat(browser.findElements(By.id("late-warning"))).isEmpty();
        assertThat(browser.getPageSource()).doesNotContain("Ada", "Terry");
    }

    @Test
    void aMistypedIdGetsAMessageNamingTheTypoAndKeepsWhatWasTyped() {
        char last = ORDER.charAt(ORDER.length() - 1);
        String typo = ORDER.substring(0, ORDER.length() - 1) + (char) ('0' + (last - '0' + 1) % 10);
        browser.get(base + "/");
        browser.findElement(By.id("order-id")).sendKeys(typo);
        browser.findElement(By.id("track-button")).click();

        WebElement problem = waitFor(By.id("problem"));
        assertThat(problem.getText()).contains("typo", "check digit");
        assertThat(browser.findElement(By.id("order-id")).getAttribute("value")).isEqualTo(typo);
        assertThat(browser.findElements(By.id("timeline"))).isEmpty();
    }

    @Test
    void anUnknownOrderGetsAFriendlyMessage() {
        String unknown = Orders.physicalId(3_999);
        browser.get(base + "/track/" + unknown);

        assertThat(waitFor(By.id("problem")).getText()).contains("cannot find order " + unknown);
    }

    private static WebElement waitFor(By locator) {
        return new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    private static Optional<String> missingBrowser() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return Optional.empty();
        }
        return Optional.of("Chromium (" + CHROMIUM + ") or chromedriver (" + CHROMEDRIVER + ") is not installed"
                + " (Debian packages chromium and chromium-driver)");
    }
}
