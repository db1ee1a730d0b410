package com.orderpipeline.devstack.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpipeline.schemas.ids.OrderId;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * order-id-service's POST endpoints as the simulators see them, in memory: places every order under a fresh valid
 * order ID (201), accepts every cancellation and return (202), and keeps each call to be looked at; like the real
 * one, it answers 401 to a call without its shop token.
 */
final class FakeOrderApi implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "fake-shop-token-0123456789abcdefghij";

    /** One POST as it arrived. */
    record Call(String path, String idempotencyKey, JsonNode body, String answeredOrderId) {
    }

    private final HttpServer server;
    private final AtomicLong sequence = new AtomicLong(5_200_000);
    final List<Call> calls = new CopyOnWriteArrayList<>();

    FakeOrderApi() {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/orders", this::answer);
        server.start();
    }

    String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** A client of this API with its token, as the simulators get one. */
    OrderApiClient client() {
        return new OrderApiClient(baseUrl(), TOKEN);
    }

    List<Call> callsTo(String pathSuffix) {
        return calls.stream().filter(call -> call.path().endsWith(pathSuffix)).toList();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
            return;
        }
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        boolean order = path.equals("/orders");
        String orderId = order ? OrderId.of("114", sequence.incrementAndGet()).canonical() : null;
        calls.add(new Call(path, exchange.getRequestHeaders().getFirst("Idempotency-Key"), body, orderId));
        byte[] answer = (order ? "{\"orderId\":\"" + orderId + "\"}" : "{\"status\":\"REQUESTED\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(order ? 201 : 202, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
