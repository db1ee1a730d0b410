package com.orderpipeline.benchmarks.tracking;

import com.orderpipeline.embedded.testing.TemporaryKafka;
import com.orderpipeline.runtime.config.Env;
import com.orderpipeline.runtime.kafka.KafkaSettings;
import com.orderpipeline.runtime.kafka.TopicAdmin;
import com.orderpipeline.runtime.kafka.TopicSpec;
import com.orderpipeline.schemas.avro.Address;
import com.orderpipeline.schemas.avro.Channel;
import com.orderpipeline.schemas.avro.CarrierEvent;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.LineItem;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.avro.ShippingSpeed;
import com.orderpipeline.schemas.ids.OrderId;
import com.orderpipeline.schemas.registry.RegistryClientConfig;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroSerdeConfig;
import com.orderpipeline.schemas.topics.TopicCatalog;
import com.orderpipeline.schemas.topics.TopicNames;
import com.orderpipeline.tracking.TrackingStreamApp;
import com.orderpipeline.tracking.TrackingStreamConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The tracking load run (a benchmark, not a test): one tracking-stream instance, exactly-once on, over a store
 * populated with {@code orders} orders, on an embedded broker in this JVM. Measures, in the same run and on the
 * same server, {@code GET /orders/{id}} against the trivial {@code GET /health/live} (alternating rounds, same
 * client), the same for Your Orders ({@code GET /customers/{id}/orders}, customers of 50 orders each), and the
 * time from a fulfillment event being written to the view showing it.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar com.orderpipeline.benchmarks.tracking.TrackingLoadRun [orders] [clients,...] [seconds per round]</pre>
 *
 * <p>Defaults: 20000 orders, 2 and 8 concurrent clients (each a closed loop on its own keep-alive connection),
 * 10 s rounds.
 */
public final class TrackingLoadRun {
    private static final Instant PLACED_AT = Instant.now().minus(Duration.ofHours(1));
    /** Your Orders is measured on customers with this many orders each. */
    private static final int ORDERS_PER_CUSTOMER = 50;

    private TrackingLoadRun() {
    }

    public static void main(String[] args) throws Exception {
        quietLogs();
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        List<Integer> clients = java.util.Arrays.stream((args.length > 1 ? args[1] : "2,8").split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        Duration round = Duration.ofSeconds(args.length > 2 ? Integer.parseInt(args[2]) : 10);
        try (TemporaryKafka kafka = TemporaryKafka.start("tracking-load-")) {
            run(kafka.bootstrapServers(), kafka.registryUrl(), kafka.dir(), orders, clients, round);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
        // threads of the clients and of the server's async pool outlive the run; the figures are printed
        System.exit(0);
    }

    private static void run(String bootstrap, String registryUrl, Path dir, int count, List<Integer> clientCounts,
                            Duration round)
            throws Exception {
        TopicNames names = TopicNames.defaults();
        TopicCatalog topics = TopicCatalog.create(names, new SchemaRegistryClient(RegistryClientConfig.of(registryUrl)),
                AvroSerdeConfig.defaults());
        KafkaSettings kafka = KafkaSettings.of(bootstrap);
        try (TopicAdmin admin = new TopicAdmin(kafka)) {
            admin.ensureTopics(List.of(TopicSpec.of(names.ordersPlaced()), TopicSpec.of(names.ordersFulfillment())));
        }
        // the service's own defaults, as it runs, on this broker and registry
        TrackingStreamConfig config = TrackingStreamConfig.fromEnv(new Env(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", bootstrap, "SCHEMA_REGISTRY_URL", registryUrl, "HTTP_HOST", "localhost",
                "HTTP_PORT", "0", "APPLICATION_ID", "tracking-load", "STATE_DIR", dir.resolve("state").toString(),
                // one load generator on one address: the per-client limit would measure itself
                "AUTH_DISABLED", "true", "RATE_LIMIT_PER_SECOND", "0")));
        List<String> ids = IntStream.range(0, count).mapToObj(i -> OrderId.of("114", 1_000_003L * i + 17).canonical()).toList();

        try (TrackingStreamApp app = TrackingStreamApp.start(config, Clock.systemUTC());
             KafkaProducer<String, OrderPlaced> placed = producer(bootstrap, topics.ordersPlaced().valueSerde().serializer());
             KafkaProducer<String, FulfillmentEvent> steps = producer(bootstrap, topics.ordersFulfillment().valueSerde().serializer())) {
            if (!app.awaitRunning(Duration.ofSeconds(60))) {
                throw new IllegalStateException("tracking-stream did not reach RUNNING");
            }
            String base = "http://localhost:" + app.httpPort();
            long populating = System.nanoTime();
            for (int i = 0; i < ids.size(); i++) {
                placed.send(new ProducerRecord<>(names.ordersPlaced(), ids.get(i), order(ids.get(i), customer(i))));
            }
            placed.flush();
            awaitVisible(base, ids);
            System.out.printf("Populated the store with %d orders in %.1f s%n", count,
                    (System.nanoTime() - populating) / 1e9);

            HttpLoad.run("warm-up", base, i -> "/orders/" + ids.get(Math.floorMod(i * 7_919, ids.size())), 8, Duration.ofSeconds(5));
            HttpLoad.run("warm-up", base, i -> "/health/live", 8, Duration.ofSeconds(3));
            for (int clients : clientCounts) {
                compare(base, ids, clients, round);
            }
            int customers = Math.max(1, count / ORDERS_PER_CUSTOMER);
            awaitCustomerList(base, customer(count - 1));
            HttpLoad.run("warm-up", base, i -> customerPath(i, customers), 8, Duration.ofSeconds(5));
            for (int clients : clientCounts) {
                compareCustomers(base, customers, clients, round);
            }

            Freshness.Result fresh = Freshness.measure(base, bootstrap, topics, steps, ids.subList(0, 300), app::waitingLongPolls);
            System.out.println("Event written -> view shows it (long poll answered): " + fresh.view().summary());
            System.out.println("Event written -> new view committed on orders.tracking (read_committed): " + fresh.committed().summary());

            try (KafkaProducer<String, CarrierEvent> carrier = producer(bootstrap,
                    topics.carrierEvents().valueSerde().serializer())) {
                Latencies live = LiveLatency.measure(base, topics, carrier, ids.subList(300, 600));
                System.out.println("Carrier event written -> update on the order's open live stream: " + live.summary());
            }
        }
    }

    /** Alternating rounds of the trivial endpoint and lookups, so both see the same conditions. */
    private static void compare(String base, List<String> ids, int clients, Duration round) throws InterruptedException {
        System.out.printf("Load: %d clients, closed loop, keep-alive, %d s rounds, alternating%n", clients, round.toSeconds());
        HttpLoad.Result[] health = new HttpLoad.Result[2];
        HttpLoad.Result[] lookups = new HttpLoad.Result[2];
        for (int r = 0; r < 2; r++) {
            health[r] = HttpLoad.run("GET /health/live", base, i -> "/health/live", clients, round);
            System.out.println(health[r].line());
            lookups[r] = HttpLoad.run("GET /orders/{id}", base,
                    i -> "/orders/" + ids.get(Math.floorMod(i * 7_919, ids.size())), clients, round);
            System.out.println(lookups[r].line());
        }
        double healthRate = (health[0].perSecond() + health[1].perSecond()) / 2;
        double lookupRate = (lookups[0].perSecond() + lookups[1].perSecond()) / 2;
        System.out.printf("%d clients: lookups/health rate %.2f (target >= 0.80); lookup p99 %.2f / %.2f ms,"
                        + " health p99 %.2f / %.2f ms (target < 10 ms)%n", clients, lookupRate / healthRate,
                lookups[0].latencies().percentileMs(99), lookups[1].latencies().percentileMs(99),
                health[0].latencies().percentileMs(99), health[1].latencies().percentileMs(99));
    }

    /** The same alternation for Your Orders: the first page (20 orders) of customers with 50 orders each. */
    private static void compareCustomers(String base, int customers, int clients, Duration round) throws InterruptedException {
        HttpLoad.Result[] health = new HttpLoad.Result[2];
        HttpLoad.Result[] lists = new HttpLoad.Result[2];
        for (int r = 0; r < 2; r++) {
            health[r] = HttpLoad.run("GET /health/live", base, i -> "/health/live", clients, round);
            System.out.println(health[r].line());
            lists[r] = HttpLoad.run("GET /customers/{id}/orders", base, i -> customerPath(i, customers), clients, round);
            System.out.println(lists[r].line());
        }
        double healthRate = (health[0].perSecond() + health[1].perSecond()) / 2;
        double listRate = (lists[0].perSecond() + lists[1].perSecond()) / 2;
        System.out.printf("%d clients: Your Orders (%d orders a customer, first page of 20)/health rate %.2f (target >= 0.50);"
                        + " p99 %.2f / %.2f ms%n", clients, ORDERS_PER_CUSTOMER, listRate / healthRate,
                lists[0].latencies().percentileMs(99), lists[1].latencies().percentileMs(99));
    }

    private static String customer(int order) {
        return "C-" + order / ORDERS_PER_CUSTOMER;
    }

    private static String customerPath(int i, int customers) {
        return "/customers/C-" + Math.floorMod(i * 7_919, customers) + "/orders";
    }

    /** Waits until the last customer's list shows a full first page: the index lags the views by a repartition. */
    private static void awaitCustomerList(String base, String customerId) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (http.send(HttpRequest.newBuilder(URI.create(base + "/customers/" + customerId + "/orders")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body().split("\"orderId\"", -1).length - 1 < 20) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The orders of " + customerId + " did not appear within 5 minutes");
            }
            Thread.sleep(20); // the benchmark waits for the index to fill; not a test
        }
    }

    /** The jar carries no logging configuration, and logback's default (everything, DEBUG) would be the load. */
    private static void quietLogs() {
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(ch.qos.logback.classic.Level.WARN);
    }

    private static <V> KafkaProducer<String, V> producer(String bootstrap, org.apache.kafka.common.serialization.Serializer<V> values) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0), new org.apache.kafka.common.serialization.StringSerializer(), values);
    }

    private static void awaitVisible(String base, List<String> ids) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        for (String id : ids) {
            while (http.send(HttpRequest.newBuilder(URI.create(base + "/orders/" + id)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Order " + id + " did not appear in the view within 5 minutes");
                }
                Thread.sleep(20); // the benchmark waits for the store to fill; not a test
            }
        }
    }

    private static OrderPlaced order(String id, String customerId) {
        return OrderPlaced.newBuilder().setOrderId(id).setCustomerId(customerId).setPlacedAt(PLACED_AT)
                .setChannel(Channel.PHYSICAL)
                .setItems(List.of(new LineItem("B00X4WHP5E", "Kindle Paperwhite", 1, 14_999L)))
                .setCurrency("USD").setTotal(14_999L).setShippingSpeed(ShippingSpeed.STANDARD)
                .setPromisedBy(LocalDate.ofInstant(PLACED_AT, ZoneOffset.UTC).plusDays(5))
                .setShipTo(new Address("Load Test", "1 Main St", null, "Seattle", "WA", "98109", "US"))
                .build();
    }
}
