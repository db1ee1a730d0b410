package com.orderpipeline.tracking.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The JSON of {@code GET /orders/{orderId}}: the view's fields, {@code stale}, and for a long poll
 * {@code waitedFor}. The view's part is written by Jackson straight to bytes (no tree), either when the answer is
 * given or once, by the processor, into {@link StoredAnswers}; {@code stale} and {@code waitedFor} are appended to
 * it as they are known when answering. Instances forward to each other in the same format, so this reads it back too.
 */
public final class AnswerJson {
    /** Names the instance ({@code host:port}) whose store answered. */
    public static final String SERVED_BY_HEADER = "Tracking-Served-By";
    /** {@code true} when the answer came from a standby or restoring store and may lag the owner. */
    public static final String STALE_HEADER = "Tracking-Stale";

    private static final byte[] FRESH_TAIL = ",\"stale\":false}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STALE_TAIL = ",\"stale\":true}".getBytes(StandardCharsets.US_ASCII);

    private final ObjectMapper json;
    private final ObjectWriter viewWriter;
    private final ObjectReader views;

    public AnswerJson(ObjectMapper json) {
        this.json = json;
        this.viewWriter = json.writerFor(TrackingView.class);
        this.views = json.readerFor(TrackingView.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public String write(Lookup.Found found) {
        return new String(writeBytes(found), StandardCharsets.UTF_8);
    }

    /** The answer of a lookup, as UTF-8 bytes. */
    public byte[] writeBytes(Lookup.Found found) {
        byte[] view = view(found.view());
        if (found.waitedFor().isEmpty()) {
            return answer(view, 0, found.stale());
        }
        Lookup.Waited waited = found.waitedFor().get();
        // an enum's name, a boolean and a double: nothing to escape
        String tail = ",\"stale\":" + found.stale() + ",\"waitedFor\":{\"status\":\"" + waited.status().name()
                + "\",\"reached\":" + waited.reached() + ",\"timeoutSeconds\":" + waited.timeout().toMillis() / 1000.0
                + "}}";
        return splice(view, 0, tail.getBytes(StandardCharsets.US_ASCII));
    }

    /** The view's own JSON object, without {@code stale}: what {@link StoredAnswers} keeps. */
    byte[] view(TrackingView view) {
        try {
            return viewWriter.writeValueAsBytes(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The view of " + view.orderId() + " could not be written as JSON", e);
        }
    }

    /** The answer made of a view's JSON object, which starts at {@code from} in {@code view}, and {@code stale}. */
    static byte[] answer(byte[] view, int from, boolean stale) {
        return splice(view, from, stale ? STALE_TAIL : FRESH_TAIL);
    }

    /** The object from {@code from} to the end of {@code object}, its closing brace replaced by {@code tail}. */
    private static byte[] splice(byte[] object, int from, byte[] tail) {
        int kept = object.length - from - 1;
        byte[] answer = new byte[kept + tail.length];
        System.arraycopy(object, from, answer, 0, kept);
        System.arraycopy(tail, 0, answer, kept, tail.length);
        return answer;
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
            Duration timeout = Duration.ofMillis((long) (waited.path("timeoutSeconds").asDouble() * 1000));
            Optional<Lookup.Waited> waitedFor = waited.isObject()
                    ? Optional.of(new Lookup.Waited(FulfillmentStatus.valueOf(waited.path("status").asText()),
                    waited.path("reached").asBoolean(), timeout))
                    : Optional.empty();
            return new Lookup.Found(view, tree.path("stale").asBoolean(false), servedBy, waitedFor);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the answer is not the JSON of an order: " + e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("the answer could not be read: " + e.getMessage(), e);
        }
    }
}
