package com.orderpipeline.schemas.registry;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the schema registry is and how long to wait for it.
 *
 * @param urls           one or more base URLs; the next is tried when one cannot be reached
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long to wait for an answer
 * @param basicAuth      {@code user:password} for HTTP basic authentication, as Confluent's
 *                       {@code basic.auth.user.info}
 */
public record RegistryClientConfig(List<URI> urls, Duration connectTimeout, Duration requestTimeout,
                                   Optional<String> basicAuth) {

    /** The property names Confluent's serializers use, so the same configuration works for both. */
    public static final String URL = "schema.registry.url";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";

    private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    public RegistryClientConfig {
        if (urls == null || urls.isEmpty()) {
            throw new IllegalArgumentException("At least one schema registry URL is needed (" + URL + ")");
        }
        urls = List.copyOf(urls);
    }

    /**
     * One or more comma-separated URLs. Credentials in a URL ({@code https://key:secret@host}, as Confluent's
     * {@code basic.auth.credentials.source=URL}) become basic authentication and are kept out of the URL.
     */
    public static RegistryClientConfig of(String commaSeparatedUrls) {
        List<URI> urls = parseUrls(commaSeparatedUrls);
        Optional<String> userInfo = urls.stream().map(URI::getUserInfo).filter(u -> u != null && !u.isEmpty()).findFirst();
        List<URI> withoutCredentials = urls.stream().map(RegistryClientConfig::withoutUserInfo).toList();
        return new RegistryClientConfig(withoutCredentials, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, userInfo);
    }

    private static URI withoutUserInfo(URI uri) {
        if (uri.getUserInfo() == null) {
            return uri;
        }
        return URI.create(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath()));
    }

    /** Reads Confluent-style serializer properties: {@value #URL}, {@value #BASIC_AUTH_USER_INFO}. */
    public static RegistryClientConfig fromProperties(Map<String, ?> properties) {
        Object urls = properties.get(URL);
        if (urls == null) {
            throw new IllegalArgumentException("Missing " + URL + ": the schema registry's URL is needed");
        }
        Duration requestTimeout = Optional.ofNullable(properties.get(REQUEST_TIMEOUT_MS))
                .map(v -> Duration.ofMillis(Long.parseLong(v.toString().trim())))
                .orElse(DEFAULT_REQUEST_TIMEOUT);
        Optional<String> auth = Optional.ofNullable(properties.get(BASIC_AUTH_USER_INFO))
                .map(Object::toString).filter(s -> !s.isBlank());
        return new RegistryClientConfig(parseUrls(urls.toString()), DEFAULT_CONNECT_TIMEOUT, requestTimeout, auth);
    }

    private static List<URI> parseUrls(String commaSeparated) {
        List<URI> parsed = Arrays.stream(commaSeparated.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(RegistryClientConfig::parseUrl)
                .toList();
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException("No schema registry URL in '" + commaSeparated + "'");
        }
        return parsed;
    }

    private static URI parseUrl(String url) {
        String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        URI uri;
        try {
            uri = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Schema registry URL '" + url + "' is not a valid URL: " + e.getMessage(), e);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("Schema registry URL '" + url + "' must start with http:// or https://");
        }
        return uri;
    }
}
