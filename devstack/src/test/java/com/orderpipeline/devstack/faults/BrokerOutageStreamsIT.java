package com.orderpipeline.devstack.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpipeline.embedded.kafka.EmbeddedKafkaBroker;
import com.orderpipeline.embedded.registry.EmbeddedSchemaRegistry;
import com.orderpipeline.fulfillment.FulfillmentStreamApp;
import com.orderpipeline.orderid.OrderIdServiceApp;
import com.orderpipeline.orderid.OrderIdServiceConfig;
import com.orderpipeline.runtime.config.Env;
import com.orderpipeline.runtime.lifecycle.Lifecycle;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.tracking.TrackingStreamApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The single broker down for 30 s under the running pipeline, then back on the same port and data directory.
 * order-id-service answers 503 with Retry-After during the outage, never 201, and is ready again on its own, with
 * no order needed to find out; the stream apps stay alive through it and resume without a restart; every order
 * placed before and after is processed exactly once. Runs on a broker of its own, because it stops it.
 */
class BrokerOutageStreamsIT {
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dataDir;
    private EmbeddedKafkaBroker broker;
    private EmbeddedSchemaRegistry registry;
    private FulfillmentStreamApp fulfillment;
    private TrackingStreamApp tracking;
    private OrderIdServiceApp intake;

    @AfterEach
    void stopEverything() {
        intake = Lifecycle.closeQuietly(intake);
        fulfillment = Lifecycle.closeQuietly(fulfillment);
        tracking = Lifecycle.closeQuietly(tracking);
        registry = Lifecycle.closeQuietly(registry);
        broker = Lifecycle.closeQuietly(broker);
    }

    @Test
    void thePipelineRefusesOrdersHonestlyThroughA30SecondBrokerOutageAndProcessesEveryOrderOnceAfterIt() throws Exception {
        broker = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"));
        String bootstrap = broker.bootstrapServers();
        int kafkaPort = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        registry = EmbeddedSchemaRegistry.start(bootstrap, 0);
        FaultPipeline pipeline = new FaultPipeline(bootstrap, dataDir.resolve("state"));
        pipeline.createTopic(pipeline.topic("orders.placed"), 3);
        fulfillment = pipeline.startFulfillment(registry.url());
        tracking = pipeline.startTracking(registry.url());
        Map<String, String> intakeEnv = new HashMap<>(pipeline.env("order-id-service", registry.url()));
        intakeEnv.put("ORDER_ID_KEY", "broker-outage-key-0123456789");
        intakeEnv.put("PRODUCE_TIMEOUT", "2s");
        intake = OrderIdServiceApp.start(OrderIdServiceConfig.fromEnv(new Env(intakeEnv)), Clock.systemUTC());
        assertThat(fulfillment.awaitRunning(Duration.ofSeconds(60))).isTrue();
        assertThat(tracking.awaitRunning(Duration.ofSeconds(60))).isTrue();

        List<String> before = place(10);
        assertThat(before).hasSize(10);
        FaultPipeline.waiting().atMost(Duration.ofSeconds(60)).until(() -> before.stream().allMatch(id -> trackingStatus(id) == 200));

        broker.close();
        List<HttpResponse<String>> duringOutage = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            duringOutage.add(post(i));
        }
        assertThat(duringOutage).allSatisfy(response -> {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        });
        FaultPipeline.waiting().atMost(Duration.ofSeconds(10)).until(() -> FaultPipeline.status(intakeUrl("/health/ready")) == 503);
        FaultPipeline.waiting().during(OUTAGE.minusSeconds(10)).atMost(OUTAGE)
                .until(() -> FaultPipeline.live(fulfillment.httpPort()) && FaultPipeline.live(tracking.httpPort()) && FaultPipeline.live(intake.httpPort()));
        broker = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), "localhost", kafkaPort);
        long back = System.nanoTime();

        FaultPipeline.waiting().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> FaultPipeline.status(intakeUrl("/health/ready")) == 200);
        long ready = System.nanoTime();
        List<String> after = place(10);
        assertThat(after).as("orders placed once the broker is back").hasSize(10);
        FaultPipeline.waiting().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> after.stream().allMatch(id -> trackingStatus(id) == 200)
                        && placedEventsByOrder(pipeline).keySet().containsAll(after));
        System.out.println("After a " + OUTAGE.toSeconds() + " s broker outage, order-id-service was ready again "
                + Duration.ofNanos(ready - back).toMillis() + " ms after the broker's return, with no order sent; orders"
                + " placed then were PLACED and in tracking " + Duration.ofNanos(System.nanoTime() - ready).toMillis()
                + " ms later");
        assertThat(placedEventsByOrder(pipeline)).hasSize(20).allSatisfy((id, count) -> assertThat(count).isOne());
        assertThat(pipeline.readCommitted(pipeline.topic("pipeline.dead-letter"))).isEmpty();
        assertThat(FaultPipeline.live(fulfillment.httpPort()) && FaultPipeline.live(tracking.httpPort())).isTrue();
    }

    /** Places {@code count} orders through order-id-service; the IDs of those answered 201. */
    private List<String> place(int count) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpResponse<String> response = post(i);
            if (response.statusCode() == 201) {
                ids.add(JSON.readTree(response.body()).path("orderId").asText());
            }
        }
        return ids;
    }

    private HttpResponse<String> post(int n) throws Exception {
        String order = """
                {"customerId": "C-%d", "channel": "PHYSICAL", "currency": "USD", "shippingSpeed": "STANDARD",
                 "items": [{"sku": "B00X4WHP5E", "title": "Kindle Paperwhite", "quantity": 1, "unitPrice": 14999}],
                 "shipTo": {"name": "Ada Lovelace", "line1": "410 Terry Ave N", "city": "Seattle",
                            "region": "WA", "postalCode": "98109", "country": "US"}}""".formatted(n);
        return HTTP.send(HttpRequest.newBuilder(URI.create(intakeUrl("/orders"))).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(order)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String intakeUrl(String path) {
        return "http://localhost:" + intake.httpPort() + path;
    }

    private Map<String, Long> placedEventsByOrder(FaultPipeline pipeline) {
        return pipeline.fulfillmentEvents(registry.url()).stream()
                .filter(event -> event.getStatus() == FulfillmentStatus.PLACED)
                .collect(Collectors.groupingBy(FulfillmentEvent::getOrderId, Collectors.counting()));
    }

    private int trackingStatus(String orderId) {
        return FaultPipeline.status("http://localhost:" + tracking.httpPort() + "/orders/" + orderId);
    }
}
