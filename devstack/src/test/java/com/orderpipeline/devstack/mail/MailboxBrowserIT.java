package com.orderpipeline.devstack.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpipeline.devstack.DevStackHarness;
import com.orderpipeline.embedded.testing.SystemChromium;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * devstack's mailbox in a real headless Chromium: an order placed through the order API, and its confirmation,
 * with its order ID, on the mailbox page as its recipient reads it. Uses the system's Chromium and chromedriver
 * (never a downloaded one); where they are missing the test is skipped with a message, except on CI (CI=true).
 */
class MailboxBrowserIT {
    private static final Logger LOG = LoggerFactory.getLogger(MailboxBrowserIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    private static DevStackHarness devstack;
    private static WebDriver browser;

    @BeforeAll
    static void start() {
        Optional<String> missing = SystemChromium.missing();
        if (missing.isPresent()) {
            LOG.warn("SKIPPING the mailbox browser test: {}", missing.get());
            Assumptions.abort("Browser test skipped: " + missing.get());
        }
        devstack = DevStackHarness.start(dir.resolve("data"), false);
        browser = SystemChromium.start(dir.resolve("chromium-profile"));
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
    void theConfirmationOfAnOrderJustPlacedIsInTheMailboxWithItsOrderId() throws Exception {
        String orderId = place("ada@example.com");
        String subject = "Your order " + orderId + " is confirmed";

        browser.get(devstack.mailboxUrl());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            browser.navigate().refresh();
            return browser.findElements(By.cssSelector("article.mail h2.subject")).stream()
                    .anyMatch(element -> element.getText().equals(subject));
        });

        WebElement newest = browser.findElements(By.cssSelector("article.mail")).get(0);
        assertThat(newest.findElement(By.cssSelector("h2.subject")).getText()).isEqualTo(subject);
        assertThat(newest.findElement(By.cssSelector(".to")).getText()).isEqualTo("ada@example.com");
        assertThat(browser.findElements(By.tagName("script"))).isEmpty();
        // the mail itself, as its recipient's mail program shows it, in a sandboxed frame
        browser.switchTo().frame(newest.findElement(By.cssSelector("iframe.body")));
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.tagName("body")).getText()
                .contains("Your order ID is " + orderId));
        assertThat(browser.findElement(By.linkText("Track your order")).getAttribute("href"))
                .endsWith("/track/" + orderId);
        browser.switchTo().defaultContent();

        JsonNode messages = JSON.readTree(get(devstack.mailboxUrl() + "api/messages"));
        JsonNode first = messages.get(0);
        assertThat(first.path("to").asText()).isEqualTo("ada@example.com");
        assertThat(first.path("subject").asText()).isEqualTo(subject);
        assertThat(first.path("text").asText()).contains("Order ID: " + orderId, "Total: 149,99 €");
        assertThat(first.path("sentAt").asText()).isNotEmpty();
    }

    private static String place(String email) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(devstack.orderApi() + "/orders"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + devstack.shopToken())
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"customerId": "C-9", "channel": "PHYSICAL", "currency": "EUR", "contactEmail": "%s", "shippingSpeed": "STANDARD",
                         "items": [{"sku": "B00X4WHP5E", "title": "Kindle Paperwhite", "quantity": 1, "unitPrice": 14999}],
                         "shipTo": {"name": "Ada Lovelace", "line1": "Unter den Linden 1", "city": "Berlin",
                                    "postalCode": "10117", "country": "DE"}}"""
                        .formatted(email))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).path("orderId").asText();
    }

    private static String get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
