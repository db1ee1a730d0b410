package com.orderpipeline.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.orderpipeline.runtime.metrics.ServiceMetrics;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@code http.server.requests} records, and that a client cannot make it grow without bound. */
class RequestTimersTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private ServiceMetrics metrics;
    private ServiceHttp http;

    @BeforeEach
    void start() {
        metrics = new ServiceMetrics("test");
        http = ServiceHttp.start("localhost", 0, 64 * 1024, metrics, () -> new Health(true, Map.of()), config -> { });
    }

    @AfterEach
    void stop() {
        http.close();
        metrics.close();
    }

    @Test
    void everyRequestIsTimedByMethodRouteAndStatus() throws Exception {
        send("GET", "/health/live", Map.of());
        send("GET", "/health/live", Map.of());
        send("GET", "/no/such/thing", Map.of());

        // the request log runs once the answer is on its way
        await().untilAsserted(() -> {
            assertThat(timer("GET", "/health/live", "200").count()).isEqualTo(2);
            assertThat(count("status", "404")).isEqualTo(1);
        });
    }

    @Test
    void methodsAClientMakesUpAreCountedTogetherAsOther() throws Exception {
        for (int i = 0; i < 20; i++) {
            send("GET", "/health/live", Map.of("X-HTTP-Method-Override", "MADEUP" + i));
            send("MADEUP" + i, "/health/live", Map.of());
        }

        await().untilAsserted(() -> assertThat(count("method", "OTHER")).isEqualTo(40));
        Set<String> methods = timers().stream().map(t -> t.getId().getTag("method")).collect(Collectors.toSet());
        assertThat(methods).isSubsetOf("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH",
                "OTHER");
    }

    private void send(String method, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + http.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        CLIENT.send(request.build(), HttpResponse.BodyHandlers.discarding());
    }

    private Timer timer(String method, String route, String status) {
        return metrics.registry().get("http.server.requests").tags("method", method, "route", route, "status", status)
                .timer();
    }

    private long count(String tag, String value) {
        return timers().stream().filter(t -> value.equals(t.getId().getTag(tag))).mapToLong(Timer::count).sum();
    }

    private Collection<Timer> timers() {
        return metrics.registry().find("http.server.requests").timers();
    }
}
