package com.orderpipeline.tracking.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain GETs for tests. */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private Http() {
    }

    public static HttpResponse<String> get(String url) {
        return get(url, new String[0]);
    }

    /** A GET with these headers, given as name, value, name, value... */
    public static HttpResponse<String> get(String url, String... headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(70)).GET();
            if (headers.length > 0) {
                request.headers(headers);
            }
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static java.util.concurrent.CompletableFuture<HttpResponse<String>> getAsync(String url) {
        return CLIENT.sendAsync(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(70)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
