package com.orderpipeline.tracking.desk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Duration;
import java.util.Optional;

/**
 * What an API the desk calls answered: the status and the JSON body (a problem+json body for an error), or, when
 * it could not be reached or answered no JSON, a 503 of the desk's own making.
 */
record ApiAnswer(int status, JsonNode body, Optional<Duration> retryAfter) {
    static ApiAnswer unreachable(String detail) {
        return new ApiAnswer(503, Problem.of(detail), Optional.of(Duration.ofSeconds(5)));
    }

    boolean ok() {
        return status >= 200 && status < 300;
    }

    /** The problem's detail, or its title, or a sentence naming the status. */
    String detail() {
        String detail = body.path("detail").asText("");
        if (detail.isBlank()) {
            detail = body.path("title").asText("");
        }
        return detail.isBlank() ? "The service answered HTTP " + status : detail;
    }

    /** Problem bodies the desk makes itself. */
    static final class Problem {
        private Problem() {
        }

        static JsonNode of(String detail) {
            return com.orderpipeline.runtime.http.Json.mapper().createObjectNode().put("detail", detail);
        }

        static JsonNode none() {
            return MissingNode.getInstance();
        }
    }
}
