package com.orderpipeline.embedded.testing.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Generates malformed HTTP/1.1 requests from one seeded {@link Random}, so the same seed always gives the same
 * requests: bad framing (Content-Length, chunking, bodies that end early), header abuse (huge, control
 * characters, bad names, a URI too long) and plain requests with junk in them. The bodies and the junk text come
 * from {@link BadJson} and {@link JunkText}, which share the same random source.
 */
public final class BadRequests {
    private static final String CRLF = "\r\n";

    private final Random random;
    private final String host;
    private final BadJson json;
    private final JunkText junk;

    public BadRequests(long seed, String host) {
        this.random = new Random(seed);
        this.host = host;
        this.json = new BadJson(random);
        this.junk = new JunkText(random);
    }

    public Random random() {
        return random;
    }

    public BadJson json() {
        return json;
    }

    public JunkText junk() {
        return junk;
    }

    /** A GET of the target (path and query as they go on the request line). */
    public BadRequest get(String kind, String target) {
        return new BadRequest(kind, bytes("GET " + target + " HTTP/1.1" + CRLF + "Host: " + host + CRLF + CRLF), false);
    }

    /** A POST of the body with the given Content-Type (none when null). */
    public BadRequest post(String kind, String target, String contentType, byte[] body) {
        String head = "POST " + target + " HTTP/1.1" + CRLF + "Host: " + host + CRLF
                + (contentType == null ? "" : "Content-Type: " + contentType + CRLF)
                + "Content-Length: " + body.length + CRLF + CRLF;
        return new BadRequest(kind, concat(bytes(head), body), false);
    }

    /** A request whose body is framed wrongly: the server cannot know where it ends, or it ends early. */
    public BadRequest badFraming(String method, String target) {
        String head = method + " " + target + " HTTP/1.1" + CRLF + "Host: " + host + CRLF
                + "Content-Type: application/json" + CRLF;
        String body = "{\"customerId\": \"C-1\", \"items\": [";
        return switch (random.nextInt(8)) {
            case 0 -> raw("bad Content-Length", head + "Content-Length: " + junk.pick("abc", "-1", "1e3", "0x10", "12 34",
                    "99999999999999999999999", "+5", "") + CRLF + CRLF + body, true);
            case 1 -> raw("duplicate Content-Length", head + "Content-Length: " + body.length() + CRLF + "Content-Length: "
                    + (body.length() + 1 + random.nextInt(50)) + CRLF + CRLF + body, true);
            case 2 -> raw("chunked body that ends early", head + "Transfer-Encoding: chunked" + CRLF + CRLF
                    + Integer.toHexString(body.length() + 10) + CRLF + body, true);
            case 3 -> raw("bad chunk size", head + "Transfer-Encoding: chunked" + CRLF + CRLF
                    + junk.pick("zz", "-5", "FFFFFFFFFFFFFFFFFFFF", "1;" + "x".repeat(9000), " ", "0x10") + CRLF + body
                    + CRLF + "0" + CRLF + CRLF, true);
            case 4 -> raw("body shorter than Content-Length", head + "Content-Length: " + (body.length() + 1
                    + random.nextInt(5000)) + CRLF + CRLF + body, true);
            case 5 -> raw("Content-Length with Transfer-Encoding", head + "Content-Length: 3" + CRLF
                    + "Transfer-Encoding: chunked" + CRLF + CRLF + "5" + CRLF + "hello" + CRLF + "0" + CRLF + CRLF, true);
            case 6 -> raw("unknown Transfer-Encoding", head + "Transfer-Encoding: " + junk.pick("gzip", "chunked, gzip",
                    "identity", "xchunked", "chunked\u000b") + CRLF + CRLF + body, true);
            default -> raw("chunked body without its last chunk", head + "Transfer-Encoding: chunked" + CRLF + CRLF
                    + Integer.toHexString(body.length()) + CRLF + body + CRLF, true);
        };
    }

    /** A request with abused headers or request line; its body, if any, is well framed. */
    public BadRequest badHeaders(String target) {
        String line = "GET " + target + " HTTP/1.1" + CRLF + "Host: " + host + CRLF;
        return switch (random.nextInt(7)) {
            case 0 -> raw("huge header", line + "X-Junk: " + "a".repeat(9_000 + random.nextInt(40_000)) + CRLF + CRLF, false);
            case 1 -> raw("control character in a header", line + "X-Junk: a" + (char) junk.pick(0, 1, 7, 8, 0x1b, 0x7f).intValue()
                    + "b" + CRLF + CRLF, false);
            case 2 -> raw("bad header name", line + junk.pick("Bad Name", "X@Y", "(x)", "X\u0001", "", "X{}") + ": v"
                    + CRLF + CRLF, false);
            case 3 -> raw("URI too long", "GET " + target + (target.contains("?") ? "&" : "?") + "q="
                    + "x".repeat(9_000 + random.nextInt(60_000)) + " HTTP/1.1" + CRLF + "Host: " + host + CRLF + CRLF, false);
            case 4 -> raw("too many headers", line + "X-Junk: v\r\n".repeat(1_000 + random.nextInt(3_000)) + CRLF, false);
            case 5 -> raw("bad request line", junk.pick("GET " + target + " HTTP/9.9", "GET  " + target + "  HTTP/1.1",
                    "G\u0001T " + target + " HTTP/1.1", "GET " + target + " HTTP/1.1 extra", "GET " + target
                    + "\u0000 HTTP/1.1", "GET" + CRLF + "Host: " + host) + CRLF + "Host: " + host + CRLF + CRLF, false);
            default -> raw("duplicate Host", line + "Host: other.example" + CRLF + CRLF, false);
        };
    }

    private static BadRequest raw(String kind, String request, boolean halfClose) {
        return new BadRequest(kind, request.getBytes(StandardCharsets.ISO_8859_1), halfClose);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + b.length);
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
