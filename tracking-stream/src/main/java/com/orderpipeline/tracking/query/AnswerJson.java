package com.orderpipeline.tracking.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import java.time.Duration;
import java.util.Optional;

/**
 * The JSON of {@code GET /orders/{orderId}}: the view's fields, {@code stale}, and for a long poll
 * {@code waitedFor}. Instances forward to each other in the same format, so this reads it back too.
 */
public final class AnswerJson {
    /** Names the instance ({@code host:port}) whose store answered. */
    public static final String SERVED_BY_HEADER = "Tracking-Served-By";
    /** {@code true} when the answer came from a standby or restoring store and may lag the owner. */
    public static final String STALE_HEADER = "Tracking-Stale";

    private final ObjectMapper json;
    private final ObjectReader views;

    public AnswerJson(ObjectMapper json) {
        this.json = json;
        this.views = json.readerFor(TrackingView.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public String write(Lookup.Found found) {
        ObjectNode body = json.valueToTree(found.view());
        body.put("stale", found.stale());
        found.waitedFor().ifPresent(waited -> body.putObject("waitedFor")
                .put("status", waited.status().name())
                .put("reached", waited.reached())
                .put("timeoutSeconds", waited.timeout().toMillis() / 1000.0));
        return body.toString();
    }

    /**
     * Reads an answer written by {@link #write}.
     *
     * @throws IllegalArgumentException when the body is not such an answer
     */
    public Lookup.Found read(String body, String servedBy) {
        try {
            JsonNode tree = json.readTree(body);
            TrackingView view = views.readValue(tree);
            if (view.orderId() == null || view.status() == null) {
                throw new IllegalArgumentException("the answer has no orderId or status");
            }
            JsonNode waited = tree.path("waitedFor");
            Optional<Lookup.Waited> waitedFor = waited.isObject()
                    ? Optional.of(new Lookup.Waited(FulfillmentStatus.valueOf(waited.path("status").asText()),
                    waited.path("reached").asBoolean(), Duration.ofMillis((long) (waited.path("timeoutSeconds").asDouble() * 1000))))
                    : Optional.empty();
            return new Lookup.Found(view, tree.path("stale").asBoolean(false), servedBy, waitedFor);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the answer is not the JSON of an order: " + e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("the answer could not be read: " + e.getMessage(), e);
        }
    }
}
