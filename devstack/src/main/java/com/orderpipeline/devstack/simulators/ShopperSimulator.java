package com.orderpipeline.devstack.simulators;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Optional;
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
 * carries an {@code Idempotency-Key} and is retried once on a 503, as a careful shop does. A share of the
 * buyers of physical orders change their mind a few seconds after placing one and ask to cancel it, most of
 * them before it ships; the few too late are declined, as they would be in a real shop.
 */
public final class ShopperSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ShopperSimulator.class);

    private final OrderApiClient api;
    private final double cancelShare;
    private final ObjectMapper json = new ObjectMapper();
    private final SplittableRandom random = new SplittableRandom();
    private final ShopCarts carts = new ShopCarts(random);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            TopicFollower.daemon("shopper-simulator"));
    private final AtomicLong placed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong cancellationsRequested = new AtomicLong();

    /**
     * @param ordersPerSecond how many orders to place each second, on average
     * @param cancelShare     share of physical orders whose cancellation is asked for soon after, from 0 to 1
     */
    public ShopperSimulator(OrderApiClient api, double ordersPerSecond, double cancelShare) {
        this.api = api;
        this.cancelShare = cancelShare;
        long periodMicros = Math.max(1, (long) (1_000_000 / ordersPerSecond));
        scheduler.scheduleAtFixedRate(this::placeOne, periodMicros, periodMicros, TimeUnit.MICROSECONDS);
    }

    public long placed() {
        return placed.get();
    }

    public long failed() {
        return failed.get();
    }

    /** Cancellations the API accepted (202); fulfillment-stream still decides each. */
    public long cancellationsRequested() {
        return cancellationsRequested.get();
    }

    private void placeOne() {
        ObjectNode order = order();
        try {
            Optional<HttpResponse<String>> response = api.post("/orders", UUID.randomUUID().toString(), order);
            if (response.isPresent() && response.get().statusCode() == 201) {
                placed.incrementAndGet();
                if ("PHYSICAL".equals(order.path("channel").asText()) && random.nextDouble() < cancelShare) {
                    String orderId = json.readTree(response.get().body()).path("orderId").asText();
                    scheduler.schedule(() -> cancel(orderId), 1_000 + random.nextInt(4_000), TimeUnit.MILLISECONDS);
                }
                return;
            }
            response.filter(r -> r.statusCode() != 503).ifPresent(r -> LOG.warn("The shop's order was refused with {}: {}", r.statusCode(), r.body()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (IOException e) {
            LOG.warn("The order API's answer could not be read: {}", e.toString());
        }
        failed.incrementAndGet();
    }

    private void cancel(String orderId) {
        ObjectNode cancellation = json.createObjectNode().put("reason", "CUSTOMER_REQUEST").put("requestedBy", "CUSTOMER")
                .put("note", "Changed my mind");
        try {
            api.post("/orders/" + orderId + "/cancellation", "cancel-" + orderId, cancellation).ifPresent(response -> {
                if (response.statusCode() == 202) {
                    cancellationsRequested.incrementAndGet();
                } else {
                    LOG.warn("The cancellation of {} was refused with {}: {}", orderId, response.statusCode(), response.body());
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    ObjectNode order() {
        return carts.next();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
