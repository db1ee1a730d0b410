package com.orderpipeline.embedded.testing.fuzz;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 client on a raw socket, for requests no well-behaved client would send (bad framing, bodies
 * that end early, control characters in headers). It keeps one connection alive across requests, as a
 * browser would, and opens a new one when the server closed it or the request half-closes it. Every read is
 * bounded by the timeout, so a server that hangs shows as a {@link java.net.SocketTimeoutException}.
 */
public final class RawHttp implements AutoCloseable {
    private final InetSocketAddress server;
    private final int timeoutMillis;
    private Socket socket;
    private InputStream in;

    public RawHttp(String host, int port, Duration timeout) {
        this.server = new InetSocketAddress(host, port);
        this.timeoutMillis = Math.toIntExact(timeout.toMillis());
    }

    /** What came back: the status (0 when the server closed the connection without answering), headers, body. */
    public record Answer(int status, Map<String, String> headers, String body) {
        public String contentType() {
            return headers.getOrDefault("content-type", "");
        }
    }

    /** Sends the bytes and reads one answer; {@code halfClose} ends the client's side after them, as a client gone. */
    public Answer send(byte[] request, boolean halfClose) throws IOException {
        boolean reused = socket != null && !halfClose;
        try {
            return exchange(request, halfClose);
        } catch (EOFException | java.net.SocketException e) {
            if (!reused) {
                throw e;
            }
            // the server may close an idle kept-alive connection at any time; that says nothing of this request
            close();
            return exchange(request, halfClose);
        }
    }

    private Answer exchange(byte[] request, boolean halfClose) throws IOException {
        if (halfClose) {
            close();
        }
        if (socket == null) {
            socket = new Socket();
            socket.connect(server, timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            in = new BufferedInputStream(socket.getInputStream());
        }
        socket.getOutputStream().write(request);
        socket.getOutputStream().flush();
        if (halfClose) {
            socket.shutdownOutput();
        }
        String statusLine = line(in, true);
        if (statusLine == null) {
            close();
            if (halfClose) {
                return new Answer(0, Map.of(), "");
            }
            throw new EOFException("closed without an answer");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(in, false); !header.isEmpty(); header = line(in, false)) {
            int colon = header.indexOf(':');
            headers.merge(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim(),
                    (a, b) -> a + ", " + b);
        }
        int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
        String body = new String(body(headers), StandardCharsets.UTF_8);
        if (halfClose || headers.getOrDefault("connection", "").equalsIgnoreCase("close")) {
            close();
        }
        return new Answer(status, headers, body);
    }

    private byte[] body(Map<String, String> headers) throws IOException {
        if (headers.getOrDefault("transfer-encoding", "").equalsIgnoreCase("chunked")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int size = chunkSize(); size > 0; size = chunkSize()) {
                body.write(in.readNBytes(size));
                line(in, false);
            }
            for (String trailer = line(in, false); !trailer.isEmpty(); trailer = line(in, false)) {
                // trailers carry nothing the checks need
            }
            return body.toByteArray();
        }
        String length = headers.get("content-length");
        if (length != null) {
            int n = Integer.parseInt(length);
            byte[] body = in.readNBytes(n);
            if (body.length < n) {
                throw new EOFException("the body ended after " + body.length + " of " + n + " bytes");
            }
            return body;
        }
        byte[] rest = in.readAllBytes();
        close();
        return rest;
    }

    private int chunkSize() throws IOException {
        return Integer.parseInt(line(in, false).split(";", 2)[0].trim(), 16);
    }

    /** A CRLF-ended line; null at a clean end of stream where {@code endAllowed}. */
    private static String line(InputStream in, boolean endAllowed) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                if (endAllowed && line.size() == 0) {
                    return null;
                }
                throw new EOFException("the answer ended inside a line");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("could not close the connection to " + server, e);
            } finally {
                socket = null;
                in = null;
            }
        }
    }
}
