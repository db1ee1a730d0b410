package com.orderpipeline.notifier;

import com.orderpipeline.embedded.testing.SharedKafka;
import com.orderpipeline.embedded.testing.TestKafka;
import com.orderpipeline.notifier.avro.MailDelivery;
import com.orderpipeline.runtime.config.Env;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.registry.RegistryClientConfig;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroSerde;
import com.orderpipeline.schemas.serde.AvroSerdeConfig;
import com.orderpipeline.schemas.topics.TopicCatalog;
import com.orderpipeline.schemas.topics.TopicNames;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The notifier in this JVM on the shared embedded broker, with topics and an application id of the test's own,
 * pointed at the SMTP server the test runs; places orders and reads what became of their mails.
 */
final class RunningNotifier implements AutoCloseable {
    private final String suffix;
    private final TopicNames names;
    private final TopicCatalog topics;
    private final TestKafka kafka = new TestKafka(SharedKafka.bootstrapServers());
    private final KafkaProducer<String, OrderPlaced> producer;
    private final SchemaRegistryClient registry = new SchemaRegistryClient(RegistryClientConfig.of(SharedKafka.registryUrl()));
    private final Map<String, String> env = new HashMap<>();
    private NotifierApp app;

    RunningNotifier(String suffix, Path stateDir, int smtpPort) {
        this.suffix = suffix;
        this.names = TopicNames.suffixed(suffix);
        this.topics = TopicCatalog.create(names, registry, AvroSerdeConfig.defaults());
        kafka.createTopic(names.ordersPlaced(), 2);
        producer = kafka.producer(new StringSerializer(), topics.ordersPlaced().valueSerde().serializer());
        for (TopicNames.Name name : TopicNames.Name.values()) {
            env.put(name.variable(), names.get(name));
        }
        env.put("KAFKA_BOOTSTRAP_SERVERS", SharedKafka.bootstrapServers());
        env.put("SCHEMA_REGISTRY_URL", SharedKafka.registryUrl());
        env.put("APPLICATION_ID", "notifier-" + suffix);
        env.put("STATE_DIR", stateDir.toString());
        env.put("HTTP_PORT", "0");
        env.put("SMTP_URL", "smtp://127.0.0.1:" + smtpPort);
        env.put("MAIL_FROM", "Shop <orders@shop.example>");
        env.put("NOTIFIER_OUTBOX_TOPIC", "notifier.outbox." + suffix);
        env.put("NOTIFIER_RETRY_TOPIC", "notifier.outbox.retry." + suffix);
        env.put("NOTIFIER_DELIVERIES_TOPIC", "notifier.deliveries." + suffix);
        env.put("SMTP_RETRY_FIRST", "1s");
        env.put("SMTP_RETRY_MAX", "2s");
    }

    RunningNotifier start() {
        app = NotifierApp.start(NotifierConfig.fromEnv(new Env(env)));
        if (!app.awaitRunning(Duration.ofSeconds(60))) {
            throw new IllegalStateException("The notifier did not reach RUNNING");
        }
        return this;
    }

    void stop() {
        app.close();
        app = null;
    }

    void place(String orderId, String email) {
        producer.send(new ProducerRecord<>(names.ordersPlaced(), orderId, Mails.order(orderId, email, Instant.now())));
        producer.flush();
    }

    List<MailDelivery> deliveries() {
        return kafka.readCommitted("notifier.deliveries." + suffix, new StringDeserializer(),
                AvroSerde.forValues(MailDelivery.class, registry, AvroSerdeConfig.defaults()).deserializer())
                .stream().map(ConsumerRecord::value).toList();
    }

    /** Whether the topology has read every order placed so far. */
    boolean readEveryOrder() {
        return kafka.hasConsumedEverything("notifier-" + suffix, List.of(names.ordersPlaced()));
    }

    @Override
    public void close() {
        if (app != null) {
            stop();
        }
        producer.close();
        kafka.close();
    }
}
