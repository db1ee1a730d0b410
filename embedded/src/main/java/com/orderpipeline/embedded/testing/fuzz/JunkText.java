package com.orderpipeline.embedded.testing.fuzz;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Junk for paths and query parameters: IDs of the wrong length or with bad characters, one mistyped digit of a
 * valid ID, broken percent-encoding, invalid UTF-8, markup that a page could reflect. Everything it returns is
 * ready for the request line (percent-encoded where a raw byte would not be a request at all).
 */
public final class JunkText {
    /** Markup that must never come back unescaped in a page. */
    public static final String[] MARKUP = {"<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
            "' onmouseover='alert(1)", "</textarea><svg onload=alert(1)>"};

    private final Random random;

    JunkText(Random random) {
        this.random = random;
    }

    @SafeVarargs
    public final <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    /** A path segment that is not a valid order ID; {@code validId} (with hyphens) is mistyped for some. */
    public String id(String validId) {
        return switch (random.nextInt(12)) {
            case 0 -> mistyped(validId);
            case 1 -> encode(validId.substring(0, 1 + random.nextInt(validId.length() - 2)));
            case 2 -> encode(validId + random.nextInt(1000));
            case 3 -> encode(pick(MARKUP));
            case 4 -> pick("%", "%zz", "%0", "%00", "%2F", "%2e%2e", "..", "%C3%28", "%FF%FE", "%E2%82", "%ED%A0%80");
            case 5 -> encode(randomText(1 + random.nextInt(40)));
            case 6 -> "9".repeat(20 + random.nextInt(3000));
            case 7 -> encode(validId.replace('-', pick('_', '.', ' ', '\u2010')));
            case 8 -> encode(validId.substring(0, 4) + "ABCDEFG" + validId.substring(11));
            case 9 -> encode(" " + pick(MARKUP) + validId);
            // a control character before the ID, but none that strip() takes for surrounding space
            case 10 -> String.format("%%%02X", pick(0, 1, 2, 7, 8, 0x0e, 0x10, 0x1b, 0x7f)) + validId;
            default -> encode("D01-" + validId.substring(4, 10));
        };
    }

    /** A query-parameter value that is not what the parameter wants. */
    public String value() {
        return switch (random.nextInt(8)) {
            case 0 -> encode(pick(MARKUP));
            case 1 -> pick("", "-1", "0x10", "NaN", "1e9999", "99999999999999999999999999s", "9223372036854775807h",
                    "9223372036854775807d", "-9223372036854775808ms", "1.5s", "30 s", "PT30S", "forever");
            case 2 -> pick("%", "%zz", "%00", "%C3%28", "%FF");
            case 3 -> encode(randomText(1 + random.nextInt(30)));
            case 4 -> "9".repeat(19 + random.nextInt(2000)) + pick("", "s", "m", "h", "d", "ms");
            case 5 -> pick("shipped%00", "SHIPPED,DELIVERED", "sh%C4%B0pped", "SHIPPED%0d%0a", "unknown", "null");
            case 6 -> encode(String.valueOf(random.nextLong()) + pick("s", "h", "d", "m"));
            default -> encode(randomText(200 + random.nextInt(2000)));
        };
    }

    /** A digit changed to another: the Damm check digit catches every such typo. */
    private String mistyped(String validId) {
        char[] chars = validId.toCharArray();
        int at;
        do {
            at = 4 + random.nextInt(chars.length - 4);
        } while (!Character.isDigit(chars[at]));
        chars[at] = (char) ('0' + (chars[at] - '0' + 1 + random.nextInt(9)) % 10);
        return new String(chars);
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) pick(random.nextInt(0x7f), 0x80 + random.nextInt(0x700), 0x4e00 + random.nextInt(0x100),
                    0xfffd, 0x202e, (int) '<', (int) '"', (int) '\'', (int) '&', (int) '/', (int) '?', (int) '#').intValue());
        }
        return text.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
