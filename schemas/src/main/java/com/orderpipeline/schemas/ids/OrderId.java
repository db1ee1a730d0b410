package com.orderpipeline.schemas.ids;

import com.orderpipeline.schemas.avro.Channel;

/**
 * An order ID as SPEC.md ("Order IDs") defines it: {@code PPP-NNNNNNN-NNNNNNN}, a three-character prefix, a
 * 13-digit body and a Damm check digit over the prefix's digits and the body. Immutable; two IDs are equal when
 * they name the same order, however they were spelt.
 */
public final class OrderId {
    /** Letters and digits in an ID: the prefix, the body and the check digit. */
    public static final int COMPACT_LENGTH = 17;
    /** Characters in the canonical form, hyphens included. */
    public static final int CANONICAL_LENGTH = 19;
    /** Digits in the body. */
    public static final int BODY_DIGITS = 13;
    /** One past the largest body: bodies are in [0, 10^13). */
    public static final long BODY_LIMIT = 10_000_000_000_000L;

    private final String prefix;
    private final long body;
    private final int checkDigit;
    private final String canonical;

    OrderId(String prefix, long body, int checkDigit) {
        this.prefix = prefix;
        this.body = body;
        this.checkDigit = checkDigit;
        String digits = bodyDigits(body);
        this.canonical = prefix + '-' + digits.substring(0, 7) + '-' + digits.substring(7) + checkDigit;
    }

    /**
     * Reads an ID as a person gives it: with or without the hyphens, in any case, with surrounding white space.
     *
     * @throws InvalidOrderIdException with the first thing wrong with it, in words meant for that person
     */
    public static OrderId parse(String input, OrderIdRules rules) {
        return OrderIdParser.parse(input, rules);
    }

    /**
     * The ID with this prefix and body, its check digit computed. For issuing IDs: the prefix must be three
     * digits or {@link OrderIdRules#DIGITAL_PREFIX}, the body in [0, 10^13).
     */
    public static OrderId of(String prefix, long body) {
        if (!OrderIdRules.isPhysicalPrefix(prefix) && !OrderIdRules.DIGITAL_PREFIX.equals(prefix)) {
            throw new IllegalArgumentException(
                    "An order ID prefix is three digits or " + OrderIdRules.DIGITAL_PREFIX + ", not '" + prefix + "'");
        }
        if (body < 0 || body >= BODY_LIMIT) {
            throw new IllegalArgumentException("An order ID body is in [0, 10^13), not " + body);
        }
        int checkDigit = Damm.fold(Damm.fold(0, prefix), bodyDigits(body));
        return new OrderId(prefix, body, checkDigit);
    }

    /** {@code PPP-NNNNNNN-NNNNNNN}, upper case: the form keys, events and answers carry. */
    public String canonical() {
        return canonical;
    }

    /** The 17 letters and digits without hyphens. */
    public String compact() {
        return prefix + canonical.substring(4, 11) + canonical.substring(12);
    }

    /** The three-character prefix: a physical marketplace's digits, or {@code D01}. */
    public String prefix() {
        return prefix;
    }

    public Channel channel() {
        return OrderIdRules.DIGITAL_PREFIX.equals(prefix) ? Channel.DIGITAL : Channel.PHYSICAL;
    }

    /** The 13-digit body, in [0, 10^13). */
    public long body() {
        return body;
    }

    public int checkDigit() {
        return checkDigit;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OrderId that && body == that.body && prefix.equals(that.prefix);
    }

    @Override
    public int hashCode() {
        return canonical.hashCode();
    }

    /** The canonical form, so an ID can be logged or concatenated as it is. */
    @Override
    public String toString() {
        return canonical;
    }

    private static String bodyDigits(long body) {
        String digits = Long.toString(body);
        return "0".repeat(BODY_DIGITS - digits.length()) + digits;
    }
}
