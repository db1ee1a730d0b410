package com.orderpipeline.devstack.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpipeline.devstack.DevStackHarness;
import com.orderpipeline.embedded.testing.SystemChromium;
import com.orderpipeline.embedded.testing.TestKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The support desk end to end, as an agent on the phone uses it, in a real headless Chromium against devstack
 * without simulators (so nothing moves an order past PLACED but the agent): log in with the support token of the
 * data directory, look up a mistyped ID and the real one, see the address, cancel, watch the order turn
 * CANCELLED, log out, and find the desk closed to a browser without a session. Uses {@link SystemChromium}:
 * skipped with a message where Chromium is not installed, except on CI.
 */
class SupportDeskBrowserIT {
    private static final Logger LOG = LoggerFactory.getLogger(SupportDeskBrowserIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final String STREET = "77 Phone Desk Crescent";

    @TempDir
    static Path dataDir;
    private static DevStackHarness devstack;
    private static WebDriver browser;
    private static Optional<String> missingBrowser;

    @BeforeAll
    static void start() throws Exception {
        missingBrowser = SystemChromium.missing();
        if (missingBrowser.isPresent()) {
            LOG.warn("SKIPPING the support desk browser test: {}", missingBrowser.get());
            return;
        }
        devstack = DevStackHarness.start(dataDir.resolve("devstack"), false);
        browser = SystemChromium.start(dataDir.resolve("chromium-profile"));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (devstack != null) {
            devstack.close();
        }
    }

    @Test
    void anAgentFindsTheOrderCancelsItForTheCustomerAndLogsOut() throws Exception {
        Assumptions.assumeTrue(missingBrowser.isEmpty(), () -> "Browser test skipped: " + missingBrowser.orElse(""));
        String order = place();
        String bystander = place();
        String desk = devstack.trackingApi() + "/support/";

        browser.get(desk);
        browser.findElement(By.id("token")).sendKeys(supportTokenOfTheDataDirectory());
        browser.findElement(By.id("login-button")).click();
        waitFor(By.id("search-form"));
        assertThat(browser.findElement(By.id("who")).getText()).startsWith("support:");

        search(typo(order));
        assertThat(waitFor(By.id("problem")).getText()).contains("typo", "check digit");

        search(order.replace("-", ""));
        assertThat(waitFor(By.id("order-number")).getText()).isEqualTo(order);
        assertThat(browser.findElement(By.id("ship-to")).getText()).contains("Grace Hopper", STREET, "Flat <7>", "Arlington");
        assertThat(browser.findElement(By.id("customer-id")).getText()).isEqualTo("C-DESK-1");
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("PLACED");

        browser.findElement(By.id("cancel-button")).click();
        assertThat(waitFor(By.id("notice")).getText()).startsWith("Cancellation requested (request ");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            browser.navigate().refresh();
            return waitFor(By.id("status")).getText().equals("CANCELLED");
        });
        assertThat(browser.findElement(By.id("cancellation-by")).getText()).isEqualTo("SUPPORT");
        assertThat(browser.findElements(By.id("cancel-button"))).isEmpty();

        browser.findElement(By.id("logout")).click();
        waitFor(By.id("login-form"));
        browser.get(devstack.trackingApi() + "/support/desk/order/" + order);
        waitFor(By.id("login-form"));
        assertThat(browser.getCurrentUrl()).endsWith("/support/");
        assertThat(browser.getPageSource()).doesNotContain(STREET);

        int requests = requestsWritten();
        HttpResponse<String> cancel = HTTP.send(HttpRequest.newBuilder(URI.create(devstack.trackingApi()
                        + "/support/desk/order/" + bystander + "/cancel"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=guess&nonce=0123456789abcdefghij&reason=OTHER")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(cancel.statusCode()).isEqualTo(401);
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(devstack.trackingApi()
                + "/support/desk/order/" + bystander)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(requestsWritten()).as("no cancellation request written without a session").isEqualTo(requests);
    }

    /** Places a physical order with a distinctive address, and waits until tracking knows it. */
    private static String place() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(devstack.orderApi() + "/orders"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + devstack.shopToken())
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"customerId": "C-DESK-1", "channel": "PHYSICAL", "currency": "USD", "shippingSpeed": "STANDARD",
                         "contactEmail": "grace@example.com",
                         "items": [{"sku": "B00X4WHP5E", "title": "Kindle Paperwhite", "quantity": 1, "unitPrice": 14999}],
                         "shipTo": {"name": "Grace Hopper", "line1": "%s", "line2": "Flat <7>", "city": "Arlington",
                                    "region": "VA", "postalCode": "22201", "country": "US"}}""".formatted(STREET)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String orderId = JSON.readTree(response.body()).path("orderId").asText();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            HttpResponse<String> view = HTTP.send(HttpRequest.newBuilder(URI.create(devstack.trackingApi() + "/orders/"
                    + orderId)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return view.statusCode() == 200;
        });
        return orderId;
    }

    private static String supportTokenOfTheDataDirectory() throws Exception {
        String token = Files.readAllLines(dataDir.resolve("devstack/api-tokens")).stream()
                .filter(line -> line.startsWith("support=")).map(line -> line.substring("support=".length()))
                .findFirst().orElseThrow();
        assertThat(token).isEqualTo(devstack.supportToken());
        return token;
    }

    private static void search(String typed) {
        WebElement box = waitFor(By.id("q"));
        box.clear();
        box.sendKeys(typed);
        browser.findElement(By.id("search-button")).click();
    }

    /** The order ID with its check digit changed: one mistyped digit. */
    private static String typo(String orderId) {
        char last = orderId.charAt(orderId.length() - 1);
        return orderId.substring(0, orderId.length() - 1) + (char) ('0' + (last - '0' + 1) % 10);
    }

    private static int requestsWritten() {
        try (TestKafka kafka = new TestKafka(devstack.bootstrapServers())) {
            return kafka.keys("orders.requests").size();
        }
    }

    private static WebElement waitFor(By locator) {
        return new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }
}
