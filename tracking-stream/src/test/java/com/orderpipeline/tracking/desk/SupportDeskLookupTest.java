package com.orderpipeline.tracking.desk;

import static com.orderpipeline.tracking.desk.DeskServer.SUPPORT_TOKEN;
import static com.orderpipeline.tracking.desk.SupportViews.ORDER;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SupportDeskLookupTest {
    private final DeskServer desk = new DeskServer();
    private final Browser browser = new Browser(desk.base());

    @BeforeEach
    void logIn() {
        browser.logIn(SUPPORT_TOKEN);
    }

    @AfterEach
    void stop() {
        desk.close();
    }

    @Test
    void anOrderIdTypedAnyHowGoesToTheOrdersPage() {
        HttpResponse<String> found = browser.get("/support/desk/search?q=" + ORDER.replace("-", "") + "%20");

        assertThat(found.statusCode()).isEqualTo(303);
        assertThat(found.headers().firstValue("Location")).contains("/support/desk/order/" + ORDER);
    }

    @Test
    void aMistypedOrderIdGetsTheTrackingPagesTypoMessage() {
        char last = ORDER.charAt(ORDER.length() - 1);
        String typo = ORDER.substring(0, ORDER.length() - 1) + (char) ('0' + (last - '0' + 1) % 10);

        HttpResponse<String> page = browser.get("/support/desk/search?q=" + typo);

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("id=\"problem\"", "has a typo", "check digit", "value=\"" + typo + "\"");
        assertThat(desk.api.requests).isEmpty();
    }

    @Test
    void anythingElseIsACustomerId() {
        HttpResponse<String> found = browser.get("/support/desk/search?q=C-1001");

        assertThat(found.statusCode()).isEqualTo(303);
        assertThat(found.headers().firstValue("Location")).contains("/support/desk/customer?id=C-1001");
    }

    @Test
    void theOrderIsReadFromTheSupportApiWithTheAgentsToken() {
        desk.api.answer("GET", "/support/orders/" + ORDER, 200, SupportViews.order("PACKED"));

        HttpResponse<String> page = browser.get("/support/desk/order/" + ORDER);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("410 Terry Ave N", "id=\"cancel-form\"");
        assertThat(desk.api.requests).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo("/support/orders/" + ORDER);
            assertThat(request.authorization()).isEqualTo("Bearer " + SUPPORT_TOKEN);
        });
    }

    @Test
    void anUnknownOrderSaysSo() {
        HttpResponse<String> page = browser.get("/support/desk/order/" + ORDER);

        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("No order " + ORDER + " is known");
    }

    @Test
    void anUnreachableOwnerIsATryAgain() {
        desk.api.answer("GET", "/support/orders/" + ORDER, 503,
                "{\"status\":503,\"detail\":\"The instance that owns this order cannot be reached\"}");

        HttpResponse<String> page = browser.get("/support/desk/order/" + ORDER);

        assertThat(page.statusCode()).isEqualTo(503);
        assertThat(page.body()).contains("cannot be read right now", "owns this order cannot be reached", "Try again");
    }

    @Test
    void aRotatedOutTokenEndsTheSession() {
        desk.api.answer("GET", "/support/orders/" + ORDER, 401, "{\"status\":401,\"detail\":\"The token is not one"
                + " this service accepts\"}");

        assertThat(browser.get("/support/desk/order/" + ORDER).statusCode()).isEqualTo(401);

        assertThat(browser.get("/support/").body()).contains("id=\"login-form\"");
    }

    @Test
    void aCustomersOrdersLinkToTheirPagesAndToTheNextPage() {
        String next = SupportViews.ORDER;
        desk.api.answer("GET", "/support/customers/C-1001/orders?limit=20", 200, """
                {"customerId":"C-1001","orders":[{"orderId":"%s","placedAt":"2026-12-01T10:15:30Z","status":"SHIPPED",
                 "itemCount":1,"items":[{"sku":"B00X4WHP5E","title":"Kindle <b>Paperwhite</b>","quantity":1}],
                 "total":14999,"currency":"USD","shipTo":{"name":"Ada Lovelace","city":"Seattle","country":"US"},
                 "payment":{"method":"CARD","label":"Visa ending in 4242","status":"CAPTURED"},"promisedBy":"2026-12-10",
                 "estimatedDelivery":null,"deliveredAt":null,"late":false,"returns":[]}],"next":"%s"}
                """.formatted(ORDER, next));

        HttpResponse<String> page = browser.get("/support/desk/customer?id=C-1001");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("href=\"/support/desk/order/" + ORDER + "\"", "USD 149.99",
                "Ada Lovelace, Seattle, US", "Kindle &lt;b&gt;Paperwhite&lt;/b&gt;",
                "id=\"next-page\" href=\"/support/desk/customer?id=C-1001&amp;before=" + next + "\"");
    }

    @Test
    void aCustomerWithoutOrdersIsAnEmptyList() {
        desk.api.answer("GET", "/support/customers/C-404/orders?limit=20", 200,
                "{\"customerId\":\"C-404\",\"orders\":[],\"next\":null}");

        HttpResponse<String> page = browser.get("/support/desk/customer?id=C-404");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("No orders for this customer ID").doesNotContain("next-page");
    }
}
