package com.orderpipeline.devstack.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderpipeline.embedded.registry.EmbeddedSchemaRegistry;
import com.orderpipeline.embedded.testing.SharedKafka;
import com.orderpipeline.fulfillment.FulfillmentStreamApp;
import com.orderpipeline.runtime.lifecycle.Lifecycle;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.registry.RegistryClientConfig;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroSerdeConfig;
import com.orderpipeline.schemas.serde.AvroSerializer;
import com.orderpipeline.tracking.TrackingStreamApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema registry down for 30 s during and right after the stream apps restart: tracking-stream restarted
 * just before the outage (its registry client knows no schema of orders.placed yet), fulfillment-stream
 * restarted during it, and 40 orders placed meanwhile by a shop whose serializer knows its schema id, as
 * order-id-service's does. Nothing may be dead-lettered; every order is processed once the registry is back.
 */
@ExtendWith(SharedKafka.class)
class RegistryOutageIT {
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final int ORDERS = 40;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path stateDir;
    private FaultPipeline pipeline;
    private int registryPort;
    private EmbeddedSchemaRegistry registry;
    private FulfillmentStreamApp fulfillment;
    private TrackingStreamApp tracking;

    @AfterEach
    void stopEverything() {
        fulfillment = Lifecycle.closeQuietly(fulfillment);
        tracking = Lifecycle.closeQuietly(tracking);
        registry = Lifecycle.closeQuietly(registry);
    }

    @Test
    void ordersPlacedWhileTheRegistryIsDownAreProcessedOnceItIsBackAndNoneIsDeadLettered() throws Exception {
        pipeline = new FaultPipeline(SharedKafka.bootstrapServers(), stateDir);
        registryPort = FaultPipeline.freePort();
        startRegistry();
        pipeline.createTopic(pipeline.topic("orders.placed"), 3);
        fulfillment = startFulfillment();
        tracking = startTracking();
        assertThat(fulfillment.awaitRunning(Duration.ofSeconds(60))).isTrue();
        assertThat(tracking.awaitRunning(Duration.ofSeconds(60))).isTrue();

        try (KafkaProducer<String, OrderPlaced> shop = shop()) {
            String first = FaultPipeline.orderId(1_000);
            shop.send(new ProducerRecord<>(pipeline.topic("orders.placed"), first, FaultPipeline.order(first))).get();
            FaultPipeline.waiting().atMost(Duration.ofSeconds(30)).until(() -> trackingStatus(first) == 200);

            tracking.close();
            tracking = startTracking();
            assertThat(tracking.awaitRunning(Duration.ofSeconds(60))).isTrue();
            registry.close();
            fulfillment.close();
            // fulfillment-stream starts during the outage: its start waits for the registry instead of failing
            CompletableFuture<FulfillmentStreamApp> restarted = CompletableFuture.supplyAsync(this::startFulfillment);

            List<String> placedDuringOutage = LongStream.range(0, ORDERS).mapToObj(n -> FaultPipeline.orderId(2_000 + n)).toList();
            for (String id : placedDuringOutage) {
                shop.send(new ProducerRecord<>(pipeline.topic("orders.placed"), id, FaultPipeline.order(id))).get();
            }
            FaultPipeline.waiting().during(OUTAGE).atMost(OUTAGE.plusSeconds(10))
                    .until(() -> pipeline.readCommitted(pipeline.topic("pipeline.dead-letter")).isEmpty()
                            && trackingLive() && !restarted.isDone());

            startRegistry();
            fulfillment = restarted.get();
            FaultPipeline.waiting().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> placedDuringOutage.stream().allMatch(id -> trackingStatus(id) == 200));
            FaultPipeline.waiting().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> placedEventsByOrder().keySet().containsAll(placedDuringOutage));

            assertThat(placedEventsByOrder()).hasSize(ORDERS + 1).allSatisfy((id, count) -> assertThat(count).isOne());
            assertThat(pipeline.readCommitted(pipeline.topic("pipeline.dead-letter"))).isEmpty();
        }
    }

    private void startRegistry() {
        registry = EmbeddedSchemaRegistry.start(Map.of("bootstrap.servers", pipeline.bootstrapServers),
                "_schemas-" + pipeline.suffix, (short) 1, "localhost", registryPort);
    }

    private String registryUrl() {
        return "http://localhost:" + registryPort;
    }

    private FulfillmentStreamApp startFulfillment() {
        return pipeline.startFulfillment(registryUrl());
    }

    private TrackingStreamApp startTracking() {
        return pipeline.startTracking(registryUrl());
    }

    /** A producer whose serializer has looked its schema id up before the outage, as a running service has. */
    private KafkaProducer<String, OrderPlaced> shop() {
        AvroSerializer<OrderPlaced> values = new AvroSerializer<>(OrderPlaced.class,
                new SchemaRegistryClient(RegistryClientConfig.of(registryUrl())), AvroSerdeConfig.defaults(), false);
        values.serialize(pipeline.topic("orders.placed"), FaultPipeline.order(FaultPipeline.orderId(1)));
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), values);
    }

    private Map<String, Long> placedEventsByOrder() {
        return pipeline.fulfillmentEvents(registryUrl()).stream()
                .filter(event -> event.getStatus() == FulfillmentStatus.PLACED)
                .collect(Collectors.groupingBy(FulfillmentEvent::getOrderId, Collectors.counting()));
    }

    private int trackingStatus(String orderId) {
        return get("http://localhost:" + tracking.httpPort() + "/orders/" + orderId).statusCode();
    }

    private boolean trackingLive() {
        return get("http://localhost:" + tracking.httpPort() + "/health/live").statusCode() == 200;
    }

    private static HttpResponse<String> get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
