package com.orderpipeline.devstack.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * order-id-service's API as a careful shop calls it: its bearer token, JSON bodies, an {@code Idempotency-Key} on
 * every call, and one retry with the same key on a 503.
 */
public final class OrderApiClient {
    private static final Logger LOG = LoggerFactory.getLogger(OrderApiClient.class);

    private final String baseUrl;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * @param baseUrl e.g. {@code http://localhost:8080}
     * @param token   a {@code shop} token of the service's {@code API_TOKENS}
     */
    public OrderApiClient(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /**
     * POSTs {@code body} to {@code path} and answers the last response, or empty when the API could not be reached.
     *
     * @param path e.g. {@code /orders} or {@code /orders/114-3941689-8772232/cancellation}
     */
    Optional<HttpResponse<String>> post(String path, String idempotencyKey, JsonNode body) throws InterruptedException {
        URI uri = URI.create(baseUrl + path);
        try {
            HttpResponse<String> response = null;
            for (int attempt = 1; attempt <= 2 && (response == null || response.statusCode() == 503); attempt++) {
                response = http.send(HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(15))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .header("Idempotency-Key", idempotencyKey)
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
            }
            return Optional.of(response);
        } catch (IOException e) {
            LOG.debug("Could not reach {}: {}", uri, e.toString());
            return Optional.empty();
        }
    }
}
