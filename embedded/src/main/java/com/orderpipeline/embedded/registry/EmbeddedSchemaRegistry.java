package com.orderpipeline.embedded.registry;

import io.javalin.Javalin;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Confluent-compatible schema registry in-process: the REST API Confluent's serializers and the common
 * JavaScript clients use, its state kept in a compacted Kafka topic so that ids survive a restart.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {
    public static final String DEFAULT_TOPIC = "_schemas";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);

    private final KafkaSchemaLog log;
    private final Javalin http;
    private final String url;

    private EmbeddedSchemaRegistry(KafkaSchemaLog log, Javalin http, String host) {
        this.log = log;
        this.http = http;
        this.url = "http://" + host + ":" + http.port();
    }

    /**
     * Starts the registry on a port (0 picks a free one), reading its state from the topic first.
     *
     * @param kafkaClientConfig at least {@code bootstrap.servers}; security settings pass through
     */
    public static EmbeddedSchemaRegistry start(Map<String, Object> kafkaClientConfig, String topic,
                                               short replicationFactor, String host, int port) {
        Map<String, Object> clientConfig = new HashMap<>(kafkaClientConfig);
        clientConfig.putIfAbsent(CommonClientConfigs.CLIENT_ID_CONFIG, "schema-registry");
        KafkaSchemaLog log = new KafkaSchemaLog(topic, replicationFactor, clientConfig);
        try {
            SchemaStore store = new SchemaStore(log);
            RegistryHttpApi api = new RegistryHttpApi(store);
            Javalin http = Javalin.create(config -> {
                config.startup.showJavalinBanner = false;
                api.configure(config);
            }).start(host, port);
            EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(log, http, host);
            LOG.info("Schema registry listening on {} (state in topic {})", registry.url(), topic);
            return registry;
        } catch (RuntimeException e) {
            log.close();
            throw e;
        }
    }

    /** Starts on a single-broker cluster with the default topic. */
    public static EmbeddedSchemaRegistry start(String bootstrapServers, int port) {
        return start(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), DEFAULT_TOPIC,
                (short) 1, "localhost", port);
    }

    public String url() {
        return url;
    }

    public int port() {
        return http.port();
    }

    @Override
    public void close() {
        http.stop();
        log.close();
    }
}
