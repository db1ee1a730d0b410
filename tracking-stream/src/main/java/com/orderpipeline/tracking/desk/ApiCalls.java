package com.orderpipeline.tracking.desk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desk's calls to the JSON APIs it fronts (tracking-stream's own support API over loopback, order-id-service
 * for actions), with the agent's token: asynchronous on Java's {@link HttpClient}, so no server thread waits on
 * them. Every call ends in an {@link ApiAnswer}, a failure to reach the API included: none leaves the page
 * hanging or fails with an exception.
 */
final class ApiCalls {
    private static final Logger LOG = LoggerFactory.getLogger(ApiCalls.class);

    private final HttpClient client;
    private final ObjectMapper json;
    private final Duration timeout;

    ApiCalls(ObjectMapper json, Duration connectTimeout, Duration timeout) {
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).build();
        this.json = json;
        this.timeout = timeout;
    }

    CompletableFuture<ApiAnswer> get(URI uri, Optional<String> token) {
        return send(request(uri, token).GET().build(), "GET " + uri.getPath());
    }

    /** A POST of {@code body} as JSON, with the form's nonce as its {@code Idempotency-Key}. */
    CompletableFuture<ApiAnswer> post(URI uri, Optional<String> token, String idempotencyKey, JsonNode body) {
        String text;
        try {
            text = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A tree of the desk's own always writes", e);
        }
        return send(request(uri, token).header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)).build(), "POST " + uri.getPath());
    }

    private HttpRequest.Builder request(URI uri, Optional<String> token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
        token.ifPresent(value -> request.header("Authorization", "Bearer " + value));
        return request;
    }

    private CompletableFuture<ApiAnswer> send(HttpRequest request, String what) {
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenApply(response -> answer(response, what))
                .exceptionally(failure -> {
                    LOG.warn("The support desk's {} to {} failed: {}", what, request.uri().getAuthority(), failure.toString());
                    return ApiAnswer.unreachable("The service at " + request.uri().getAuthority()
                            + " could not be reached; try again in a few seconds.");
                });
    }

    private ApiAnswer answer(HttpResponse<String> response, String what) {
        Optional<Duration> retryAfter = response.headers().firstValue("Retry-After").flatMap(ApiCalls::seconds);
        try {
            JsonNode body = response.body().isBlank() ? ApiAnswer.Problem.none() : json.readTree(response.body());
            return new ApiAnswer(response.statusCode(), body, retryAfter);
        } catch (JsonProcessingException e) {
            LOG.warn("The support desk's {} got HTTP {} with a body that is not JSON", what, response.statusCode());
            return new ApiAnswer(response.statusCode() >= 500 ? response.statusCode() : 502,
                    ApiAnswer.Problem.of("The service answered HTTP " + response.statusCode() + " without JSON."), retryAfter);
        }
    }

    private static Optional<Duration> seconds(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Math.max(1, Long.parseLong(value.trim()))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
