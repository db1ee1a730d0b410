package com.orderpipeline.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderpipeline.runtime.http.access.Access;
import com.orderpipeline.runtime.metrics.ServiceMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a client sees when it sends ServiceHttp input that breaks the libraries below the routes. */
class ServiceHttpBadInputTest {
    private static ServiceMetrics metrics;
    private static ServiceHttp http;

    @BeforeAll
    static void start() {
        metrics = new ServiceMetrics("test");
        http = ServiceHttp.start("localhost", 0, 64 * 1024, metrics, () -> new Health(true, Map.of()),
                config -> config.routes.post("/echo", ctx -> {
                    try {
                        ctx.json(Json.mapper().readTree(ctx.bodyAsBytes()));
                    } catch (IOException e) {
                        throw ClientErrors.unreadableBody(e);
                    }
                }, Access.PUBLIC));
    }

    @AfterAll
    static void stop() {
        http.close();
        metrics.close();
    }

    @Test
    void jsonNestedPastJacksonsLimitIsA400NamingTheLimit() throws IOException {
        String body = "[".repeat(5_000) + "]".repeat(5_000);

        String answer = send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length() + "\r\nConnection: close\r\n\r\n" + body, false);

        assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json").contains("nesting depth");
    }

    @Test
    void aChunkedBodyThatEndsEarlyIsA400NotA500() throws IOException {
        String answer = send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n40\r\n{\"a\":", true);

        assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json");
    }

    @Test
    void jettysOwnRefusalOfADuplicateContentLengthIsProblemJson() throws IOException {
        String answer = send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}", true);

        assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json").doesNotContain("<html");
    }

    private static String send(String request, boolean halfClose) throws IOException {
        try (Socket socket = new Socket("localhost", http.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            if (halfClose) {
                socket.shutdownOutput();
            }
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
