package com.orderpipeline.notifier;

import com.orderpipeline.notifier.avro.MailDelivery;
import com.orderpipeline.notifier.avro.NotifiedOrder;
import com.orderpipeline.notifier.avro.OutgoingMail;
import com.orderpipeline.notifier.mail.MailRenderer;
import com.orderpipeline.notifier.mail.Templates;
import com.orderpipeline.notifier.metrics.NotifierMetrics;
import com.orderpipeline.notifier.sender.OutboxSender;
import com.orderpipeline.notifier.sender.SenderSettings;
import com.orderpipeline.notifier.smtp.SmtpMailer;
import com.orderpipeline.notifier.topology.NotifierSettings;
import com.orderpipeline.notifier.topology.NotifierTopology;
import com.orderpipeline.notifier.topology.StoreSerdes;
import com.orderpipeline.runtime.config.Env;
import com.orderpipeline.runtime.kafka.KafkaSettings;
import com.orderpipeline.runtime.kafka.TopicAdmin;
import com.orderpipeline.runtime.kafka.TopicSpec;
import com.orderpipeline.runtime.lifecycle.Lifecycle;
import com.orderpipeline.runtime.lifecycle.StartupRetry;
import com.orderpipeline.runtime.streams.DeadLetterHandlers;
import com.orderpipeline.runtime.streams.HeadlessStreamsApp;
import com.orderpipeline.schemas.registry.RegistryClientConfig;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.registry.SchemaRegistryException;
import com.orderpipeline.schemas.serde.AvroSerde;
import com.orderpipeline.schemas.serde.AvroSerdeConfig;
import com.orderpipeline.schemas.serde.Subjects;
import com.orderpipeline.schemas.topics.TopicCatalog;
import java.time.Clock;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifier: checks and creates its topics, registers its schemas, runs the topology that decides the
 * customer's mails into the outbox on Kafka Streams, runs the sender that drains the outbox by SMTP, and serves
 * health and metrics; takes them apart again in order (Kafka Streams first, so the sender finds every mail
 * decided before the stop). Reads {@code orders.placed}, {@code orders.fulfillment},
 * {@code carrier.events}, {@code orders.returns} and {@code payments.refunds}; writes {@code notifier.outbox},
 * {@code notifier.outbox.retry}, {@code notifier.deliveries} and {@code pipeline.dead-letter}.
 */
public final class NotifierApp extends HeadlessStreamsApp {
    private static final Logger LOG = LoggerFactory.getLogger(NotifierApp.class);

    private NotifierApp() {
        super("notifier");
    }

    public static void main(String[] args) {
        Lifecycle.runUntilStopped("notifier", () -> start(NotifierConfig.fromEnv(Env.system())));
    }

    /**
     * Starts the service without waiting for Kafka Streams to reach RUNNING ({@code /health/ready} tells when it
     * has, {@link #awaitRunning} waits for it); on failure, whatever was started is stopped again before the error
     * is thrown.
     */
    public static NotifierApp start(NotifierConfig config) {
        return Lifecycle.startOrClose(new NotifierApp(), app -> app.startParts(config));
    }

    private void startParts(NotifierConfig config) {
        LOG.info("Starting the notifier with {}", config);
        Templates templates = Templates.load(config.templates());
        NotifierMetrics counters = new NotifierMetrics(registry());
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistryClientConfig.of(config.registryUrl()));
        TopicCatalog topics = TopicCatalog.create(config.topics(), registry, AvroSerdeConfig.defaults());
        prepareTopics(config.kafka(), topics, config.sender());
        StartupRetry.untilDone("register the schemas with " + config.registryUrl(), config.streams().startupWait(),
                SchemaRegistryException::isRetriableFailure,
                () -> registerSchemas(registry, config.sender(), config.streams().applicationId()));

        StoreSerdes serdes = StoreSerdes.avro(registry, AvroSerdeConfig.defaults());
        Topology topology = NotifierTopology.build(new NotifierSettings(config.sender().outboxTopic(),
                new MailRenderer(templates, config.trackingPageUrl())), topics, serdes, counters);
        Properties properties = DeadLetterHandlers.counted(
                config.streams().properties(config.kafka(), topics.deadLetter().name()), counters);
        OutboxSender sender = new OutboxSender(config.sender(), config.kafka(), serdes.mails(),
                AvroSerde.forValues(MailDelivery.class, registry, AvroSerdeConfig.defaults()),
                new SmtpMailer(config.smtp(), config.from()), counters, Clock.systemUTC());
        run(topology, properties, config.httpHost(), config.httpPort(), sender.start());
    }

    /**
     * Creates carrier.events if carriers have not yet (tracking-stream does the same, and registers its schema),
     * the topics it writes, and refuses to run unless the five topics it joins by key are co-partitioned.
     * orders.fulfillment, orders.returns and payments.refunds belong to the apps that write them, ensured here only
     * so the apps may start in any order.
     */
    private static void prepareTopics(KafkaSettings kafka, TopicCatalog topics, SenderSettings sender) {
        String placed = topics.ordersPlaced().name();
        List<String> joined = List.of(placed, topics.ordersFulfillment().name(), topics.carrierEvents().name(),
                topics.ordersReturns().name(), topics.paymentsRefunds().name());
        try (TopicAdmin admin = new TopicAdmin(kafka)) {
            int partitions = admin.requireTopics(List.of(placed)).get(placed);
            admin.ensureTopics(List.of(
                    TopicSpec.of(topics.ordersFulfillment().name()).withPartitions(partitions),
                    TopicSpec.of(topics.carrierEvents().name()).withPartitions(partitions),
                    TopicSpec.of(topics.ordersReturns().name()).withPartitions(partitions),
                    TopicSpec.of(topics.paymentsRefunds().name()).withPartitions(partitions),
                    TopicSpec.of(sender.outboxTopic()).withPartitions(partitions),
                    TopicSpec.of(sender.retryTopic()).withPartitions(partitions),
                    // what became of each mail, kept as long as the orders' own events
                    TopicSpec.of(sender.deliveriesTopic()).withPartitions(partitions)
                            .withConfig(TopicConfig.RETENTION_MS_CONFIG, "-1"),
                    TopicSpec.of(topics.deadLetter().name())));
            admin.requireCoPartitioned(joined);
        }
    }

    /** The schemas of the topics it writes and of its store's changelog, before anything is written. */
    private static void registerSchemas(SchemaRegistryClient registry, SenderSettings sender, String applicationId) {
        registry.register(Subjects.valueSubject(sender.outboxTopic()), OutgoingMail.getClassSchema());
        registry.register(Subjects.valueSubject(sender.retryTopic()), OutgoingMail.getClassSchema());
        registry.register(Subjects.valueSubject(sender.deliveriesTopic()), MailDelivery.getClassSchema());
        registry.register(Subjects.storeValueSubject(applicationId, NotifierTopology.ORDERS_STORE),
                NotifiedOrder.getClassSchema());
    }
}
