package com.orderpipeline.tracking.desk;

import static com.orderpipeline.tracking.desk.DeskServer.SUPPORT_TOKEN;
import static com.orderpipeline.tracking.desk.SupportViews.ORDER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderpipeline.runtime.http.Json;
import com.orderpipeline.runtime.http.access.AccessSettings;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SupportDeskActionsTest {
    private static final String CANCEL = "/support/desk/order/" + ORDER + "/cancel";
    private static final String ACCEPTED = "{\"orderId\":\"" + ORDER + "\",\"requestId\":\"req-42\",\"status\":\"REQUESTED\"}";

    private final DeskServer desk = new DeskServer();
    private final Browser browser = new Browser(desk.base());

    @BeforeEach
    void openTheOrder() {
        desk.api.answer("GET", "/support/orders/" + ORDER, 200, SupportViews.order("PACKED"));
        browser.logIn(SUPPORT_TOKEN);
        assertThat(browser.get("/support/desk/order/" + ORDER).statusCode()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        desk.close();
    }

    @Test
    void cancellingSendsTheRequestWithTheAgentsTokenAndComesBackWithANotice() throws Exception {
        desk.api.answer("POST", "/orders/" + ORDER + "/cancellation", 202, ACCEPTED);
        String nonce = browser.field("nonce");

        HttpResponse<String> sent = browser.post(CANCEL, Map.of("csrf", browser.field("csrf"), "nonce", nonce,
                "reason", "OUT_OF_STOCK", "note", "Customer called"));

        assertThat(sent.statusCode()).isEqualTo(303);
        assertThat(sent.headers().firstValue("Location")).contains("/support/desk/order/" + ORDER);
        FakeApi.Request request = desk.api.requests("POST").get(0);
        assertThat(request.path()).isEqualTo("/orders/" + ORDER + "/cancellation");
        assertThat(request.authorization()).isEqualTo("Bearer " + SUPPORT_TOKEN);
        assertThat(request.idempotencyKey()).isEqualTo("support-desk-" + nonce);
        JsonNode body = Json.mapper().readTree(request.body());
        assertThat(body.path("reason").asText()).isEqualTo("OUT_OF_STOCK");
        assertThat(body.path("requestedBy").asText()).isEqualTo("SUPPORT");
        assertThat(body.path("note").asText()).isEqualTo("Customer called");
        HttpResponse<String> page = browser.get("/support/desk/order/" + ORDER);
        assertThat(page.body()).contains("id=\"notice\"", "Cancellation requested (request req-42)");
        assertThat(browser.get("/support/desk/order/" + ORDER).body()).as("shown once").doesNotContain("id=\"notice\"");
    }

    @Test
    void theSameFormSubmittedTwiceAsksOnce() {
        desk.api.answer("POST", "/orders/" + ORDER + "/cancellation", 202, ACCEPTED);
        Map<String, String> form = Map.of("csrf", browser.field("csrf"), "nonce", browser.field("nonce"),
                "reason", "CUSTOMER_REQUEST");

        assertThat(browser.post(CANCEL, form).statusCode()).isEqualTo(303);
        assertThat(browser.post(CANCEL, form).statusCode()).isEqualTo(303);

        assertThat(desk.api.requests("POST")).hasSize(1);
    }

    @Test
    void aFormWithoutTheSessionsTokenDoesNothing() {
        HttpResponse<String> sent = browser.post(CANCEL, Map.of("nonce", browser.field("nonce"), "reason", "OTHER"));

        assertThat(sent.statusCode()).isEqualTo(403);
        assertThat(sent.body()).contains("was not requested");
        assertThat(desk.api.requests("POST")).isEmpty();
    }

    @Test
    void aFormWithAnotherTokenDoesNothing() {
        String csrf = browser.field("csrf");
        String wrong = (csrf.charAt(0) == 'A' ? "B" : "A") + csrf.substring(1);

        HttpResponse<String> sent = browser.post(CANCEL, Map.of("csrf", wrong, "nonce", browser.field("nonce"),
                "reason", "OTHER"));

        assertThat(sent.statusCode()).isEqualTo(403);
        assertThat(desk.api.requests("POST")).isEmpty();
    }

    @Test
    void aFormFromAnotherOriginDoesNothingEvenWithTheToken() {
        HttpResponse<String> sent = browser.post(CANCEL, Map.of("csrf", browser.field("csrf"), "nonce",
                browser.field("nonce"), "reason", "OTHER"), "Origin", "http://attacker.example:" + 8083);

        assertThat(sent.statusCode()).isEqualTo(403);
        assertThat(desk.api.requests("POST")).isEmpty();
    }

    @Test
    void withoutASessionACancelIsRefusedAndNothingIsAsked() {
        Map<String, String> form = Map.of("csrf", browser.field("csrf"), "nonce", browser.field("nonce"), "reason", "OTHER");
        Browser stranger = new Browser(desk.base());

        HttpResponse<String> sent = stranger.post(CANCEL, form);

        assertThat(sent.statusCode()).isEqualTo(401);
        assertThat(sent.body()).contains("session has ended");
        assertThat(desk.api.requests("POST")).isEmpty();
    }

    @Test
    void aRefusedCancellationShowsTheServicesReason() {
        desk.api.answer("POST", "/orders/" + ORDER + "/cancellation", 400,
                "{\"status\":400,\"detail\":\"note: must not hold a card number\"}");

        HttpResponse<String> sent = browser.post(CANCEL, Map.of("csrf", browser.field("csrf"), "nonce",
                browser.field("nonce"), "reason", "OTHER", "note", "4242424242424242"));

        assertThat(sent.statusCode()).isEqualTo(400);
        assertThat(sent.body()).contains("The cancellation was not accepted: note: must not hold a card number")
                .doesNotContain("4242424242424242");
    }

    @Test
    void aReasonNotOfferedIsRefusedBeforeAnythingIsSent() {
        HttpResponse<String> sent = browser.post(CANCEL, Map.of("csrf", browser.field("csrf"), "nonce",
                browser.field("nonce"), "reason", "BECAUSE"));

        assertThat(sent.statusCode()).isEqualTo(400);
        assertThat(desk.api.requests("POST")).isEmpty();
    }

    @Test
    void aReturnSendsTheChosenItemsOnly() throws Exception {
        desk.api.answer("GET", "/support/orders/" + ORDER, 200, SupportViews.order("DELIVERED"));
        desk.api.answer("POST", "/orders/" + ORDER + "/returns", 202, ACCEPTED);
        browser.get("/support/desk/order/" + ORDER);
        assertThat(browser.last.body()).contains("id=\"return-form\"").doesNotContain("id=\"cancel-form\"");
        Map<String, String> form = new HashMap<>(Map.of("csrf", browser.field("csrf"), "nonce", browser.field("nonce"),
                "reason", "DAMAGED", "comment", "Cracked screen", "sku.0", "B00X4WHP5E", "quantity.0", "1",
                "sku.1", "B0BOOK", "quantity.1", "0"));

        HttpResponse<String> sent = browser.post("/support/desk/order/" + ORDER + "/return", form);

        assertThat(sent.statusCode()).isEqualTo(303);
        JsonNode body = Json.mapper().readTree(desk.api.requests("POST").get(0).body());
        assertThat(body.toString()).isEqualTo("{\"reason\":\"DAMAGED\",\"requestedBy\":\"SUPPORT\",\"items\":"
                + "[{\"sku\":\"B00X4WHP5E\",\"quantity\":1}],\"comment\":\"Cracked screen\"}");
        assertThat(browser.get("/support/desk/order/" + ORDER).body()).contains("Return requested (request req-42)");
    }

    @Test
    void withoutTheOrderApiTheOrderPageSaysHowToTurnActionsOn() {
        try (DeskServer readOnly = new DeskServer(AccessSettings.tokens(DeskServer.TOKENS), Duration.ofMinutes(30),
                Duration.ofHours(8), false)) {
            readOnly.api.answer("GET", "/support/orders/" + ORDER, 200, SupportViews.order("PLACED"));
            Browser agent = new Browser(readOnly.base());
            agent.logIn(SUPPORT_TOKEN);

            String page = agent.get("/support/desk/order/" + ORDER).body();

            assertThat(page).contains("id=\"actions-off\"", "ORDER_API_URL").doesNotContain("id=\"cancel-form\"");
        }
    }
}
