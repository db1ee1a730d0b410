package com.orderpipeline.orderid.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.orderpipeline.orderid.orders.OrderService;
import com.orderpipeline.runtime.http.ProblemException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class RequestWriterTest {
    private static final String ORDER = "114-3941689-8772232";

    @Test
    void aKeyedRequestHasTheIdItsKindOrderAndKeyDerive() {
        String requestId = RequestWriter.requestId("return", ORDER, Optional.of("key-1"));

        assertThat(requestId).isEqualTo(RequestWriter.requestId("return", ORDER, Optional.of("key-1")))
                .isEqualTo(UUID.nameUUIDFromBytes(("return\n" + ORDER + "\nkey-1").getBytes(StandardCharsets.UTF_8)).toString());
    }

    @Test
    void theSameKeyForAnotherKindOrOrderOrNoKeyGivesAnotherId() {
        String requestId = RequestWriter.requestId("return", ORDER, Optional.of("key-1"));

        assertThat(RequestWriter.requestId("cancellation", ORDER, Optional.of("key-1"))).isNotEqualTo(requestId);
        assertThat(RequestWriter.requestId("return", "114-0000000-0000000", Optional.of("key-1"))).isNotEqualTo(requestId);
        assertThat(RequestWriter.requestId("return", ORDER, Optional.empty()))
                .isNotEqualTo(RequestWriter.requestId("return", ORDER, Optional.empty()));
    }

    @Test
    void aRequestKafkaDidNotTakeIsRefusedWith503SayingTheRequestWasNotAccepted() {
        OrderService kafka = new OrderService(null, (key, value) -> CompletableFuture.completedFuture(null), Clock.systemUTC(),
                Duration.ofSeconds(1), new SimpleMeterRegistry(), reason -> { });
        RequestWriter<String> writer = new RequestWriter<>("return",
                (key, value) -> CompletableFuture.failedFuture(new TimeoutException("Expiring 1 record(s)")), kafka, Clock.systemUTC());

        ProblemException refused = catchThrowableOfType(
                () -> writer.write(ORDER, Optional.empty(), (requestId, requestedAt) -> requestId), ProblemException.class);

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.retryAfter()).hasValue(Duration.ofSeconds(5));
        assertThat(refused.getMessage()).isEqualTo(
                "Kafka did not acknowledge the return request: Expiring 1 record(s); the return request was not accepted, retry later");
    }
}
