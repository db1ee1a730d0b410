package com.orderpipeline.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * A client for the Confluent Schema Registry REST API (and anything that speaks it, such as the registry in
 * devstack): register, look up, fetch by id, latest version, compatibility check and configuration.
 *
 * <p>Ids and schemas never change once assigned, so they are cached for the life of the client; one client
 * per application is the intended use. Latest versions are not cached here: callers that want that decide
 * how stale they may be.
 */
public final class SchemaRegistryClient {
    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private final RegistryClientConfig config;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();

    private record SubjectSchema(String subject, String canonical) {
    }

    public SchemaRegistryClient(RegistryClientConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout()).build();
    }

    public RegistryClientConfig config() {
        return config;
    }

    /** Registers the schema under the subject (or finds it there already) and answers its global id. */
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema.toString());
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = call("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema), subject);
        int id = answer.path("id").asInt();
        idsBySubjectSchema.put(key, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    /** Finds the version of the subject holding exactly this schema; empty when the subject does not have it. */
    public Optional<RegisteredSchema> lookup(String subject, Schema schema) {
        try {
            JsonNode answer = call("POST", "/subjects/" + encode(subject), schemaBody(schema), subject);
            RegisteredSchema found = registered(answer, subject);
            idsBySubjectSchema.put(new SubjectSchema(subject, schema.toString()), found.id());
            return Optional.of(found);
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.SCHEMA_NOT_FOUND
                    || e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The schema with this global id. */
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = call("GET", "/schemas/ids/" + id, null, null);
        Schema schema = parse(answer.path("schema").asText(), "schema id " + id);
        schemasById.putIfAbsent(id, schema);
        return schema;
    }

    /** The newest version registered under the subject. */
    public RegisteredSchema latest(String subject) {
        return version(subject, "latest");
    }

    public RegisteredSchema version(String subject, int version) {
        return version(subject, Integer.toString(version));
    }

    private RegisteredSchema version(String subject, String version) {
        JsonNode answer = call("GET", "/subjects/" + encode(subject) + "/versions/" + version, null, subject);
        return registered(answer, subject);
    }

    public List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        call("GET", "/subjects", null, null).forEach(node -> subjects.add(node.asText()));
        return subjects;
    }

    public List<Integer> versions(String subject) {
        List<Integer> versions = new ArrayList<>();
        call("GET", "/subjects/" + encode(subject) + "/versions", null, subject)
                .forEach(node -> versions.add(node.asInt()));
        return versions;
    }

    /** Asks whether the schema could be registered under the subject now, with the registry's reasons if not. */
    public CompatibilityResult checkCompatibility(String subject, Schema schema) {
        JsonNode answer = call("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest?verbose=true",
                schemaBody(schema), subject);
        List<String> messages = new ArrayList<>();
        answer.path("messages").forEach(node -> messages.add(node.asText()));
        return new CompatibilityResult(answer.path("is_compatible").asBoolean(), messages);
    }

    public CompatibilityLevel globalCompatibility() {
        return level(call("GET", "/config", null, null), null);
    }

    /** The subject's own compatibility level; empty when the subject follows the global one. */
    public Optional<CompatibilityLevel> subjectCompatibility(String subject) {
        try {
            return Optional.of(level(call("GET", "/config/" + encode(subject), null, subject), subject));
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.SUBJECT_CONFIG_NOT_FOUND
                    || e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public void setGlobalCompatibility(CompatibilityLevel level) {
        call("PUT", "/config", compatibilityBody(level), null);
    }

    public void setSubjectCompatibility(String subject, CompatibilityLevel level) {
        call("PUT", "/config/" + encode(subject), compatibilityBody(level), subject);
    }

    private String compatibilityBody(CompatibilityLevel level) {
        return json.createObjectNode().put("compatibility", level.name()).toString();
    }

    private CompatibilityLevel level(JsonNode answer, String subject) {
        String name = answer.path("compatibilityLevel").asText(answer.path("compatibility").asText());
        return CompatibilityLevel.parse(name).orElseThrow(() -> new SchemaRegistryException(
                config.urls().get(0).toString(), subject, 200, 0,
                "Schema registry answered an unknown compatibility level '" + name + "'", null));
    }

    private String schemaBody(Schema schema) {
        ObjectNode body = json.createObjectNode();
        body.put("schema", schema.toString());
        return body.toString();
    }

    private RegisteredSchema registered(JsonNode answer, String subject) {
        int id = answer.path("id").asInt();
        Schema schema = schemasById.computeIfAbsent(id, ignored ->
                parse(answer.path("schema").asText(), "subject '" + subject + "'"));
        return new RegisteredSchema(answer.path("subject").asText(subject), id, answer.path("version").asInt(), schema);
    }

    private Schema parse(String text, String what) {
        try {
            return new Schema.Parser().parse(text);
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException(config.urls().get(0).toString(), null, 200, 0,
                    "Schema registry returned a schema for " + what + " that is not valid Avro: " + e.getMessage(), e);
        }
    }

    /** Sends the call to each registry URL in turn until one answers; a 4xx/5xx answer is not retried. */
    private JsonNode call(String method, String path, String body, String subject) {
        IOException lastFailure = null;
        for (URI base : config.urls()) {
            HttpRequest request = request(base, method, path, body);
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                lastFailure = e;
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException(base.toString(), subject, 0, 0,
                        "Interrupted while calling schema registry " + base + " (" + method + " " + path + ")", e);
            }
            return answer(base, method, path, subject, response);
        }
        String where = config.urls().size() == 1 ? config.urls().get(0).toString() : config.urls().toString();
        throw new SchemaRegistryException(where, subject, 0, 0,
                "Schema registry " + where + " could not be reached (" + method + " " + path
                        + (subject == null ? "" : ", subject '" + subject + "'") + "): " + describe(lastFailure),
                lastFailure);
    }

    private HttpRequest request(URI base, String method, String path, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(config.requestTimeout())
                .header("Accept", CONTENT_TYPE + ", application/json");
        config.basicAuth().ifPresent(userInfo -> builder.header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8))));
        if (body == null) {
            return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        return builder.header("Content-Type", CONTENT_TYPE)
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    private JsonNode answer(URI base, String method, String path, String subject, HttpResponse<String> response) {
        JsonNode answer;
        try {
            answer = response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
        } catch (IOException e) {
            answer = null;
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300 && answer != null) {
            return answer;
        }
        int errorCode = answer == null ? 0 : answer.path("error_code").asInt(0);
        String message = answer == null ? abbreviate(response.body()) : answer.path("message").asText(abbreviate(response.body()));
        throw new SchemaRegistryException(base.toString(), subject, status, errorCode,
                "Schema registry " + base + " answered HTTP " + status
                        + (errorCode == 0 ? "" : " (error_code " + errorCode + ")")
                        + " to " + method + " " + path
                        + (subject == null ? "" : " for subject '" + subject + "'") + ": " + message,
                null);
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    private static String describe(IOException failure) {
        if (failure == null) {
            return "no URL to try";
        }
        return failure.getMessage() == null ? failure.getClass().getSimpleName()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
