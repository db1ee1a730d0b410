package com.orderpipeline.notifier.smtp;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * Where and how to send: {@code SMTP_URL} as {@code smtp://user:pass@host:587?starttls=true} (STARTTLS required
 * when asked for) or {@code smtps://user:pass@host:465} (TLS from the first byte); user and password
 * percent-encoded. Never logged with its password.
 */
public record SmtpSettings(boolean tls, boolean starttls, String host, int port, Optional<String> user,
                           Optional<String> password, Duration timeout) {

    public static SmtpSettings parse(String variable, String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(variable + " is not a URL: " + e.getMessage(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("smtp") && !scheme.equals("smtps")) {
            throw new IllegalArgumentException(variable + " must start with smtp:// or smtps://, not '" + scheme + "'");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException(variable + " names no host, e.g. smtp://mail.example.com:587?starttls=true");
        }
        boolean tls = scheme.equals("smtps");
        int port = uri.getPort() == -1 ? (tls ? 465 : 25) : uri.getPort();
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = Optional.of(decode(parts[0]));
            password = parts.length == 2 ? Optional.of(decode(parts[1])) : Optional.empty();
        }
        boolean starttls = false;
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv[0].equals("starttls")) {
                    starttls = kv.length == 1 || Boolean.parseBoolean(kv[1]);
                } else {
                    throw new IllegalArgumentException(variable + " has the unknown parameter '" + kv[0]
                            + "'; known: starttls=true");
                }
            }
        }
        return new SmtpSettings(tls, starttls, uri.getHost(), port, user, password, Duration.ofSeconds(15));
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }

    /** The session properties of Jakarta Mail's SMTP provider. */
    public Properties sessionProperties() {
        String p = "mail." + protocol() + ".";
        Properties properties = new Properties();
        properties.put(p + "host", host);
        properties.put(p + "port", Integer.toString(port));
        properties.put(p + "connectiontimeout", Long.toString(timeout.toMillis()));
        properties.put(p + "timeout", Long.toString(timeout.toMillis()));
        properties.put(p + "writetimeout", Long.toString(timeout.toMillis()));
        properties.put(p + "auth", Boolean.toString(user.isPresent()));
        if (starttls) {
            properties.put(p + "starttls.enable", "true");
            properties.put(p + "starttls.required", "true");
        }
        if (tls || starttls) {
            properties.put(p + "ssl.checkserveridentity", "true");
        }
        return properties;
    }

    public String protocol() {
        return tls ? "smtps" : "smtp";
    }

    @Override
    public String toString() {
        return protocol() + "://" + user.map(name -> name + ":***@").orElse("") + host + ":" + port
                + (starttls ? "?starttls=true" : "");
    }
}
