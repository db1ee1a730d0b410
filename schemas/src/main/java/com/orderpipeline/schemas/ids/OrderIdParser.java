package com.orderpipeline.schemas.ids;

import com.orderpipeline.schemas.ids.InvalidOrderIdException.Reason;
import java.util.List;
import java.util.Objects;

/**
 * Turns what a person typed into an {@link OrderId}, or names the first thing wrong with it. Checks run from
 * the most general to the most specific, so that a message never blames a detail of something that is not an ID
 * at all. Positions in messages count from 1 at the first character that is not white space.
 */
final class OrderIdParser {
    private static final String FORM = "PPP-NNNNNNN-NNNNNNN";
    /** Compact positions after which a hyphen may separate two groups. */
    private static final int FIRST_BOUNDARY = 3;
    private static final int SECOND_BOUNDARY = 10;

    private OrderIdParser() {
    }

    static OrderId parse(String input, OrderIdRules rules) {
        Objects.requireNonNull(rules, "rules");
        String id = input == null ? "" : input.strip();
        if (id.isEmpty()) {
            throw new InvalidOrderIdException(Reason.EMPTY, "The order ID is empty; expected the form " + FORM + ".");
        }
        requireOnlyLettersDigitsAndHyphens(id);
        requireLength(id);
        char[] compact = withoutWellPlacedHyphens(id);
        requireDigitsAfterPrefix(id, compact);

        String prefix = new String(compact, 0, 3);
        if (rules.channelOf(prefix).isEmpty()) {
            throw new InvalidOrderIdException(Reason.UNKNOWN_PREFIX,
                    "Unknown order ID prefix '" + prefix + "'; " + inWords(rules.knownPrefixes()) + ".");
        }
        String digits = new String(compact);
        long body = Long.parseLong(digits, 3, 3 + OrderId.BODY_DIGITS, 10);
        OrderId read = new OrderId(prefix, body, compact[OrderId.COMPACT_LENGTH - 1] - '0');
        if (!Damm.isValid(digits)) {
            throw new InvalidOrderIdException(Reason.CHECK_DIGIT_MISMATCH, "Order ID " + read.canonical()
                    + " does not match its check digit; check the ID for a typo.");
        }
        return read;
    }

    private static void requireOnlyLettersDigitsAndHyphens(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!isAsciiLetter(c) && !isDigit(c) && c != '-') {
                int codePoint = id.codePointAt(i);
                throw new InvalidOrderIdException(Reason.BAD_CHARACTER, describe(codePoint) + " at position "
                        + (id.codePointCount(0, i) + 1) + " cannot be part of an order ID, which has the form "
                        + FORM + ".");
            }
        }
    }

    private static void requireLength(String id) {
        int length = id.length() - (int) id.chars().filter(c -> c == '-').count();
        if (length != OrderId.COMPACT_LENGTH) {
            throw new InvalidOrderIdException(Reason.WRONG_LENGTH, "An order ID has " + OrderId.COMPACT_LENGTH
                    + " characters not counting hyphens (" + FORM + "), but " + length
                    + (length == 1 ? " was" : " were") + " given.");
        }
    }

    private static char[] withoutWellPlacedHyphens(String id) {
        char[] compact = new char[OrderId.COMPACT_LENGTH];
        int n = 0;
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c != '-') {
                compact[n++] = Character.toUpperCase(c);
            } else if ((n != FIRST_BOUNDARY && n != SECOND_BOUNDARY) || id.charAt(i - 1) == '-') {
                throw new InvalidOrderIdException(Reason.MISPLACED_HYPHEN, "The hyphen at position " + (i + 1)
                        + " is misplaced: hyphens may only separate the groups of " + FORM + ".");
            }
        }
        return compact;
    }

    private static void requireDigitsAfterPrefix(String id, char[] compact) {
        for (int k = 3; k < compact.length; k++) {
            if (!isDigit(compact[k])) {
                int i = positionOf(id, k);
                throw new InvalidOrderIdException(Reason.BAD_CHARACTER, describe(id.charAt(i)) + " at position "
                        + (i + 1) + " must be a digit: only the prefix, such as "
                        + OrderIdRules.DIGITAL_PREFIX + ", holds letters.");
            }
        }
    }

    /** The index in {@code id} of its {@code k}-th letter or digit. */
    private static int positionOf(String id, int k) {
        int seen = -1;
        for (int i = 0; i < id.length(); i++) {
            if (id.charAt(i) != '-' && ++seen == k) {
                return i;
            }
        }
        throw new IllegalStateException("no character " + k + " in " + id);
    }

    private static String describe(int codePoint) {
        if (Character.isWhitespace(codePoint) || Character.isISOControl(codePoint)
                || !Character.isDefined(codePoint) || Character.isSpaceChar(codePoint)) {
            return String.format("The character U+%04X", codePoint);
        }
        return "'" + new String(Character.toChars(codePoint)) + "'";
    }

    private static String inWords(List<String> prefixes) {
        int last = prefixes.size() - 1;
        if (last == 0) {
            return "the only known prefix is " + prefixes.get(0);
        }
        return "known prefixes are " + String.join(", ", prefixes.subList(0, last)) + " and " + prefixes.get(last);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }
}
