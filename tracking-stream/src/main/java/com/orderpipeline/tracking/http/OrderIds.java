package com.orderpipeline.tracking.http;

import com.orderpipeline.runtime.http.ProblemException;
import com.orderpipeline.schemas.ids.InvalidOrderIdException;
import com.orderpipeline.schemas.ids.OrderId;
import com.orderpipeline.schemas.ids.OrderIdRules;
import java.util.List;
import java.util.Optional;

/** Order IDs from a path, checked by the shared order-ID rules before any lookup. */
final class OrderIds {
    private OrderIds() {
    }

    /** @throws ProblemException 400 naming what is wrong, with the machine-readable {@code reason} */
    static OrderId parse(String input, OrderIdRules rules) {
        try {
            return OrderId.parse(input, rules);
        } catch (InvalidOrderIdException e) {
            throw new ProblemException(400, "/problems/invalid-order-id", "The order ID is not valid", e.getMessage(),
                    List.of(), Optional.empty())
                    .withExtension("reason", e.reason().name())
                    .withExtension("input", input);
        }
    }
}
