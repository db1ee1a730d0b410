package com.orderpipeline.devstack.simulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The simulated shopper places orders over the API and asks to cancel the physical ones it changes its mind about. */
class ShopperSimulatorTest {

    @Test
    void asksToCancelEveryPhysicalOrderItChangesItsMindAboutAndNoDigitalOne() {
        try (FakeOrderApi api = new FakeOrderApi();
             ShopperSimulator shopper = new ShopperSimulator(api.client(), 20, 1.0)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> shopper.cancellationsRequested() >= 5);
            shopper.close();

            Map<String, String> channels = api.callsTo("/orders").stream()
                    .collect(Collectors.toMap(FakeOrderApi.Call::answeredOrderId, call -> call.body().path("channel").asText()));
            List<FakeOrderApi.Call> cancellations = api.callsTo("/cancellation");
            for (FakeOrderApi.Call cancellation : cancellations) {
                String orderId = cancellation.path().substring("/orders/".length(), cancellation.path().length() - "/cancellation".length());
                assertThat(channels).as("cancelled orders are orders it placed").containsKey(orderId);
                assertThat(channels.get(orderId)).as("digital orders cannot be cancelled").isEqualTo("PHYSICAL");
                assertThat(cancellation.idempotencyKey()).isEqualTo("cancel-" + orderId);
                assertThat(cancellation.body().toString())
                        .isEqualTo("{\"reason\":\"CUSTOMER_REQUEST\",\"requestedBy\":\"CUSTOMER\",\"note\":\"Changed my mind\"}");
            }
            // each accepted cancellation was a call; one still in flight when the shopper stopped may not be counted
            assertThat(shopper.cancellationsRequested()).isBetween(cancellations.size() - 1L, (long) cancellations.size());
        }
    }

    @Test
    void cancelsNothingWithAShareOfZero() {
        try (FakeOrderApi api = new FakeOrderApi();
             ShopperSimulator shopper = new ShopperSimulator(api.client(), 50, 0)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> shopper.placed() >= 100);
            // a cancellation is due at most five seconds after its order
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(7)).until(() -> api.callsTo("/cancellation").isEmpty());
        }
    }
}
