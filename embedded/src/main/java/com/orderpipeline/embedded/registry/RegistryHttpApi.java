package com.orderpipeline.embedded.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.orderpipeline.schemas.registry.CompatibilityLevel;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The Confluent Schema Registry REST API over a {@link SchemaStore}: the same paths, status codes,
 * {@code error_code} values and bodies, in {@code application/vnd.schemaregistry.v1+json}.
 */
final class RegistryHttpApi {
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Set<String> ACCEPTED_REQUEST_TYPES = Set.of("application/vnd.schemaregistry.v1+json",
            "application/vnd.schemaregistry+json", "application/json", "application/octet-stream");

    private final SchemaStore store;
    private final ObjectMapper json = new ObjectMapper();

    RegistryHttpApi(SchemaStore store) {
        this.store = store;
    }

    void configure(JavalinConfig config) {
        config.http.prefer405over404 = true;
        config.router.ignoreTrailingSlashes = true;
        var routes = config.routes;
        routes.get("/", ctx -> send(ctx, json.createObjectNode()));
        routes.get("/schemas/types", ctx -> send(ctx, json.createArrayNode().add("AVRO")));
        routes.get("/schemas/ids/{id}", ctx -> send(ctx, json.createObjectNode()
                .put("schema", store.schemaById(id(ctx)))));
        routes.get("/schemas/ids/{id}/schema", ctx -> sendRaw(ctx, store.schemaById(id(ctx))));
        routes.get("/schemas/ids/{id}/subjects", ctx -> send(ctx, strings(store.versionsOfId(id(ctx), flag(ctx, "deleted"))
                .stream().map(SchemaStore.Version::subject).distinct().toList())));
        routes.get("/schemas/ids/{id}/versions", ctx -> {
            ArrayNode answer = json.createArrayNode();
            store.versionsOfId(id(ctx), flag(ctx, "deleted"))
                    .forEach(v -> answer.addObject().put("subject", v.subject()).put("version", v.version()));
            send(ctx, answer);
        });
        routes.get("/subjects", ctx -> send(ctx, strings(store.subjects(flag(ctx, "deleted")))));
        routes.get("/subjects/{subject}/versions", ctx -> {
            ArrayNode answer = json.createArrayNode();
            store.versions(ctx.pathParam("subject"), flag(ctx, "deleted")).forEach(answer::add);
            send(ctx, answer);
        });
        routes.get("/subjects/{subject}/versions/{version}", ctx -> send(ctx, versionBody(
                store.version(ctx.pathParam("subject"), ctx.pathParam("version"), flag(ctx, "deleted")))));
        routes.get("/subjects/{subject}/versions/{version}/schema", ctx -> sendRaw(ctx, store.schemaById(
                store.version(ctx.pathParam("subject"), ctx.pathParam("version"), flag(ctx, "deleted")).id())));
        routes.get("/subjects/{subject}/versions/{version}/referencedby", ctx -> {
            store.version(ctx.pathParam("subject"), ctx.pathParam("version"), flag(ctx, "deleted"));
            send(ctx, json.createArrayNode());
        });
        routes.post("/subjects/{subject}/versions", ctx -> send(ctx, json.createObjectNode()
                .put("id", store.register(ctx.pathParam("subject"), schemaOf(ctx)))));
        routes.post("/subjects/{subject}", ctx -> send(ctx, versionBody(
                store.lookup(ctx.pathParam("subject"), schemaOf(ctx), flag(ctx, "deleted")))));
        routes.delete("/subjects/{subject}", ctx -> {
            ArrayNode answer = json.createArrayNode();
            store.deleteSubject(ctx.pathParam("subject"), flag(ctx, "permanent")).forEach(answer::add);
            send(ctx, answer);
        });
        routes.delete("/subjects/{subject}/versions/{version}", ctx -> send(ctx, json.getNodeFactory().numberNode(
                store.deleteVersion(ctx.pathParam("subject"), ctx.pathParam("version"), flag(ctx, "permanent")))));
        routes.post("/compatibility/subjects/{subject}/versions/{version}", ctx -> {
            String schema = schemaOf(ctx);
            sendCompatibility(ctx, store.checkCompatibility(ctx.pathParam("subject"), ctx.pathParam("version"), schema,
                    flag(ctx, "verbose")));
        });
        routes.post("/compatibility/subjects/{subject}/versions", ctx -> {
            String schema = schemaOf(ctx);
            sendCompatibility(ctx, store.checkCompatibility(ctx.pathParam("subject"), null, schema, flag(ctx, "verbose")));
        });
        routes.get("/config", ctx -> send(ctx, json.createObjectNode()
                .put("compatibilityLevel", store.globalLevel().name())));
        routes.put("/config", ctx -> {
            CompatibilityLevel level = levelOf(ctx);
            store.setLevel(null, level);
            send(ctx, json.createObjectNode().put("compatibility", level.name()));
        });
        routes.delete("/config", ctx -> send(ctx, json.createObjectNode()
                .put("compatibilityLevel", store.clearGlobalLevel().name())));
        routes.get("/config/{subject}", ctx -> {
            String subject = ctx.pathParam("subject");
            CompatibilityLevel level = store.subjectLevel(subject)
                    .or(() -> flag(ctx, "defaultToGlobal") ? java.util.Optional.of(store.globalLevel()) : java.util.Optional.empty())
                    .orElseThrow(() -> RegistryError.subjectConfigNotFound(subject));
            send(ctx, json.createObjectNode().put("compatibilityLevel", level.name()));
        });
        routes.put("/config/{subject}", ctx -> {
            CompatibilityLevel level = levelOf(ctx);
            store.setLevel(ctx.pathParam("subject"), level);
            send(ctx, json.createObjectNode().put("compatibility", level.name()));
        });
        routes.delete("/config/{subject}", ctx -> send(ctx, json.createObjectNode()
                .put("compatibilityLevel", store.clearSubjectLevel(ctx.pathParam("subject")).name())));
        routes.get("/mode", ctx -> send(ctx, json.createObjectNode().put("mode", "READWRITE")));
        routes.get("/mode/{subject}", ctx -> send(ctx, json.createObjectNode().put("mode", "READWRITE")));
        routes.get("/contexts", ctx -> send(ctx, json.createArrayNode().add(".")));

        routes.exception(RegistryError.class, (e, ctx) -> sendError(ctx, e.httpStatus(), e.errorCode(), e.getMessage()));
        // Javalin's own answers (no endpoint for the path: 404; the path with another method: 405) in the
        // JSON Confluent's registry gives them, instead of Javalin's text or problem-JSON
        routes.exception(HttpResponseException.class, (e, ctx) -> {
            int status = e.getStatus();
            String allowed = e.getDetails().getOrDefault("availableMethods", e.getDetails().get("Available methods"));
            if (status == 405 && allowed != null) {
                ctx.header("Allow", allowed);
            }
            sendError(ctx, status, status, "HTTP " + status + " " + HttpStatus.forStatus(status).getMessage());
        });
        routes.exception(Exception.class, (e, ctx) -> sendError(ctx, 500, 50001,
                "Error in the schema registry: " + e));
    }

    private void sendCompatibility(Context ctx, List<String> problems) {
        ObjectNode answer = json.createObjectNode().put("is_compatible", problems.isEmpty());
        if (flag(ctx, "verbose")) {
            answer.set("messages", strings(problems));
        }
        send(ctx, answer);
    }

    private ObjectNode versionBody(SchemaStore.Version version) {
        return json.createObjectNode()
                .put("subject", version.subject())
                .put("version", version.version())
                .put("id", version.id())
                .put("schema", store.schemaById(version.id()));
    }

    private String schemaOf(Context ctx) {
        JsonNode body = body(ctx);
        String type = body.path("schemaType").asText("AVRO");
        if (!"AVRO".equals(type)) {
            throw RegistryError.unsupportedSchemaType(type);
        }
        if (body.hasNonNull("references") && !body.path("references").isEmpty()) {
            throw RegistryError.invalidSchema("schema references are not supported here");
        }
        JsonNode schema = body.get("schema");
        if (schema == null || schema.isNull()) {
            return null; // the store answers "Empty schema", after any version in the path is checked
        }
        if (!schema.isTextual()) {
            throw RegistryError.invalidSchema("the request body needs a \"schema\" field holding the schema as a string");
        }
        return schema.asText();
    }

    private CompatibilityLevel levelOf(Context ctx) {
        JsonNode body = body(ctx);
        String name = body.path("compatibility").asText(body.path("compatibilityLevel").asText(null));
        return CompatibilityLevel.parse(name).orElseThrow(RegistryError::invalidCompatibilityLevel);
    }

    private JsonNode body(Context ctx) {
        String contentType = ctx.contentType();
        if (contentType != null) {
            String mediaType = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
            if (!mediaType.isEmpty() && !ACCEPTED_REQUEST_TYPES.contains(mediaType)) {
                throw RegistryError.unsupportedMediaType();
            }
        }
        try {
            JsonNode body = json.readTree(ctx.body());
            if (body == null || !body.isObject()) {
                throw RegistryError.badRequest("The request body must be a JSON object");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw RegistryError.badRequest(e.getOriginalMessage()); // as Confluent's JsonParseExceptionMapper
        }
    }

    private static int id(Context ctx) {
        String text = ctx.pathParam("id");
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw RegistryError.notFoundPath();
        }
    }

    private static boolean flag(Context ctx, String name) {
        return Boolean.parseBoolean(ctx.queryParam(name));
    }

    private ArrayNode strings(List<String> values) {
        ArrayNode array = json.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    private static void send(Context ctx, JsonNode body) {
        ctx.contentType(CONTENT_TYPE).result(body.toString());
    }

    private void sendRaw(Context ctx, String schema) {
        ctx.contentType(CONTENT_TYPE).result(schema);
    }

    private void sendError(Context ctx, int status, int errorCode, String message) {
        ctx.status(status).contentType(CONTENT_TYPE).result(json.createObjectNode()
                .put("error_code", errorCode).put("message", message).toString());
    }
}
