package com.orderpipeline.orderid.ids;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret behind order ID bodies, from {@code ORDER_ID_KEY}. It keeps only what is derived from the secret:
 * the round-function key of the {@link BodyPermutation} and a {@link #fingerprint()} that can be recorded with
 * the prefix, so that a changed key is noticed without the key itself ever being stored or logged.
 *
 * <p>Both are HMAC-SHA256 of a fixed label under the secret, with different labels, so neither reveals the
 * other: the round-function key is the first 16 bytes of HMAC(secret, {@value #PERMUTATION_LABEL}) read as two
 * little-endian words, the fingerprint the first 8 bytes of HMAC(secret, {@value #FINGERPRINT_LABEL}) in hex.
 */
public final class OrderIdKey {
    /** The environment variable the secret comes from, named in every refusal. */
    public static final String VARIABLE = "ORDER_ID_KEY";
    /** The fewest characters a secret may have. */
    public static final int MIN_LENGTH = 16;

    private static final String PERMUTATION_LABEL = "order-id-body-permutation/siphash-2-4/v1";
    private static final String FINGERPRINT_LABEL = "order-id-key-fingerprint";

    private final long k0;
    private final long k1;
    private final String fingerprint;

    private OrderIdKey(long k0, long k1, String fingerprint) {
        this.k0 = k0;
        this.k1 = k1;
        this.fingerprint = fingerprint;
    }

    /**
     * The key derived from a secret of at least {@value #MIN_LENGTH} characters.
     *
     * @throws InvalidOrderIdKeyException if the secret is missing or too short to resist guessing
     */
    public static OrderIdKey fromSecret(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new InvalidOrderIdKeyException(VARIABLE + " is not set: order IDs need a secret key of at least "
                    + MIN_LENGTH + " characters, fixed for the life of the prefix.");
        }
        int length = secret.codePointCount(0, secret.length());
        if (length < MIN_LENGTH) {
            throw new InvalidOrderIdKeyException(VARIABLE + " has " + length + " characters; it needs at least "
                    + MIN_LENGTH + " so that nobody can guess it and enumerate order IDs.");
        }
        byte[] permutationKey = hmac(secret, PERMUTATION_LABEL);
        ByteBuffer words = ByteBuffer.wrap(permutationKey).order(ByteOrder.LITTLE_ENDIAN);
        String fingerprint = HexFormat.of().formatHex(hmac(secret, FINGERPRINT_LABEL), 0, 8);
        return new OrderIdKey(words.getLong(0), words.getLong(8), fingerprint);
    }

    /** 16 hex digits that identify the key without revealing it, to record with the prefix. */
    public String fingerprint() {
        return fingerprint;
    }

    SipHash24 roundFunction() {
        return new SipHash24(k0, k1);
    }

    /** Only the fingerprint: a key must never end up in a log. */
    @Override
    public String toString() {
        return "OrderIdKey[fingerprint=" + fingerprint + "]";
    }

    private static byte[] hmac(String secret, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            // Every Java SE runtime must provide HmacSHA256, so this is a broken runtime, not a bad key.
            throw new IllegalStateException("HmacSHA256 is not available in this Java runtime", e);
        }
    }
}
