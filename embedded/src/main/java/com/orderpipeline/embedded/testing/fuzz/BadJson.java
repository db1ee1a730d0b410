package com.orderpipeline.embedded.testing.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Request bodies that are not a valid order: broken and deeply nested JSON, wrong types, huge numbers, invalid
 * UTF-8, bodies over the size limit. Each comes with its input class for the counts.
 */
public final class BadJson {
    /** A body and the class of input it is. */
    public record Body(String kind, byte[] bytes) {
    }

    private final Random random;

    BadJson(Random random) {
        this.random = random;
    }

    /** A bad variant of {@code example}, a valid body whose fields are replaced or broken. */
    public Body body(String example, int maxBytes) {
        return switch (random.nextInt(9)) {
            case 0 -> new Body("broken JSON", utf8(example.substring(0, random.nextInt(example.length() - 1))
                    + pick("", "}", "]", ",", "\"", "{\"a\":", "nul", "tru", "\\u12")));
            case 1 -> new Body("deeply nested JSON", utf8(nested(1_001 + random.nextInt(20_000))));
            case 2 -> new Body("nested JSON in a field", utf8(example.replaceFirst("\"C-1001\"",
                    nested(1_001 + random.nextInt(5_000)))));
            case 3 -> new Body("wrong JSON type", utf8(replaceValue(example, pick("\"quantity\": 1", "\"items\": [",
                    "\"shipTo\": {", "\"unitPrice\": 14999", "\"channel\": \"PHYSICAL\""),
                    pick("true", "[]", "{}", "\"1\"", "1.5", "-0", "null", "[1,2]", "{\"a\":1}", "\"\""))));
            case 4 -> new Body("huge number", utf8(replaceValue(example, pick("\"quantity\": 1", "\"unitPrice\": 14999"),
                    pick("1e400", "-1e400", "9".repeat(20 + random.nextInt(2_000)), "1." + "0".repeat(1_200),
                            "123456789012345678901234567890", "1E+2147483648", "0.0000000000000000000001"))));
            case 5 -> new Body("invalid UTF-8", invalidUtf8(example));
            case 6 -> new Body("oversized body", utf8("{\"customerId\": \"" + "x".repeat(maxBytes + 1
                    + random.nextInt(3 * maxBytes)) + "\"}"));
            case 7 -> new Body("not JSON", utf8(pick("", " ", "<order/>", "customerId=C-1", "\u0000\u0001", "[]", "\"x\"",
                    "42", "null", "{}{}", "{\"a\":1} trailing")));
            default -> new Body("very long string", utf8(example.replace("Kindle Paperwhite",
                    "\\u00e9".repeat(1_000 + random.nextInt(8_000)))));
        };
    }

    /** Content-Types a JSON API must refuse. */
    public String wrongContentType() {
        return pick(null, "text/plain", "application/xml", "multipart/form-data; boundary=x",
                "application/x-www-form-urlencoded", "application/jsonx", "json", "*/*", "application/json\u0001");
    }

    private String nested(int depth) {
        String open = pick("[", "{\"a\":");
        String close = open.equals("[") ? "]" : "}";
        return open.repeat(depth) + "1" + close.repeat(random.nextBoolean() ? depth : depth / 2);
    }

    private static String replaceValue(String example, String field, String value) {
        int colon = field.indexOf(':');
        String name = field.substring(0, colon + 1);
        String rest = field.substring(colon + 1).trim();
        // a value that opens a container keeps the rest of the body parseable only by luck: that is the point
        return example.replace(field, name + " " + value + (rest.endsWith("[") || rest.endsWith("{") ? "," + rest : ""));
    }

    private byte[] invalidUtf8(String example) {
        byte[] body = utf8(example.replace("Kindle Paperwhite", "Kindle \u0001X Paperwhite"));
        byte[] bad = pick(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xED, (byte) 0xA0,
                (byte) 0x80}, new byte[] {(byte) 0xE2, (byte) 0x82}, new byte[] {(byte) 0xC0, (byte) 0xAF},
                new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80});
        String text = new String(body, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("\u0001X");
        byte[] out = new byte[body.length - 2 + bad.length];
        System.arraycopy(body, 0, out, 0, at);
        System.arraycopy(bad, 0, out, at, bad.length);
        System.arraycopy(body, at + 2, out, at + bad.length, body.length - at - 2);
        return out;
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
