package com.orderpipeline.orderid.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
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
}
