package com.orderpipeline.runtime.http.access;

import com.orderpipeline.runtime.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The bearer tokens a service accepts, from {@code API_TOKENS}: a comma-separated list of {@code role:token},
 * roles {@code shop} and {@code support}, several per role so that a token can be rotated without downtime,
 * each at least {@value #MIN_LENGTH} characters. A presented token is compared with every known one in constant
 * time (SHA-256 digests of equal length, {@link MessageDigest#isEqual}, no early exit), so neither the answer's
 * timing nor a log line tells anything about a token.
 */
public final class ApiTokens {
    public static final int MIN_LENGTH = 32;

    private final List<Token> tokens;

    private ApiTokens(List<Token> tokens) {
        this.tokens = List.copyOf(tokens);
    }

    /** Parses {@code API_TOKENS}; every error names the variable and the entry (by position, never its token). */
    public static ApiTokens parse(String variable, String value) {
        List<Token> tokens = new ArrayList<>();
        String[] entries = value.split(",");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].trim();
            int colon = entry.indexOf(':');
            String where = variable + " entry " + (i + 1);
            if (colon < 0) {
                throw new ConfigException(where + " must be role:token, with the role shop or support");
            }
            Access role = role(entry.substring(0, colon).trim(), where);
            String token = entry.substring(colon + 1).trim();
            if (token.length() < MIN_LENGTH || token.chars().anyMatch(c -> c <= ' ' || c > '~')) {
                throw new ConfigException(where + " (" + role.roleName() + ") must have a token of at least " + MIN_LENGTH
                        + " printable characters without spaces");
            }
            byte[] digest = digest(token);
            if (tokens.stream().anyMatch(t -> MessageDigest.isEqual(t.digest, digest))) {
                throw new ConfigException(where + " repeats a token of an earlier entry: every token has one role");
            }
            tokens.add(new Token(role, token, digest, role.roleName() + ":" + HexFormat.of().formatHex(digest, 0, 4)));
        }
        return new ApiTokens(tokens);
    }

    private static Access role(String name, String where) {
        return switch (name) {
            case "shop" -> Access.SHOP;
            case "support" -> Access.SUPPORT;
            default -> throw new ConfigException(where + " has the role '" + name + "': the roles are shop and support");
        };
    }

    /** The caller a presented token stands for, if it is one of these. */
    public Optional<Caller> find(String presented) {
        byte[] digest = digest(presented);
        Token found = null;
        for (Token token : tokens) {
            if (MessageDigest.isEqual(token.digest, digest) && found == null) {
                found = token;
            }
        }
        return found == null ? Optional.empty() : Optional.of(new Caller(found.role, found.name));
    }

    /** The first token of the role, for a service that calls another with its own credentials. */
    public Optional<String> first(Access role) {
        return tokens.stream().filter(t -> t.role == role).map(t -> t.secret).findFirst();
    }

    /**
     * The token a service or tool uses to act as a shop with its own credentials: the first shop token, else the
     * first support token (which may do whatever a shop may); empty when there is neither.
     */
    public Optional<String> shopOrSupport() {
        return first(Access.SHOP).or(() -> first(Access.SUPPORT));
    }

    /** The names of the tokens (role and fingerprint), for the start-up log. */
    public List<String> names() {
        return tokens.stream().map(t -> t.name).toList();
    }

    @Override
    public String toString() {
        return "ApiTokens" + names();
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    private record Token(Access role, String secret, byte[] digest, String name) {
        @Override
        public String toString() {
            return name;
        }
    }
}
