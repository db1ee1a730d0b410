package com.orderpipeline.embedded.testing.fuzz;

import java.nio.charset.StandardCharsets;

/**
 * One generated request: its input class (for the counts), the exact bytes sent, and whether the client ends
 * its side of the connection after them (a body that ends early is only early once the client is gone).
 */
public record BadRequest(String kind, byte[] bytes, boolean halfClose) {

    /** The request as readable text for a failure message: control bytes escaped, long runs shortened. */
    public String printable() {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < 700; i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                out.append("\\r");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c < 0x20 || c >= 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.length() < 700 ? out.toString() : out + "… (" + bytes.length + " bytes in all)";
    }
}
