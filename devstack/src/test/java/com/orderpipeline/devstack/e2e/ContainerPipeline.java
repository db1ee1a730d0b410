package com.orderpipeline.devstack.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The pipeline on real containers: the Kafka and Confluent Schema Registry images pinned in
 * docker-compose.yml, and the three services built from their Dockerfiles, on one Docker network.
 */
final class ContainerPipeline implements PipelineEnvironment {
    private static final String SHOP_TOKEN = "container-shop-token-0123456789abcdef";
    private static final String API_TOKENS = "shop:" + SHOP_TOKEN + ",support:container-support-token-0123456789ab";
    static final Path REPO = Path.of(System.getProperty("repo.dir", "..")).toAbsolutePath().normalize();

    private final Network network = Network.newNetwork();
    private final KafkaContainer kafka;
    private final GenericContainer<?> registry;
    private final GenericContainer<?> tracking;
    private final GenericContainer<?> fulfillment;
    private final GenericContainer<?> returns;
    private final GenericContainer<?> orderIds;

    ContainerPipeline() {
        kafka = new KafkaContainer(DockerImageName.parse(composeImage("apache/kafka")))
                .withNetwork(network).withNetworkAliases("kafka").withListener("kafka:19092");
        kafka.start();
        registry = new GenericContainer<>(DockerImageName.parse(composeImage("confluentinc/cp-schema-registry")))
                .withNetwork(network).withNetworkAliases("schema-registry")
                .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
                .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081")
                .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://kafka:19092")
                .withExposedPorts(8081)
                .waitingFor(Wait.forHttp("/subjects").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(2)));
        registry.start();
        tracking = service("tracking-stream", 8083)
                .withEnv("APPLICATION_SERVER", "tracking-stream:8083")
                .withEnv("ORDER_ID_PREFIXES", "114");
        tracking.start();
        fulfillment = service("fulfillment-stream", 8082);
        fulfillment.start();
        returns = service("returns-stream", 8084);
        returns.start();
        orderIds = service("order-id-service", 8080)
                .withEnv("ORDER_ID_PREFIX", "114")
                .withEnv("ORDER_ID_KEY", "container-test-key-0123456789")
                .withEnv("TRACKING_BASE_URL", "http://localhost:8083");
        orderIds.start();
    }

    private GenericContainer<?> service(String module, int port) {
        return new GenericContainer<>(new ImageFromDockerfile("order-pipeline/" + module + "-test", false)
                .withFileFromPath(".", REPO)
                .withDockerfilePath(module + "/Dockerfile"))
                .withNetwork(network).withNetworkAliases(module)
                .withEnv("KAFKA_BOOTSTRAP_SERVERS", "kafka:19092")
                .withEnv("SCHEMA_REGISTRY_URL", "http://schema-registry:8081")
                .withEnv("HTTP_PORT", Integer.toString(port))
                .withEnv("TOPIC_PARTITIONS", "3")
                .withEnv("API_TOKENS", API_TOKENS)
                .withExposedPorts(port)
                .waitingFor(Wait.forHttp("/health/ready").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(3)));
    }

    /** The image the compose file pins for this repository, so both run the same versions. */
    static String composeImage(String repository) {
        try {
            String compose = Files.readString(REPO.resolve("docker-compose.yml"));
            Matcher matcher = Pattern.compile("image:\\s*\"?(" + Pattern.quote(repository) + ":[^\\s\"]+)").matcher(compose);
            if (!matcher.find()) {
                throw new IllegalStateException("docker-compose.yml pins no image of " + repository);
            }
            return matcher.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String orderApi() {
        return "http://" + orderIds.getHost() + ":" + orderIds.getMappedPort(8080);
    }

    @Override
    public String shopToken() {
        return SHOP_TOKEN;
    }

    @Override
    public String trackingApi() {
        return "http://" + tracking.getHost() + ":" + tracking.getMappedPort(8083);
    }

    @Override
    public String bootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String registryUrl() {
        return "http://" + registry.getHost() + ":" + registry.getMappedPort(8081);
    }

    @Override
    public void close() {
        for (GenericContainer<?> container : new GenericContainer<?>[]{orderIds, returns, fulfillment, tracking, registry, kafka}) {
            if (container != null) {
                container.stop();
            }
        }
        network.close();
    }
}
