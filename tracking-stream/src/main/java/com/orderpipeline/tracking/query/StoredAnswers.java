package com.orderpipeline.tracking.query;

import com.orderpipeline.schemas.avro.OrderTracking;
import com.orderpipeline.tracking.topology.TrackingTopology;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The values of {@link TrackingTopology#VIEW_JSON_STORE}: each order's view as {@code GET /orders/{orderId}} answers
 * it, rendered once by the processor whenever the view changes, so that a lookup is one store read and a write of
 * bytes. A value is a 4-byte format tag followed by the view's JSON object ({@link AnswerJson#view}).
 *
 * <p>The tag is a hash of {@link #RENDERING} and of the shape of {@link TrackingView} (its components, their names
 * and types, nested records included). A value whose tag is not today's was rendered by a release that answered
 * differently and is never served: the lookup renders the Avro view of {@link TrackingTopology#VIEW_STORE} instead,
 * as it would without this store, until the view's next change writes it anew. So is an order whose view was stored
 * before this store existed.
 */
public final class StoredAnswers {
    /**
     * Raise it with every change of what the answer says that leaves {@link TrackingView}'s shape as it is (how
     * {@link TrackingView#of} fills a field, the JSON settings); a change of the shape changes the tag by itself.
     */
    static final int RENDERING = 1;
    /** The tag today's values carry. */
    static final int FORMAT = Objects.hash(RENDERING, shapeOf(TrackingView.class));
    private static final int TAG_BYTES = Integer.BYTES;

    private final AnswerJson answers;

    public StoredAnswers(AnswerJson answers) {
        this.answers = answers;
    }

    /** The value to store for a view. */
    public byte[] stored(OrderTracking view) {
        byte[] json = answers.view(TrackingView.of(view));
        byte[] stored = new byte[TAG_BYTES + json.length];
        ByteBuffer.wrap(stored).putInt(FORMAT).put(json);
        return stored;
    }

    /** The answer of a stored value, or empty when it was stored in another format than today's. */
    public static Optional<byte[]> answer(byte[] stored, boolean stale) {
        if (stored.length <= TAG_BYTES + 2 || ByteBuffer.wrap(stored).getInt() != FORMAT) {
            return Optional.empty();
        }
        return Optional.of(AnswerJson.answer(stored, TAG_BYTES, stale));
    }

    /** A stored value's JSON object, for tests and tools. */
    static byte[] json(byte[] stored) {
        return Arrays.copyOfRange(stored, TAG_BYTES, stored.length);
    }

    /** The record's components, names and types, and those of the records they hold, in order. */
    static String shapeOf(Class<?> record) {
        StringBuilder shape = new StringBuilder(record.getName()).append('(');
        for (RecordComponent component : record.getRecordComponents()) {
            Type type = component.getGenericType();
            shape.append(component.getName()).append(' ').append(type.getTypeName()).append(';');
            Type[] held = type instanceof ParameterizedType parameterized ? parameterized.getActualTypeArguments()
                    : new Type[] {type};
            for (Type each : held) {
                if (each instanceof Class<?> nested && nested.isRecord()) {
                    shape.append(shapeOf(nested));
                }
            }
        }
        return shape.append(')').toString();
    }
}
