package com.orderpipeline.orderid.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpipeline.embedded.testing.SharedKafka;
import com.orderpipeline.embedded.testing.TestKafka;
import com.orderpipeline.orderid.OrderIdServiceApp;
import com.orderpipeline.orderid.OrderIdServiceConfig;
import com.orderpipeline.orderid.TestConfigs;
import com.orderpipeline.runtime.http.access.AccessSettings;
import com.orderpipeline.schemas.registry.RegistryClientConfig;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroDeserializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * One order-id-service on the shared embedded broker, with topics of its own, and what the tests of its requests
 * about a placed order do with it: place an order, post to it, read back what reached a topic.
 */
final class RunningService implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final OrderIdServiceConfig config;
    private final OrderIdServiceApp app;

    private RunningService(OrderIdServiceConfig config) {
        this.config = config;
        this.app = OrderIdServiceApp.start(config, Clock.systemUTC());
    }

    static RunningService start(String topicSuffix) {
        return new RunningService(TestConfigs.config(SharedKafka.bootstrapServers(), SharedKafka.registryUrl(), topicSuffix));
    }

    /** The same, with this access control instead of none. */
    static RunningService start(String topicSuffix, AccessSettings access) {
        return new RunningService(TestConfigs.config(SharedKafka.bootstrapServers(), SharedKafka.registryUrl(), topicSuffix)
                .withAccess(access));
    }

    HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + app.httpPort() + path));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The order ID of SPEC.md's example order, placed anew. */
    String placeOrder() throws Exception {
        return JSON.readTree(post("/orders", TestConfigs.EXAMPLE_ORDER, Map.of()).body()).path("orderId").asText();
    }

    /** Posts {@code body} as JSON, unless {@code headers} name another Content-Type. */
    HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + app.httpPort() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (!headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every committed record of {@code topic}. */
    <V extends SpecificRecord> List<ConsumerRecord<String, V>> committed(String topic, Class<V> type) {
        try (TestKafka kafka = new TestKafka(SharedKafka.bootstrapServers())) {
            return kafka.readCommitted(topic, new StringDeserializer(), new AvroDeserializer<>(
                    type, new SchemaRegistryClient(RegistryClientConfig.of(SharedKafka.registryUrl()))));
        }
    }

    /** {@code orderId} with its check digit mistyped. */
    static String typo(String orderId) {
        char last = orderId.charAt(orderId.length() - 1);
        return orderId.substring(0, orderId.length() - 1) + (char) ('0' + (last - '0' + 1) % 10);
    }

    @Override
    public void close() {
        app.close();
    }
}
