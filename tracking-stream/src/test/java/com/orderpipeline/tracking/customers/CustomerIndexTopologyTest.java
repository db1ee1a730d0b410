package com.orderpipeline.tracking.customers;

import static com.orderpipeline.schemas.avro.FulfillmentStatus.CANCELLED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.DELIVERED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.PACKED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.PICKED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.PLACED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.SHIPPED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.avro.ReturnEvent;
import com.orderpipeline.schemas.avro.ReturnStatus;
import com.orderpipeline.tracking.testing.Orders;
import com.orderpipeline.tracking.testing.Returns;
import com.orderpipeline.tracking.testing.TrackingDriver;
import com.orderpipeline.tracking.topology.TrackingTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Your Orders: the customer index of the tracking topology on TopologyTestDriver, read as its pages would be. */
class CustomerIndexTopologyTest {
    private static final Instant AT = Instant.parse("2026-05-04T09:15:00Z");
    private static final LocalDate PROMISED = LocalDate.parse("2026-05-08");
    private static final int MAX_PER_CUSTOMER = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path stateDir;
    private TrackingDriver pipeline;
    private TopologyTestDriver driver;
    private TestInputTopic<String, OrderPlaced> placed;
    private TestInputTopic<String, FulfillmentEvent> fulfillment;
    private TestInputTopic<String, ReturnEvent> returns;

    @BeforeEach
    void startDriver() {
        pipeline = new TrackingDriver("customers", stateDir,
                new TrackingTopology.Settings(Duration.ofMinutes(1), Duration.ofDays(7), MAX_PER_CUSTOMER), AT, view -> { });
        driver = pipeline.driver;
        placed = pipeline.placed;
        fulfillment = pipeline.fulfillment;
        returns = pipeline.returns;
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void aPlacedOrderIsInItsCustomersListWithWhatWasOrderedWhereToAndItsStatus() {
        String order = Orders.physicalId(1);
        place(order, "C-1001", AT);

        JsonNode entry = only("C-1001");
        assertThat(entry.path("orderId").asText()).isEqualTo(order);
        assertThat(entry.path("placedAt").asText()).isEqualTo(AT.toString());
        assertThat(entry.path("status").asText()).isEqualTo("PLACED");
        assertThat(entry.path("items")).hasSize(2);
        assertThat(entry.path("items").get(0).path("title").asText()).isEqualTo("Kindle Paperwhite");
        assertThat(entry.path("total").asLong()).isEqualTo(30_797L);
        assertThat(entry.path("currency").asText()).isEqualTo("USD");
        assertThat(entry.path("shipTo").path("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(entry.path("shipTo").path("city").asText()).isEqualTo("Seattle");
        assertThat(entry.path("shipTo").has("line1")).as("the list shows the name and city, not the address").isFalse();
        assertThat(entry.path("payment").path("status").asText()).isEqualTo("AUTHORIZED");
        assertThat(entry.path("promisedBy").asText()).isEqualTo(PROMISED.toString());
    }

    @Test
    void anAdvancedOrderIsUpdatedInPlaceNotListedTwice() {
        String order = Orders.physicalId(2);
        place(order, "C-1001", AT);
        advance(order, PLACED, PICKED, PACKED, SHIPPED, DELIVERED);

        JsonNode entry = only("C-1001");
        assertThat(entry.path("status").asText()).isEqualTo("DELIVERED");
        assertThat(entry.path("deliveredAt").asText()).isEqualTo(AT.plus(Duration.ofHours(5)).toString());
        assertThat(entry.path("payment").path("status").asText()).isEqualTo("CAPTURED");
        try (var all = store().all()) {
            assertThat(all).toIterable().hasSize(1);
        }
    }

    @Test
    void aCancelledOrderShowsCancelled() {
        String order = Orders.physicalId(3);
        place(order, "C-1001", AT);
        advance(order, PLACED);
        fulfillment.pipeInput(order, FulfillmentEvent.newBuilder(Orders.step(order, PLACED, 1, AT))
                .setStatus(CANCELLED).setPreviousStatus(PLACED).setSequence(2).setOccurredAt(AT.plusSeconds(60))
                .setCausedBy("cancel-" + order).build(), AT.plusSeconds(60));

        assertThat(only("C-1001").path("status").asText()).isEqualTo(CANCELLED.name());
    }

    @Test
    void aReturnedOrderListsItsReturn() {
        String order = Orders.physicalId(4);
        place(order, "C-1001", AT);
        advance(order, PLACED, PICKED, PACKED, SHIPPED, DELIVERED);
        Instant authorized = AT.plus(Duration.ofDays(4));
        returns.pipeInput(order, Returns.step(order, Returns.returnId(order, 1), "req-1", ReturnStatus.AUTHORIZED, 1,
                authorized, Returns.KINDLE, 1, 0), authorized);

        JsonNode entry = only("C-1001");
        assertThat(entry.path("returns")).hasSize(1);
        assertThat(entry.path("returns").get(0).path("returnId").asText()).isEqualTo(Returns.returnId(order, 1));
        assertThat(entry.path("returns").get(0).path("status").asText()).isEqualTo("AUTHORIZED");
    }

    @Test
    void twoCustomersEachSeeOnlyTheirOwnOrdersEvenWhenOneIdIsThePrefixOfTheOther() {
        String ada = Orders.physicalId(5);
        String grace = Orders.physicalId(6);
        String other = Orders.physicalId(7);
        place(ada, "C-1", AT);
        place(grace, "C-2", AT.plusSeconds(1));
        place(other, "C-1/2", AT.plusSeconds(2));

        assertThat(orderIds("C-1", 10, Optional.empty())).containsExactly(ada);
        assertThat(orderIds("C-2", 10, Optional.empty())).containsExactly(grace);
        assertThat(orderIds("C-1/2", 10, Optional.empty())).containsExactly(other);
        assertThat(orderIds("C-3", 10, Optional.empty())).isEmpty();
    }

    @Test
    void aCustomersOrdersArePagedNewestFirstByCursor() {
        List<String> orders = List.of(Orders.physicalId(10), Orders.physicalId(11), Orders.physicalId(12),
                Orders.physicalId(13));
        for (int i = 0; i < orders.size(); i++) {
            place(orders.get(i), "C-1001", AT.plusSeconds(60L * i));
        }

        CustomerOrderPages.Page first = CustomerOrderPages.read(store(), "C-1001", 3, Optional.empty());
        assertThat(first.orders()).extracting(CustomerOrderPages.Entry::orderId)
                .containsExactly(orders.get(3), orders.get(2), orders.get(1));
        assertThat(first.next()).hasValue(orders.get(1));
        CustomerOrderPages.Page second = CustomerOrderPages.read(store(), "C-1001", 3, first.next());
        assertThat(second.orders()).extracting(CustomerOrderPages.Entry::orderId).containsExactly(orders.get(0));
        assertThat(second.next()).isEmpty();
        assertThat(CustomerOrderPages.read(store(), "C-1001", 4, Optional.empty()).next()).isEmpty();
    }

    @Test
    void aCustomerKeepsOnlyTheNewestOrdersUpToTheBoundAndADroppedOneStaysDropped() {
        for (int i = 0; i < MAX_PER_CUSTOMER + 2; i++) {
            place(Orders.physicalId(20 + i), "C-1001", AT.plusSeconds(60L * i));
        }
        assertThat(orderIds("C-1001", 10, Optional.empty())).containsExactly(Orders.physicalId(25),
                Orders.physicalId(24), Orders.physicalId(23), Orders.physicalId(22));

        advance(Orders.physicalId(20), PLACED, PICKED);

        assertThat(orderIds("C-1001", 10, Optional.empty())).hasSize(MAX_PER_CUSTOMER)
                .doesNotContain(Orders.physicalId(20), Orders.physicalId(21));
    }

    @Test
    void aReDeliveredOrderIsListedOnce() {
        String order = Orders.physicalId(30);
        place(order, "C-1001", AT);
        place(order, "C-1001", AT);

        assertThat(orderIds("C-1001", 10, Optional.empty())).containsExactly(order);
    }

    private void place(String orderId, String customerId, Instant at) {
        placed.pipeInput(orderId, OrderPlaced.newBuilder(Orders.placed(orderId, at, PROMISED)).setCustomerId(customerId)
                .build(), at);
    }

    private void advance(String orderId, FulfillmentStatus... steps) {
        for (int i = 0; i < steps.length; i++) {
            Instant at = AT.plus(Duration.ofHours(i + 1));
            fulfillment.pipeInput(orderId, Orders.step(orderId, steps[i], i + 1, at), at);
        }
    }

    private JsonNode only(String customerId) {
        List<CustomerOrderPages.Entry> orders = CustomerOrderPages.read(store(), customerId, 10, Optional.empty()).orders();
        assertThat(orders).hasSize(1);
        try {
            return JSON.readTree(orders.get(0).json());
        } catch (Exception e) {
            throw new AssertionError("The stored entry is not JSON: " + orders.get(0).json(), e);
        }
    }

    private List<String> orderIds(String customerId, int limit, Optional<String> before) {
        return CustomerOrderPages.read(store(), customerId, limit, before).orders().stream()
                .map(CustomerOrderPages.Entry::orderId).toList();
    }

    private KeyValueStore<String, String> store() {
        return driver.getKeyValueStore(TrackingTopology.CUSTOMER_ORDERS_STORE);
    }
}
