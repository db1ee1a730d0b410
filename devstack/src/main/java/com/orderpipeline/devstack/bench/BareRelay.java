package com.orderpipeline.devstack.bench;

import com.orderpipeline.runtime.http.Health;
import com.orderpipeline.runtime.http.ServiceHttp;
import com.orderpipeline.runtime.http.access.Access;
import com.orderpipeline.runtime.metrics.ServiceMetrics;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The baseline of the order API: the same HTTP server as every service ({@link ServiceHttp}: the same Jetty, body
 * limit, metrics and error handling) with one route, {@code POST /relay}, that writes the request body as it came to
 * a topic with the order API's producer settings (acks=all, idempotent, linger 5 ms) and answers 201 once Kafka
 * acknowledged it, without a thread waiting. What the order API does beyond this (validation, the order ID, the Avro
 * event, its metrics) is what the bench's ratio of the two measures.
 */
final class BareRelay implements AutoCloseable {
    static final String PATH = "/relay";

    private final Producer<String, byte[]> producer;
    private final ServiceMetrics metrics = new ServiceMetrics("bench-relay");
    private final ServiceHttp http;
    private final AtomicLong keys = new AtomicLong();

    BareRelay(String bootstrapServers, String topic, String host) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.CLIENT_ID_CONFIG, "bench-relay"), new StringSerializer(), new ByteArraySerializer());
        http = ServiceHttp.start(host, 0, 64 * 1024, metrics, () -> new Health(true, Map.of()), config ->
                config.routes.post(PATH, ctx -> {
                    CompletableFuture<Void> acknowledged = new CompletableFuture<>();
                    // keyed as orders are, so the records spread over the partitions the same way
                    String key = Long.toString(keys.incrementAndGet());
                    producer.send(new ProducerRecord<>(topic, key, ctx.bodyAsBytes()), (metadata, error) -> {
                        if (error == null) {
                            acknowledged.complete(null);
                        } else {
                            acknowledged.completeExceptionally(error);
                        }
                    });
                    ctx.future(() -> acknowledged.thenRun(() -> ctx.status(201).contentType("application/json")
                            .result("{\"relayed\":true}")));
                }, Access.PUBLIC));
    }

    int port() {
        return http.port();
    }

    @Override
    public void close() {
        http.close();
        producer.close(Duration.ofSeconds(5));
        metrics.close();
    }
}
