package com.orderpipeline.embedded.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpipeline.embedded.kafka.EmbeddedKafkaBroker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry keeps its state in the broker's {@code _schemas} topic: a new registry on the same broker, and on
 * the same broker restarted on its data directory, answers the same ids, versions and levels, and never hands out
 * an id twice.
 */
class SchemaRegistryRestartIT {
    private static final String REGISTRY_JSON = "application/vnd.schemaregistry.v1+json";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void keepsIdsVersionsAndLevelsAcrossARegistryRestartAndABrokerRestart() {
        Map<String, JsonNode> before;
        int lastId;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir)) {
            try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0)) {
                String url = registry.url();
                int ordersV1 = register(url, "orders-value", order("{\"name\":\"id\",\"type\":\"string\"}"));
                int ordersV2 = register(url, "orders-value", order("{\"name\":\"id\",\"type\":\"string\"}",
                        "{\"name\":\"note\",\"type\":\"string\",\"default\":\"\"}"));
                int payments = register(url, "payments-value", payment("{\"name\":\"amount\",\"type\":\"long\"}"));
                int shared = register(url, "archive-value", order("{\"name\":\"id\",\"type\":\"string\"}"));
                assertThat(List.of(ordersV1, ordersV2, payments)).doesNotHaveDuplicates();
                assertThat(shared).isEqualTo(ordersV1);
                assertThat(call(url, "PUT", "/config/payments-value", "{\"compatibility\":\"FULL\"}").status())
                        .isEqualTo(200);
                lastId = payments;
                before = state(url);
            }

            try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0)) {
                String url = registry.url();
                assertThat(state(url)).isEqualTo(before);

                int next = register(url, "orders-value", order("{\"name\":\"id\",\"type\":\"string\"}",
                        "{\"name\":\"note\",\"type\":\"string\",\"default\":\"\"}",
                        "{\"name\":\"tag\",\"type\":\"string\",\"default\":\"\"}"));

                assertThat(next).isEqualTo(lastId + 1);
                lastId = next;
                before = state(url);
            }
        }

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir);
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0)) {
            String url = registry.url();
            assertThat(state(url)).isEqualTo(before);

            int next = register(url, "payments-value", payment("{\"name\":\"amount\",\"type\":\"long\"}",
                    "{\"name\":\"currency\",\"type\":\"string\",\"default\":\"EUR\"}"));

            assertThat(next).isEqualTo(lastId + 1);
            assertThat(call(url, "GET", "/subjects/payments-value/versions", null).json())
                    .isEqualTo(JSON.valueToTree(List.of(1, 2)));
        }
    }

    /** What a client can read: subjects, every version with its id and schema, every schema by id, the levels. */
    private static Map<String, JsonNode> state(String url) {
        Map<String, JsonNode> state = new LinkedHashMap<>();
        JsonNode subjects = call(url, "GET", "/subjects", null).json();
        state.put("subjects", subjects);
        for (JsonNode subject : subjects) {
            JsonNode versions = call(url, "GET", "/subjects/" + subject.asText() + "/versions", null).json();
            state.put(subject.asText() + " versions", versions);
            for (JsonNode version : versions) {
                JsonNode body = call(url, "GET", "/subjects/" + subject.asText() + "/versions/" + version.asInt(), null).json();
                state.put(subject.asText() + " v" + version.asInt(), body);
                int id = body.path("id").asInt();
                state.put("id " + id, call(url, "GET", "/schemas/ids/" + id, null).json());
            }
            Answer level = call(url, "GET", "/config/" + subject.asText(), null);
            state.put(subject.asText() + " config", JSON.valueToTree(level.status() + " " + level.body()));
        }
        state.put("global config", call(url, "GET", "/config", null).json());
        return state;
    }

    private static String order(String... fields) {
        return "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"restart\",\"fields\":[" + String.join(",", fields) + "]}";
    }

    private static String payment(String... fields) {
        return "{\"type\":\"record\",\"name\":\"Payment\",\"namespace\":\"restart\",\"fields\":[" + String.join(",", fields) + "]}";
    }

    private static int register(String url, String subject, String schema) {
        Answer answer = call(url, "POST", "/subjects/" + subject + "/versions",
                JSON.createObjectNode().put("schema", schema).toString());
        assertThat(answer.status()).as("registering under %s: %s", subject, answer.body()).isEqualTo(200);
        return answer.json().path("id").asInt();
    }

    private record Answer(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON (HTTP " + status + "): " + body, e);
            }
        }
    }

    private static Answer call(String url, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", REGISTRY_JSON);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
