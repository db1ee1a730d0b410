package com.orderpipeline.tracking.desk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderpipeline.runtime.http.Json;
import com.orderpipeline.runtime.http.access.Access;
import com.orderpipeline.runtime.http.access.Caller;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OrderSheetTest {
    private static final Session SESSION = new Session("id", Optional.of(new Caller(Access.SUPPORT, "support:3f9a1c2e")),
            Optional.of("secret"), "form-token", 0);

    @Test
    void showsTheFullAddressWithMarkupEscaped() {
        String page = render(SupportViews.order("SHIPPED"));

        assertThat(page).contains("Ada Lovelace\n410 Terry Ave N\n&lt;script&gt;alert(1)&lt;/script&gt;\n98109 Seattle WA\nUS")
                .doesNotContain("<script>");
    }

    @Test
    void showsTheCustomerItemsPaymentAndDelivery() {
        String page = render(SupportViews.order("SHIPPED"));

        assertThat(page).contains("href=\"/support/desk/customer?id=C-1001\">C-1001</a>", "ada@example.com",
                "Kindle Paperwhite", "USD 149.99", "A Book &amp; More", "USD 12.50", "id=\"total\">USD 174.99",
                "Visa ending in 4242", "CAPTURED", "Thu 10 Dec 2026", "1Z999AA10123456784", "SEA-1");
    }

    @Test
    void showsTheTimelineRejectionsReturnsAndRefunds() {
        String page = render(SupportViews.order("SHIPPED"));

        assertThat(page).contains("id=\"timeline\"", "Tue 1 Dec 2026, 12:00 UTC", "scan-2")
                .contains("id=\"rejections\"", "MISSING_TRACKING_NUMBER", "a shipped scan needs a tracking number")
                .contains(SupportViews.ORDER + "-R1", "REFUNDED", "1ZRETURN", "DAMAGED")
                .contains("id=\"refunds\"", "rf-1", "1 × B00X4WHP5E");
        assertThat(page.split("USD 149.99", -1)).as("unit price, return refund and refund amount").hasSize(4);
    }

    @Test
    void offersCancellingOnlyBeforeShippingAndReturnsOnlyOnceDelivered() {
        assertThat(render(SupportViews.order("PICKED"))).contains("id=\"cancel-form\"").doesNotContain("id=\"return-form\"");
        assertThat(render(SupportViews.order("SHIPPED"))).doesNotContain("id=\"cancel-form\"", "id=\"return-form\"");
        assertThat(render(SupportViews.order("DELIVERED"))).contains("id=\"return-form\"", "name=\"sku.1\" value=\"B0BOOK\"")
                .doesNotContain("id=\"cancel-form\"");
        assertThat(render(SupportViews.order("PLACED").replace("\"PHYSICAL\"", "\"DIGITAL\"")
                .replace("\"DELIVERED\"", "\"X\""))).contains("id=\"cancel-form\"");
    }

    @Test
    void everyFormCarriesTheSessionsTokenAndANonce() {
        String page = render(SupportViews.order("PACKED"));

        assertThat(page).contains("name=\"csrf\" value=\"form-token\"").containsPattern("name=\"nonce\" value=\"[A-Za-z0-9_-]{43}\"")
                .doesNotContain("secret");
    }

    @Test
    void anOrderWithNothingKnownButItsIdStillRenders() throws Exception {
        String page = render("{\"orderId\":\"" + SupportViews.ORDER + "\",\"shipTo\":null,\"payment\":null,\"items\":null,"
                + "\"timeline\":[{}],\"returns\":[{\"status\":null}],\"refunds\":[{\"amount\":\"x\"}]}");

        assertThat(page).contains(SupportViews.ORDER, "No address", "Return request");
    }

    private static String render(String json) {
        try {
            JsonNode order = Json.mapper().readTree(json);
            return OrderSheet.render(order, SESSION, true, Optional.empty());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
