package com.orderpipeline.tracking.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The two calls of the Confluent registry API that the Avro serde makes (register, schema by id), in memory,
 * so TopologyTestDriver tests run without a broker.
 */
public final class InMemoryRegistry implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Integer> idsBySchema = new ConcurrentHashMap<>();
    private final Map<Integer, String> schemasById = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final Javalin http;

    private static InMemoryRegistry shared;

    /** One registry for every test of the JVM that needs no registry of its own; started on first use. */
    public static synchronized InMemoryRegistry shared() {
        if (shared == null) {
            shared = new InMemoryRegistry();
        }
        return shared;
    }

    public InMemoryRegistry() {
        http = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.post("/subjects/{subject}/versions", ctx -> {
                String schema = JSON.readTree(ctx.body()).path("schema").asText();
                int id = idsBySchema.computeIfAbsent(schema, s -> {
                    int assigned = nextId.getAndIncrement();
                    schemasById.put(assigned, s);
                    return assigned;
                });
                ctx.contentType("application/json").result("{\"id\":" + id + "}");
            });
            config.routes.get("/schemas/ids/{id}", ctx -> {
                String schema = schemasById.get(Integer.parseInt(ctx.pathParam("id")));
                if (schema == null) {
                    ctx.status(404).contentType("application/json").result("{\"error_code\":40403,\"message\":\"Schema not found\"}");
                    return;
                }
                JsonNode body = JSON.createObjectNode().put("schema", schema);
                ctx.contentType("application/json").result(body.toString());
            });
        }).start("localhost", 0);
    }

    public String url() {
        return "http://localhost:" + http.port();
    }

    @Override
    public void close() {
        http.stop();
    }
}
