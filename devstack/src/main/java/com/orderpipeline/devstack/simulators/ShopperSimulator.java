package com.orderpipeline.devstack.simulators;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated shop front: places orders over order-id-service's public HTTP API at a steady rate, as a
 * checkout would, with realistic carts, addresses in several countries and some digital orders. Each order
 * carries an {@code Idempotency-Key} and is retried once on a 503, as a careful shop does.
 */
public final class ShopperSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ShopperSimulator.class);
    private static final double DIGITAL_SHARE = 0.15;

    private final URI ordersUri;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final SplittableRandom random = new SplittableRandom();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "shopper-simulator");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong placed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    /** @param ordersPerSecond how many orders to place each second, on average */
    public ShopperSimulator(String orderApiBaseUrl, double ordersPerSecond) {
        this.ordersUri = URI.create(orderApiBaseUrl + "/orders");
        long periodMicros = Math.max(1, (long) (1_000_000 / ordersPerSecond));
        scheduler.scheduleAtFixedRate(this::placeOne, periodMicros, periodMicros, TimeUnit.MICROSECONDS);
    }

    public long placed() {
        return placed.get();
    }

    public long failed() {
        return failed.get();
    }

    private void placeOne() {
        String body = order().toString();
        String key = UUID.randomUUID().toString();
        try {
            for (int attempt = 1; attempt <= 2; attempt++) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(ordersUri)
                        .timeout(Duration.ofSeconds(15))
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 201) {
                    placed.incrementAndGet();
                    return;
                }
                if (response.statusCode() != 503) {
                    LOG.warn("The shop's order was refused with {}: {}", response.statusCode(), response.body());
                    break;
                }
            }
        } catch (java.io.IOException e) {
            LOG.debug("Could not reach {}: {}", ordersUri, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        failed.incrementAndGet();
    }

    ObjectNode order() {
        boolean digital = random.nextDouble() < DIGITAL_SHARE;
        Catalog.Destination destination = Catalog.pick(Catalog.DESTINATIONS, random);
        ObjectNode order = json.createObjectNode()
                .put("customerId", "C-" + (1000 + random.nextInt(9000)))
                .put("channel", digital ? "DIGITAL" : "PHYSICAL")
                .put("currency", destination.currency());
        ArrayNode items = order.putArray("items");
        int lines = digital ? 1 : 1 + random.nextInt(3);
        for (int i = 0; i < lines; i++) {
            Catalog.Product product;
            do {
                product = Catalog.pick(Catalog.PRODUCTS, random);
            } while (product.digital() != digital);
            items.addObject().put("sku", product.sku()).put("title", product.title())
                    .put("quantity", digital ? 1 : 1 + random.nextInt(random.nextInt(10) == 0 ? 4 : 1))
                    .put("unitPrice", product.unitPrice());
        }
        if (!digital) {
            String[] speeds = {"STANDARD", "STANDARD", "STANDARD", "EXPEDITED", "PRIORITY"};
            order.put("shippingSpeed", speeds[random.nextInt(speeds.length)]);
            order.putObject("shipTo")
                    .put("name", destination.name()).put("line1", destination.line1()).putNull("line2")
                    .put("city", destination.city()).put("region", destination.region())
                    .put("postalCode", destination.postalCode()).put("country", destination.country());
        }
        return order;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
