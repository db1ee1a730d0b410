package com.orderpipeline.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The order ID key of a devstack data directory: made at random on first start and kept in the directory,
 * because the key must stay the same for as long as IDs issued with it exist.
 */
final class DevKeys {
    private DevKeys() {
    }

    static String orderIdKey(Path dataDir) {
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
}
