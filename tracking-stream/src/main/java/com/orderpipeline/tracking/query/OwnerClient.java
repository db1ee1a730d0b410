package com.orderpipeline.tracking.query;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Asks the instance that owns an order (its {@code application.server}) for it, with short timeouts, so a dead
 * owner costs a caller a fraction of a second, never a hang. Forwarded requests are marked, so the owner never
 * forwards them again, and carry this instance's own token (the first of {@code API_TOKENS}, shop before support),
 * so that the owner does not count a lookup against the forwarding instance's address: the lookup was limited
 * where the client sent it.
 */
public final class OwnerClient {
    /** Marks a request one instance forwarded to another; its value names the sender. */
    public static final String FORWARDED_HEADER = "Tracking-Forwarded-By";

    private final HttpClient http;
    private final Duration requestTimeout;
    private final Optional<String> token;

    /**
     * @param connectTimeout how long to wait for a connection to the owner
     * @param requestTimeout how long to wait for its answer, on top of a long poll's own timeout
     * @param token          this instance's own token, none when access control is disabled
     */
    public OwnerClient(Duration connectTimeout, Duration requestTimeout, Optional<String> token) {
        this.token = token;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .build();
        this.requestTimeout = requestTimeout;
    }

    /**
     * {@code GET /orders/{orderId}} on the owner, with the long poll's parameters when there is one.
     *
     * @param self {@code host:port} of the instance that forwards
     */
    public CompletableFuture<HttpResponse<String>> get(HostInfo owner, String orderId, Optional<WaitFor> wait,
                                                       String self) {
        StringBuilder uri = new StringBuilder("http://").append(owner.host()).append(':').append(owner.port())
                .append("/orders/").append(URLEncoder.encode(orderId, StandardCharsets.UTF_8));
        Duration timeout = requestTimeout;
        if (wait.isPresent()) {
            uri.append("?waitFor=").append(wait.get().status().name())
                    .append("&timeout=").append(wait.get().timeout().toMillis()).append("ms");
            timeout = timeout.plus(wait.get().timeout());
        }
        return send(URI.create(uri.toString()), timeout, self, token.map(value -> "Bearer " + value));
    }

    /**
     * {@code GET} of {@code pathAndQuery} (already encoded) on the owner, with the caller's own
     * {@code Authorization}: for routes that need a token, the owner checks the caller's, not this instance's.
     */
    public CompletableFuture<HttpResponse<String>> get(HostInfo owner, String pathAndQuery, String self,
                                                       String authorization) {
        return send(URI.create("http://" + owner.host() + ":" + owner.port() + pathAndQuery), requestTimeout, self,
                Optional.ofNullable(authorization));
    }

    /**
     * {@code GET /orders/{orderId}/events} on the owner, its Server-Sent Events given line by line to
     * {@code lines} as they come, with this instance's own token like a lookup; only the wait for the answer's
     * headers is bounded, not the stream.
     */
    public CompletableFuture<HttpResponse<Void>> stream(String owner, String orderId, String self,
                                                        Flow.Subscriber<String> lines) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + owner + "/orders/"
                        + URLEncoder.encode(orderId, StandardCharsets.UTF_8) + "/events"))
                .timeout(requestTimeout)
                .header("Accept", "text/event-stream")
                .header(FORWARDED_HEADER, self)
                .GET();
        token.ifPresent(value -> request.header("Authorization", "Bearer " + value));
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.fromLineSubscriber(lines));
    }

    private CompletableFuture<HttpResponse<String>> send(URI uri, Duration timeout, String self,
                                                         Optional<String> authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json")
                .header(FORWARDED_HEADER, self)
                .GET();
        authorization.ifPresent(value -> request.header("Authorization", value));
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
