package com.orderpipeline.tracking.page;

import static com.orderpipeline.schemas.avro.FulfillmentStatus.PACKED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.PICKED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.SHIPPED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.DELIVERED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.orderpipeline.embedded.testing.SharedKafka;
import com.orderpipeline.embedded.testing.SystemChromium;
import com.orderpipeline.schemas.avro.CarrierEventType;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.ReturnStatus;
import com.orderpipeline.tracking.TrackingStreamApp;
import com.orderpipeline.tracking.testing.Carriers;
import com.orderpipeline.tracking.testing.Http;
import com.orderpipeline.tracking.testing.Orders;
import com.orderpipeline.tracking.testing.Returns;
import com.orderpipeline.tracking.testing.TestPipeline;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tracking page in a real headless Chromium ({@link SystemChromium}), driven as a person would use it; skipped
 * with a message where Chromium is not installed, except on CI.
 */
@ExtendWith(SharedKafka.class)
class TrackingPageBrowserIT {
    private static final Logger LOG = LoggerFactory.getLogger(TrackingPageBrowserIT.class);
    private static final Instant PLACED_AT = Instant.now().minus(Duration.ofHours(4)).truncatedTo(ChronoUnit.MILLIS);
    private static final LocalDate PROMISED = LocalDate.ofInstant(PLACED_AT, ZoneOffset.UTC).plusDays(4);
    private static final String ORDER = Orders.physicalId(3_000);
    private static final String CANCELLED = Orders.physicalId(3_001);
    private static final String RETURNED = Orders.physicalId(3_002);
    private static final String FOLLOWED = Orders.physicalId(3_003);

    @TempDir
    static Path dir;
    private static TestPipeline pipeline;
    private static TrackingStreamApp app;
    private static WebDriver browser;
    private static String base;

    private static Optional<String> missingBrowser;

    @BeforeAll
    static void start() throws Exception {
        missingBrowser = SystemChromium.missing();
        if (missingBrowser.isPresent()) {
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
        cancelAndReturnOrders();
        pipeline.place(Orders.placed(FOLLOWED, PLACED_AT, PROMISED));
        pipeline.advance(Orders.step(FOLLOWED, SHIPPED, 4, PLACED_AT.plusSeconds(10_800)));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> Http.get(base + "/orders/" + FOLLOWED).body().contains("\"SHIPPED\"")
                        && Http.get(base + "/orders/" + ORDER).body().contains("\"SHIPPED\"")
                        && Http.get(base + "/orders/" + CANCELLED).body().contains("\"CANCELLED\"")
                        && Http.get(base + "/orders/" + RETURNED).body().contains("\"REFUNDED\""));

        browser = SystemChromium.start(dir.resolve("chromium-profile"));
    }

    /** One order cancelled while packed; one delivered, with a Kindle returned and refunded and a book on its way back. */
    private static void cancelAndReturnOrders() {
        pipeline.place(Orders.placed(CANCELLED, PLACED_AT, PROMISED));
        pipeline.advance(Orders.step(CANCELLED, PICKED, 2, PLACED_AT.plusSeconds(600)));
        pipeline.advance(FulfillmentEvent.newBuilder(Orders.step(CANCELLED, PICKED, 3, PLACED_AT.plusSeconds(1_200)))
                .setStatus(FulfillmentStatus.CANCELLED).setPreviousStatus(PICKED).setCausedBy("req-c").build());

        Instant placed = PLACED_AT.minus(Duration.ofDays(10));
        Instant delivered = placed.plus(Duration.ofDays(2));
        Instant refunded = delivered.plus(Duration.ofDays(4));
        String r1 = Returns.returnId(RETURNED, 1);
        pipeline.place(Orders.placed(RETURNED, placed, LocalDate.ofInstant(placed, ZoneOffset.UTC).plusDays(4)));
        pipeline.advance(Orders.step(RETURNED, SHIPPED, 4, delivered.minus(Duration.ofDays(1))));
        pipeline.advance(Orders.step(RETURNED, DELIVERED, 5, delivered));
        pipeline.returned(Returns.step(RETURNED, r1, "req-1", ReturnStatus.AUTHORIZED, 1, delivered.plusSeconds(3_600),
                Returns.KINDLE, 1, 0));
        pipeline.returned(Returns.step(RETURNED, Returns.returnId(RETURNED, 2), "req-2", ReturnStatus.IN_TRANSIT, 2,
                delivered.plusSeconds(7_200), Returns.BOOK, 1, 0));
        pipeline.refunded(Returns.refund(RETURNED, r1, refunded, Returns.KINDLE, 1, Returns.KINDLE_PRICE));
        pipeline.returned(Returns.step(RETURNED, r1, "req-1", ReturnStatus.REFUNDED, 4, refunded, Returns.KINDLE, 1,
                Returns.KINDLE_PRICE));
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
        assertThat(browser.findElement(By.id("headline")).getText()).isEqualTo("Shipped");
        assertThat(timeline.findElements(By.cssSelector("li.step.done"))).extracting(e -> e.getAttribute("data-status"))
                .containsExactly("PLACED", "PICKED", "PACKED", "SHIPPED");
        assertThat(timeline.findElements(By.cssSelector("li.step.todo"))).extracting(WebElement::getText)
                .containsExactly("Delivered\nto come");
        assertThat(browser.findElement(By.id("carrier")).getText()).isEqualTo("UPS");
        assertThat(browser.findElement(By.id("tracking-number")).getText()).isEqualTo("1Z999AA10123456784");
        assertThat(browser.findElement(By.id("promise")).getText()).startsWith("Arriving ");
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

    @Test
    void aCancelledOrderSaysCancelledAndShowsNoStepStillToCome() {
        browser.get(base + "/track/" + CANCELLED);

        WebElement timeline = waitFor(By.id("timeline"));
        assertThat(browser.findElement(By.id("headline")).getText()).isEqualTo("Cancelled");
        assertThat(browser.findElement(By.id("promise")).getText()).startsWith("Cancelled ")
                .endsWith("Nothing more will be sent.");
        assertThat(timeline.findElements(By.cssSelector("li.step.done"))).extracting(e -> e.getAttribute("data-status"))
                .containsExactly("PLACED", "PICKED", "CANCELLED");
        assertThat(timeline.findElements(By.cssSelector("li.step.todo"))).isEmpty();
        assertThat(browser.findElements(By.id("tracking-number"))).isEmpty();
        assertThat(browser.getPageSource()).doesNotContain("Arriving", "to come");
    }

    @Test
    void aDeliveredOrderListsItsReturnsWithWhatWasRefunded() {
        browser.get(base + "/track/" + RETURNED);

        WebElement returns = waitFor(By.id("returns"));
        assertThat(returns.findElements(By.cssSelector("li.return"))).extracting(e -> e.getAttribute("data-status"))
                .containsExactly("REFUNDED", "IN_TRANSIT");
        assertThat(returns.findElements(By.className("return-id"))).extracting(WebElement::getText)
                .containsExactly(Returns.returnId(RETURNED, 1), Returns.returnId(RETURNED, 2));
        assertThat(returns.findElements(By.className("return-status"))).extracting(WebElement::getText)
                .containsExactly("Refunded", "On its way back to us");
        assertThat(returns.findElements(By.className("return-items"))).extracting(WebElement::getText)
                .containsExactly("1 × " + Returns.KINDLE, "1 × " + Returns.BOOK);
        assertThat(returns.findElements(By.className("return-refund"))).extracting(WebElement::getText)
                .containsExactly("USD 149.99");
        assertThat(browser.getPageSource()).doesNotContain("Ada", "Terry", "PARTIALLY_REFUNDED");
    }

    @Test
    void thePageFollowsTheParcelFromShippedToOutForDeliveryToDeliveredWithoutAReload() {
        browser.get(base + "/track/" + FOLLOWED);
        assertThat(waitFor(By.id("headline")).getText()).isEqualTo("Shipped");
        ((JavascriptExecutor) browser).executeScript("window.loadedOnce = true;");

        pipeline.carried(Carriers.event(FOLLOWED, "ev-out", CarrierEventType.OUT_FOR_DELIVERY, Instant.now(),
                "Seattle, WA, US", null));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(By.id("headline"),
                "Out for delivery"));
        assertThat(browser.findElement(By.id("carrier-status")).getText()).isEqualTo("Out for delivery · Seattle, WA, US");
        assertThat(browser.findElements(By.cssSelector("li.step.carrier"))).extracting(e -> e.getAttribute("data-event"))
                .containsExactly("OUT_FOR_DELIVERY");
        assertThat(browser.findElements(By.cssSelector("#progress li.done"))).extracting(WebElement::getText)
                .containsExactly("Ordered", "Packed", "Shipped", "Out for delivery");

        pipeline.advance(Orders.step(FOLLOWED, DELIVERED, 5, Instant.now()));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(By.id("headline"),
                "Delivered"));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.loadedOnce === true;"))
                .as("changed in place, never reloaded").isEqualTo(true);
    }

    private static WebElement waitFor(By locator) {
        return new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }
}
