package com.orderpipeline.fulfillment.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderpipeline.fulfillment.state.OrderState;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OrderStatesTest {

    @Test
    void remembersTheNewestHundredScanIdsOfAnOrder() {
        OrderState order = new OrderState("114-0000000-0000001", false, "SEA-1", "PICKED", 2, Instant.EPOCH, null, null,
                List.of());
        for (int i = 0; i < 150; i++) {
            order = OrderStates.remember(order, "scan-" + i);
        }

        assertThat(order.getScanIds()).containsExactlyElementsOf(
                IntStream.range(50, 150).mapToObj(i -> "scan-" + i).toList());
        assertThat(OrderStates.hasSeen(order, "scan-149")).isTrue();
        assertThat(OrderStates.hasSeen(order, "scan-49")).isFalse();
        assertThat(order.getSequence()).isEqualTo(2);
    }
}
