package com.orderpipeline.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The secrets of a devstack data directory, made at random on first start and kept in the directory: the order
 * ID key, which must stay the same for as long as IDs issued with it exist, and the API tokens, so that a shop
 * or a support tool set up against devstack keeps working across restarts.
 */
public final class DevKeys {
    /** The file of the API tokens in a data directory: lines {@code shop=...} and {@code support=...}. */
    static final String API_TOKENS_FILE = "api-tokens";

    /** A data directory's API tokens, one per role. */
    public record ApiTokenPair(String shop, String support, Path file) {
        /** As {@code API_TOKENS} lists them. */
        public String asVariable() {
            return "shop:" + shop + ",support:" + support;
        }
    }

    private DevKeys() {
    }

    public static String orderIdKey(Path dataDir) {
        Path file = dataDir.resolve("order-id.key");
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            Files.createDirectories(dataDir);
            byte[] secret = new byte[24];
            new SecureRandom().nextBytes(secret);
            String key = HexFormat.of().formatHex(secret);
            Files.writeString(file, key + System.lineSeparator());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the order ID key in " + file, e);
        }
    }

    /** The data directory's API tokens, made on first start (32 random bytes each, base64url) and readable only by its owner. */
    public static ApiTokenPair apiTokens(Path dataDir) {
        Path file = dataDir.resolve(API_TOKENS_FILE);
        try {
            if (Files.exists(file)) {
                Map<String, String> lines = new HashMap<>();
                for (String line : Files.readAllLines(file)) {
                    int equals = line.indexOf('=');
                    if (equals > 0) {
                        lines.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
                    }
                }
                if (!lines.containsKey("shop") || !lines.containsKey("support")) {
                    throw new IllegalStateException(file + " must have a line shop=<token> and a line support=<token>;"
                            + " delete it to have new tokens made");
                }
                return new ApiTokenPair(lines.get("shop"), lines.get("support"), file);
            }
            Files.createDirectories(dataDir);
            ApiTokenPair tokens = new ApiTokenPair(randomToken(), randomToken(), file);
            Files.createFile(file);
            if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
            Files.writeString(file, "shop=" + tokens.shop() + System.lineSeparator()
                    + "support=" + tokens.support() + System.lineSeparator());
            return tokens;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the API tokens in " + file, e);
        }
    }

    private static String randomToken() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }
}
