package com.orderpipeline.tracking.http;

import com.orderpipeline.runtime.config.Env;
import com.orderpipeline.runtime.http.FieldError;
import com.orderpipeline.runtime.http.ProblemException;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.lifecycle.FulfillmentSteps;
import com.orderpipeline.tracking.query.WaitFor;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads {@code ?waitFor=STATUS&timeout=30s}: the status in any case, the timeout in the duration syntax of the
 * configuration ({@code 500ms}, {@code 30s}, {@code 1m}; a bare number is seconds), at most the configured
 * maximum (a longer one is cut to it, and the answer says which timeout applied).
 */
public record LongPollParams(Duration defaultTimeout, Duration maxTimeout) {

    public Optional<WaitFor> read(String waitFor, String timeout) {
        if (waitFor == null || waitFor.isBlank()) {
            if (timeout != null && !timeout.isBlank()) {
                throw ProblemException.badRequest("timeout only applies to a long poll",
                        List.of(new FieldError("waitFor", "is needed with timeout: the status to wait for")));
            }
            return Optional.empty();
        }
        String wanted = waitFor.trim().toUpperCase(Locale.ROOT);
        FulfillmentStatus status = FulfillmentSteps.KNOWN.stream().filter(known -> known.name().equals(wanted))
                .findFirst().orElseThrow(() -> ProblemException.badRequest("waitFor is not a status", List.of(new FieldError(
                        "waitFor", "must be one of " + FulfillmentSteps.KNOWN + ", not '" + waitFor + "'"))));
        Duration wait = defaultTimeout;
        if (timeout != null && !timeout.isBlank()) {
            wait = Env.parseDuration(timeout).orElseThrow(() -> ProblemException.badRequest("timeout is not a duration",
                    List.of(new FieldError("timeout", "must be a duration such as 30s, 500ms or 1m, not '" + timeout + "'"))));
        }
        return Optional.of(new WaitFor(status, wait.compareTo(maxTimeout) > 0 ? maxTimeout : wait));
    }
}
