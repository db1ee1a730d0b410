package com.orderpipeline.orderid.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpipeline.orderid.TestConfigs;
import com.orderpipeline.runtime.http.ProblemException;
import com.orderpipeline.schemas.avro.OrderPlaced;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Placing an order answers with a future of Kafka's acknowledgement: nothing waits for it, the order is answered
 * once it came, and a write Kafka refuses or never acknowledges becomes a 503 that says the order was not placed.
 */
class OrderServiceTest {
    private static final Duration PRODUCE_TIMEOUT = Duration.ofMillis(200);

    private final List<CompletableFuture<Void>> writes = new CopyOnWriteArrayList<>();
    private final List<OrderPlaced> written = new CopyOnWriteArrayList<>();
    private final List<String> kafkaFailures = new CopyOnWriteArrayList<>();
    private final OrderService orders = new OrderService(channel -> "114-0000001-0000017", (key, event) -> {
        CompletableFuture<Void> acknowledgement = new CompletableFuture<>();
        written.add(event);
        writes.add(acknowledgement);
        return acknowledgement;
    }, Clock.systemUTC(), PRODUCE_TIMEOUT, new SimpleMeterRegistry(), kafkaFailures::add);

    @Test
    void theOrderIsWrittenAtOnceAndAnsweredWhenKafkaAcknowledgesIt() {
        CompletableFuture<PlacedOrder> placed = orders.place(request());

        assertThat(written).extracting(OrderPlaced::getOrderId).containsExactly("114-0000001-0000017");
        assertThat(placed).as("no answer before the acknowledgement").isNotDone();
        writes.get(0).complete(null);
        assertThat(placed.join().orderId()).isEqualTo("114-0000001-0000017");
        assertThat(kafkaFailures).isEmpty();
    }

    @Test
    void aWriteKafkaRefusesIsA503SayingTheOrderWasNotPlaced() {
        CompletableFuture<PlacedOrder> placed = orders.place(request());
        writes.get(0).completeExceptionally(new TimeoutException("Expiring 1 record(s): 30000 ms has passed"));

        ProblemException problem = problemOf(placed);
        assertThat(problem.status()).isEqualTo(503);
        assertThat(problem.retryAfter()).isPresent();
        assertThat(problem.getMessage()).contains("Expiring 1 record(s)", "the order was not placed");
        assertThat(kafkaFailures).hasSize(1);
    }

    @Test
    void anAcknowledgementThatNeverComesIsA503AfterTheProduceTimeout() {
        long started = System.nanoTime();
        CompletableFuture<PlacedOrder> placed = orders.place(request());

        ProblemException problem = problemOf(placed);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(PRODUCE_TIMEOUT);
        assertThat(problem.status()).isEqualTo(503);
        assertThat(problem.getMessage()).contains("within 200 ms", "the order was not placed");
    }

    @Test
    void theWaitingFormThrowsTheSameProblem() {
        CompletableFuture<Void> refused = CompletableFuture.failedFuture(new TimeoutException("no leader"));
        assertThatThrownBy(() -> orders.awaitAcknowledgement(refused, "the cancellation request", "it was not accepted"))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.status()).isEqualTo(503))
                .hasMessageContaining("Kafka did not acknowledge the cancellation request: no leader");
    }

    private static ProblemException problemOf(CompletableFuture<PlacedOrder> placed) {
        try {
            placed.join();
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(ProblemException.class);
            return (ProblemException) e.getCause();
        }
        throw new AssertionError("the order was answered although Kafka did not acknowledge it");
    }

    private static OrderRequest request() {
        try {
            return OrderRequestParser.parse(new ObjectMapper().readTree(TestConfigs.EXAMPLE_ORDER));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
