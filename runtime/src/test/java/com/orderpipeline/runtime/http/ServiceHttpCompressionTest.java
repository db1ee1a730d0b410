package com.orderpipeline.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderpipeline.runtime.http.access.Access;
import com.orderpipeline.runtime.metrics.ServiceMetrics;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Which answers a client that accepts gzip gets compressed. */
class ServiceHttpCompressionTest {
    /** About the size of an order's tracking answer. */
    private static final String SMALL = json(2_500);
    /** About the size of a page of Your Orders. */
    private static final String LARGE = json(12_000);
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static ServiceMetrics metrics;
    private static ServiceHttp http;

    @BeforeAll
    static void start() {
        metrics = new ServiceMetrics("test");
        http = ServiceHttp.start("localhost", 0, 64 * 1024, metrics, () -> new Health(true, Map.of()), config -> {
            config.routes.get("/small", ctx -> ctx.contentType("application/json").result(SMALL), Access.PUBLIC);
            config.routes.get("/large", ctx -> ctx.contentType("application/json").result(LARGE), Access.PUBLIC);
        });
    }

    @AfterAll
    static void stop() {
        http.close();
        metrics.close();
    }

    @Test
    void anAnswerOfAFewKilobytesIsSentAsItIs() throws Exception {
        HttpResponse<byte[]> answer = getAcceptingGzip("/small");

        assertThat(answer.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(SMALL);
    }

    @Test
    void aLargerAnswerIsGzippedForAClientThatAcceptsIt() throws Exception {
        HttpResponse<byte[]> answer = getAcceptingGzip("/large");

        assertThat(answer.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(answer.body().length).isLessThan(LARGE.length() / 2);
        assertThat(gunzip(answer.body())).isEqualTo(LARGE);
    }

    private static HttpResponse<byte[]> getAcceptingGzip(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + http.port() + path))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String gunzip(byte[] body) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A JSON array of order-like entries, {@code bytes} long or a little longer. */
    private static String json(int bytes) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; out.length() < bytes; i++) {
            out.append(i == 0 ? "" : ",").append("{\"orderId\":\"114-3941689-").append(1_000_000 + i)
                    .append("\",\"status\":\"SHIPPED\",\"carrier\":\"UPS\"}");
        }
        return out.append("]").toString();
    }
}
