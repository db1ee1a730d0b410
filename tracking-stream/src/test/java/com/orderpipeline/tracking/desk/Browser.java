package com.orderpipeline.tracking.desk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a browser does with the desk, by hand: keeps the session cookie, sends forms, does not follow redirects
 * (so tests see them), and reads the hidden fields of the last page.
 */
final class Browser {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern SESSION = Pattern.compile("support_session=([^;]*)");

    private final String base;
    Optional<String> cookie = Optional.empty();
    HttpResponse<String> last;

    Browser(String base) {
        this.base = base;
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), Map.of());
    }

    /** A form POST; {@code headers} such as {@code Origin}, given as name, value… */
    HttpResponse<String> post(String path, Map<String, String> form, String... headers) {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        Map<String, String> extra = new LinkedHashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            extra.put(headers[i], headers[i + 1]);
        }
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)), extra);
    }

    HttpResponse<String> logIn(String token) {
        return post("/support/login", Map.of("token", token));
    }

    /** The value of the last page's hidden (or other) input of this name; the first one. */
    String field(String name) {
        Matcher matcher = Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\"").matcher(last.body());
        if (!matcher.find()) {
            throw new AssertionError("No field " + name + " on the page:\n" + last.body());
        }
        return matcher.group(1);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, Map<String, String> headers) {
        cookie.ifPresent(value -> request.header("Cookie", "support_session=" + value));
        headers.forEach(request::header);
        try {
            last = CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        last.headers().firstValue("Set-Cookie").map(SESSION::matcher).filter(Matcher::find)
                .ifPresent(m -> cookie = m.group(1).isEmpty() ? Optional.empty() : Optional.of(m.group(1)));
        return last;
    }
}
