package com.orderpipeline.orderid.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpipeline.orderid.TestConfigs;
import com.orderpipeline.orderid.blocks.SequenceUnavailableException;
import com.orderpipeline.orderid.orders.OrderRequest;
import com.orderpipeline.orderid.orders.OrderRequestParser;
import com.orderpipeline.orderid.orders.OrderService;
import com.orderpipeline.runtime.http.ProblemException;
import com.orderpipeline.schemas.avro.IdempotentOrder;
import com.orderpipeline.schemas.avro.OrderPlaced;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * One order per Idempotency-Key, whatever fails in between: Kafka taking the order but losing the
 * acknowledgement, the key's own write failing, no ID at hand, a restart, two requests at once.
 */
class IdempotentOrdersTest {
    private static final Duration WAIT = Duration.ofSeconds(2);
    private static final OrderRequest ORDER = request("C-1001");
    private static final OrderRequest OTHER_ORDER = request("C-2002");

    private final MutableClock clock = new MutableClock();
    private final AtomicInteger issued = new AtomicInteger();
    private final AtomicInteger idsToRefuse = new AtomicInteger();
    private final FakeWriter<OrderPlaced> placed = new FakeWriter<>();
    private final FakeWriter<IdempotentOrder> journal = new FakeWriter<>();

    @Test
    void aRetryWithTheSameKeyGetsTheFirstAnswerAndPlacesNothing() {
        IdempotentOrders orders = instance(keys(10));

        IdempotentOrders.Outcome first = place(orders, "k1", "body-a", ORDER, WAIT);
        IdempotentOrders.Outcome retry = place(orders, "k1", "body-a", ORDER, WAIT);

        assertThat(first.replayed()).isFalse();
        assertThat(retry.replayed()).isTrue();
        assertThat(retry.order()).isEqualTo(first.order());
        assertThat(placed.orderIds()).containsExactly(first.order().orderId());
        assertThat(issued).hasValue(1);
    }

    @Test
    void aKeyReusedForAnotherOrderIsRefusedWith422() {
        IdempotentOrders orders = instance(keys(10));
        place(orders, "k1", "body-a", ORDER, WAIT);

        assertThatThrownBy(() -> place(orders, "k1", "body-b", OTHER_ORDER, WAIT))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.status()).isEqualTo(422));
        assertThat(issued).hasValue(1);
    }

    @Test
    void anAcknowledgementLostAfterKafkaTookTheOrderIsRetriedIntoTheSameOrder() {
        IdempotentOrders orders = instance(keys(10));
        placed.loseNextAcknowledgement();

        assertThatThrownBy(() -> place(orders, "k1", "body-a", ORDER, WAIT))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.status()).isEqualTo(503));
        IdempotentOrders.Outcome retry = place(orders, "k1", "body-a", ORDER, WAIT);

        assertThat(issued).hasValue(1);
        assertThat(placed.values).hasSize(2).allSatisfy(event -> assertThat(event).isEqualTo(placed.values.get(0)));
        assertThat(retry.order().orderId()).isEqualTo(placed.values.get(0).getOrderId());
        assertThat(retry.order().placedAt()).isEqualTo(placed.values.get(0).getPlacedAt());
    }

    @Test
    void aKeyWhoseOwnWriteFailedKeepsItsOrderIdForTheRetry() {
        IdempotentOrders orders = instance(keys(10));
        journal.loseNextAcknowledgement();

        assertThatThrownBy(() -> place(orders, "k1", "body-a", ORDER, WAIT)).isInstanceOf(ProblemException.class);
        assertThat(placed.values).as("no order goes out before its key is on the topic").isEmpty();
        IdempotentOrders.Outcome retry = place(orders, "k1", "body-a", ORDER, WAIT);

        assertThat(issued).hasValue(1);
        assertThat(placed.orderIds()).containsExactly(retry.order().orderId());
        assertThat(journal.values.get(0).getOrder().getOrderId()).isEqualTo(retry.order().orderId());
    }

    @Test
    void aRequestThatGotNoOrderIdLeavesItsRetryFreeToGetOne() {
        IdempotentOrders orders = instance(keys(10));
        idsToRefuse.set(1);

        assertThatThrownBy(() -> place(orders, "k1", "body-a", ORDER, WAIT))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.status()).isEqualTo(503));
        IdempotentOrders.Outcome retry = place(orders, "k1", "body-a", ORDER, WAIT);

        assertThat(retry.replayed()).isFalse();
        assertThat(placed.orderIds()).containsExactly(retry.order().orderId());
    }

    @Test
    void anInstanceThatReadTheKeysBackAnswersWithTheOrderOfTheFirstInstance() {
        IdempotentOrders first = instance(keys(10));
        IdempotentOrders.Outcome original = place(first, "k1", "body-a", ORDER, WAIT);

        IdempotencyKeys readBack = keys(10);
        journal.values.forEach(readBack::learn);
        IdempotentOrders restarted = instance(readBack);
        IdempotentOrders.Outcome retry = place(restarted, "k1", "body-a", ORDER, WAIT);

        assertThat(retry.order()).isEqualTo(original.order());
        assertThat(retry.replayed()).isTrue();
        assertThat(issued).hasValue(1);
        assertThat(placed.orderIds()).as("acknowledged before: not sent again").hasSize(1);
        assertThatThrownBy(() -> place(restarted, "k1", "body-b", OTHER_ORDER, WAIT))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.status()).isEqualTo(422));
    }

    @Test
    void anInstanceThatDiedBetweenTheKeyAndTheOrderLeavesTheRetryToSendThatOrder() {
        placed.refuseNext();
        IdempotentOrders crashed = instance(keys(10));
        assertThatThrownBy(() -> place(crashed, "k1", "body-a", ORDER, WAIT)).isInstanceOf(ProblemException.class);
        assertThat(placed.values).isEmpty();

        IdempotencyKeys readBack = keys(10);
        journal.values.forEach(readBack::learn);
        IdempotentOrders.Outcome retry = place(instance(readBack), "k1", "body-a", ORDER, WAIT);

        assertThat(retry.order().orderId()).isEqualTo(journal.values.get(0).getOrder().getOrderId());
        assertThat(placed.orderIds()).containsExactly(retry.order().orderId());
        assertThat(issued).hasValue(1);
    }

    @Test
    void keysExpireAfterTheirTimeToLive() {
        IdempotencyKeys keys = new IdempotencyKeys(clock, Duration.ofMinutes(10), 10);
        IdempotentOrders orders = instance(keys);
        place(orders, "k1", "body-a", ORDER, WAIT);

        clock.advance(Duration.ofMinutes(11));

        assertThat(keys.size()).isZero();
        assertThat(place(orders, "k1", "body-a", ORDER, WAIT).replayed()).isFalse();
        assertThat(issued).hasValue(2);
    }

    @Test
    void recordsPastTheTimeToLiveAreNotReadBack() {
        place(instance(keys(10)), "k1", "body-a", ORDER, WAIT);
        clock.advance(Duration.ofHours(2));

        IdempotencyKeys readBack = keys(10);
        journal.values.forEach(readBack::learn);

        assertThat(readBack.size()).isZero();
    }

    @Test
    void theMemoryIsBoundedAndDropsTheOldestKeysFirst() {
        IdempotencyKeys keys = keys(3);
        IdempotentOrders orders = instance(keys);
        for (int i = 0; i < 5; i++) {
            place(orders, "k" + i, "body", ORDER, WAIT);
        }

        assertThat(keys.size()).isEqualTo(3);
        assertThat(place(orders, "k4", "body", ORDER, WAIT).replayed()).isTrue();
        assertThat(place(orders, "k0", "body", ORDER, WAIT).replayed()).isFalse();
    }

    @Test
    void aRetryArrivingWhileTheFirstIsRunningWaitsForItsAnswer() throws Exception {
        CountDownLatch firstSending = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        placed.beforeNextWrite(() -> {
            firstSending.countDown();
            await(releaseFirst);
        });
        IdempotentOrders orders = instance(keys(10));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<IdempotentOrders.Outcome> first = pool.submit(() -> place(orders, "k1", "body", ORDER, Duration.ofSeconds(5)));
            firstSending.await();
            Future<IdempotentOrders.Outcome> retry = pool.submit(() -> place(orders, "k1", "body", ORDER, Duration.ofSeconds(5)));
            // while the first attempt runs, the retry neither places an order of its own nor gives up
            assertThatThrownBy(() -> retry.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
            releaseFirst.countDown();

            assertThat(retry.get().order()).isEqualTo(first.get().order());
            assertThat(retry.get().replayed()).isTrue();
            assertThat(placed.values).hasSize(1);
            assertThat(issued).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }

    private IdempotencyKeys keys(int maxKeys) {
        return new IdempotencyKeys(clock, Duration.ofHours(1), maxKeys);
    }

    private IdempotentOrders instance(IdempotencyKeys keys) {
        OrderService service = new OrderService(channel -> {
            if (idsToRefuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new SequenceUnavailableException("No block of order numbers at hand", null);
            }
            return "114-0000000-" + String.format("%07d", issued.incrementAndGet());
        }, placed, clock, Duration.ofMillis(200), new SimpleMeterRegistry(), reason -> { });
        return new IdempotentOrders(service, keys, journal, clock, "test");
    }

    @Test
    void theKeysTurnIsHeldUntilKafkaAcknowledgesWithoutAThreadWaiting() {
        IdempotentOrders orders = instance(keys(10));
        CompletableFuture<Void> acknowledgement = placed.holdNextAcknowledgement();

        CompletableFuture<IdempotentOrders.Outcome> first = orders.place("k1", "body-a", ORDER, WAIT);
        assertThat(first).as("answered only once Kafka acknowledged the order").isNotDone();
        assertThatThrownBy(() -> orders.place("k1", "body-a", ORDER, Duration.ofMillis(50)))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.status()).isEqualTo(503))
                .hasMessageContaining("still being processed");

        acknowledgement.complete(null);
        assertThat(first.join().replayed()).isFalse();
        IdempotentOrders.Outcome retry = place(orders, "k1", "body-a", ORDER, WAIT);
        assertThat(retry.replayed()).isTrue();
        assertThat(retry.order().orderId()).isEqualTo(first.join().order().orderId());
        assertThat(placed.orderIds()).hasSize(1);
    }

    /** The outcome once Kafka answered; the 503 or 422 problem thrown as the HTTP layer would see it. */
    private static IdempotentOrders.Outcome place(IdempotentOrders orders, String key, String fingerprint,
                                                  OrderRequest request, Duration maxWait) {
        try {
            return orders.place(key, fingerprint, request, maxWait).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static OrderRequest request(String customerId) {
        try {
            return OrderRequestParser.parse(new ObjectMapper().readTree(TestConfigs.EXAMPLE_ORDER.replace("C-1001", customerId)));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
