package com.orderpipeline.orderid.orders;

import com.orderpipeline.orderid.blocks.SequenceUnavailableException;
import com.orderpipeline.runtime.http.ProblemException;
import com.orderpipeline.schemas.avro.Address;
import com.orderpipeline.schemas.avro.Channel;
import com.orderpipeline.schemas.avro.LineItem;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.avro.Payment;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places orders: issues the order ID, writes {@code OrderPlaced} and answers only once Kafka acknowledged it.
 * When Kafka cannot take the event in time, the caller gets a 503 with Retry-After and no ID. Without an
 * Idempotency-Key the number is burnt, never handed out, never reused; with one, {@link IdempotentOrders} keeps
 * the prepared event so that the retry re-sends it.
 */
public final class OrderService {
    private static final Logger LOG = LoggerFactory.getLogger(OrderService.class);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    public static final String NOT_PLACED = "the order was not placed";

    private final OrderIds ids;
    private final EventWriter<OrderPlaced> publisher;
    private final Clock clock;
    private final Duration produceTimeout;
    private final Counter placed;
    private final Counter unavailable;
    private final Timer acknowledgement;
    private final Consumer<String> kafkaFailures;

    /** @param kafkaFailures told why, whenever Kafka did not acknowledge an order (readiness listens) */
    public OrderService(OrderIds ids, EventWriter<OrderPlaced> publisher, Clock clock, Duration produceTimeout, MeterRegistry metrics,
                        Consumer<String> kafkaFailures) {
        this.kafkaFailures = kafkaFailures;
        this.ids = ids;
        this.publisher = publisher;
        this.clock = clock;
        this.produceTimeout = produceTimeout;
        this.placed = Counter.builder("orders.placed").description("Orders acknowledged by Kafka").register(metrics);
        this.unavailable = Counter.builder("orders.unavailable")
                .description("Orders and requests refused with 503 because Kafka or the ID blocks were unavailable").register(metrics);
        this.acknowledgement = Timer.builder("orders.kafka.acknowledgement")
                .description("Time from send to Kafka's acknowledgement").publishPercentileHistogram().register(metrics);
    }

    /**
     * Places the order: issues its ID and writes its event at once, and completes once Kafka acknowledged it, or
     * with a 503 problem when it did not; no thread waits meanwhile.
     */
    public CompletableFuture<PlacedOrder> place(OrderRequest request) {
        return publish(prepare(request));
    }

    /** Issues the order's ID and builds its event, without writing anything. */
    public OrderPlaced prepare(OrderRequest request) {
        String orderId = issueId(request.channel());
        Instant placedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return event(orderId, placedAt, request);
    }

    /** Writes the event; completes once Kafka acknowledged it, with a 503 problem when it did not. */
    public CompletableFuture<PlacedOrder> publish(OrderPlaced event) {
        long started = System.nanoTime();
        return acknowledged(publisher.write(event.getOrderId(), event), "the order", NOT_PLACED).thenApply(ok -> {
            acknowledgement.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            placed.increment();
            return PlacedOrder.of(event);
        });
    }

    /**
     * A write of {@code what} that completes when Kafka acknowledged it within the produce timeout, and otherwise
     * with a 503 problem whose detail tells the caller what therefore did not happen ({@code outcome}, e.g. "the
     * order was not placed").
     */
    public <T> CompletableFuture<T> acknowledged(CompletableFuture<T> write, String what, String outcome) {
        return write.orTimeout(produceTimeout.toMillis() + 1_000, TimeUnit.MILLISECONDS).handle((value, error) -> {
            if (error == null) {
                return value;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof TimeoutException) {
                throw kafkaFailed("Kafka did not acknowledge " + what + " within " + produceTimeout.toMillis() + " ms",
                        outcome, cause);
            }
            throw kafkaFailed("Kafka did not acknowledge " + what + ": " + cause.getMessage(), outcome, cause);
        });
    }

    /** Waits for {@link #acknowledged}: returns once Kafka acknowledged the write, throws its 503 problem otherwise. */
    public void awaitAcknowledgement(CompletableFuture<?> write, String what, String outcome) {
        try {
            acknowledged(write, what, outcome).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ProblemException problem) {
                throw problem;
            }
            throw e;
        }
    }

    private String issueId(Channel channel) {
        try {
            return ids.issue(channel);
        } catch (SequenceUnavailableException e) {
            throw refused(e.getMessage(), NOT_PLACED, e);
        }
    }

    private OrderPlaced event(String orderId, Instant placedAt, OrderRequest request) {
        return OrderPlaced.newBuilder()
                .setOrderId(orderId)
                .setCustomerId(request.customerId())
                .setPlacedAt(placedAt)
                .setChannel(request.channel())
                .setItems(request.items().stream().map(i -> LineItem.newBuilder().setSku(i.sku()).setTitle(i.title())
                        .setQuantity(i.quantity()).setUnitPrice(i.unitPrice()).build()).toList())
                .setCurrency(request.currency())
                .setTotal(request.total())
                .setShippingSpeed(request.shippingSpeed())
                .setPromisedBy(DeliveryPromise.promisedBy(placedAt.atOffset(ZoneOffset.UTC).toLocalDate(),
                        request.channel(), request.shippingSpeed()))
                .setShipTo(request.shipTo().map(a -> Address.newBuilder().setName(a.name()).setLine1(a.line1())
                        .setLine2(a.line2()).setCity(a.city()).setRegion(a.region()).setPostalCode(a.postalCode())
                        .setCountry(a.country()).build()).orElse(null))
                .setContactEmail(request.contactEmail().orElse(null))
                .setPayment(request.payment().map(p -> new Payment(p.method(), p.label())).orElse(null))
                .build();
    }

    private ProblemException kafkaFailed(String reason, String outcome, Throwable cause) {
        kafkaFailures.accept(reason);
        return refused(reason, outcome, cause);
    }

    private ProblemException refused(String reason, String outcome, Throwable cause) {
        unavailable.increment();
        LOG.warn("Refused with 503 ({}): {}", outcome, reason, cause);
        return ProblemException.unavailable(reason + "; " + outcome + ", retry later", RETRY_AFTER);
    }
}
