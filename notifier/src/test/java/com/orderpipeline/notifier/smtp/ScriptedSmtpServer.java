package com.orderpipeline.notifier.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tiny SMTP server for the tests that need a server to refuse: each recipient can be given the replies its
 * next RCPT TO commands get ({@code 550 ...} for good, {@code 451 ...} for now); everyone else is accepted.
 * Keeps the recipients of every message it accepted.
 */
public final class ScriptedSmtpServer implements AutoCloseable {
    private final ServerSocket socket;
    private final Map<String, Deque<String>> replies = new ConcurrentHashMap<>();
    private final List<String> accepted = Collections.synchronizedList(new ArrayList<>());
    private final List<String> messages = Collections.synchronizedList(new ArrayList<>());
    private final Thread acceptor;

    public ScriptedSmtpServer() {
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = new Thread(this::acceptAll, "scripted-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** The replies the next RCPT TO commands for {@code address} get, one each, before it is accepted. */
    public ScriptedSmtpServer replyTo(String address, String... next) {
        replies.computeIfAbsent(address, a -> new ArrayDeque<>()).addAll(List.of(next));
        return this;
    }

    /** The recipient of each message accepted, in order. */
    public List<String> accepted() {
        return List.copyOf(accepted);
    }

    /** The raw text of each message accepted, in order. */
    public List<String> messages() {
        return List.copyOf(messages);
    }

    private void acceptAll() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Thread session = new Thread(() -> converse(client), "scripted-smtp-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void converse(Socket client) {
        try (client; BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                StandardCharsets.UTF_8)); OutputStream out = client.getOutputStream()) {
            say(out, "220 scripted ESMTP");
            String recipient = null;
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (command) {
                    case "EHLO", "HELO" -> say(out, "250 scripted");
                    case "MAIL", "NOOP" -> say(out, "250 OK");
                    case "RSET" -> {
                        recipient = null;
                        say(out, "250 OK");
                    }
                    case "RCPT" -> {
                        String address = line.substring(line.indexOf('<') + 1, line.indexOf('>'));
                        Deque<String> next = replies.get(address);
                        String reply = next == null ? null : next.poll();
                        if (reply == null) {
                            recipient = address;
                            say(out, "250 OK");
                        } else {
                            say(out, reply);
                        }
                    }
                    case "DATA" -> {
                        say(out, "354 go on");
                        StringBuilder message = new StringBuilder();
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            message.append(line).append('\n');
                        }
                        accepted.add(recipient);
                        messages.add(message.toString());
                        say(out, "250 OK queued");
                    }
                    case "QUIT" -> {
                        say(out, "221 bye");
                        return;
                    }
                    default -> say(out, "502 not here");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void say(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a test server
        }
    }
}
