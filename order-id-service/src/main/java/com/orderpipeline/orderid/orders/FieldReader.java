package com.orderpipeline.orderid.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderpipeline.runtime.http.FieldError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the fields of a JSON request one by one, collecting a {@link FieldError} for each one that is missing
 * or malformed instead of stopping at the first, so that the 400 names every bad field at once.
 */
final class FieldReader {
    final List<FieldError> errors = new ArrayList<>();

    String text(JsonNode parent, String name, String path, int maxLength, boolean required) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            if (required) {
                errors.add(new FieldError(path, "is required"));
            }
            return null;
        }
        if (!node.isTextual()) {
            errors.add(new FieldError(path, "must be a string"));
            return null;
        }
        String value = node.asText().strip();
        if (value.isEmpty()) {
            if (required) {
                errors.add(new FieldError(path, "must not be empty"));
            }
            return null;
        }
        if (value.length() > maxLength) {
            errors.add(new FieldError(path, "must be at most " + maxLength + " characters, not " + value.length()));
            return null;
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError(path, "must not contain control characters"));
            return null;
        }
        return value;
    }

    Long whole(JsonNode parent, String name, String path, long min, long max) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            errors.add(new FieldError(path, "is required"));
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            errors.add(new FieldError(path, "must be a whole number" + (name.equals("unitPrice")
                    ? " of minor units (cents), never a decimal" : "")));
            return null;
        }
        long value = node.asLong();
        if (value < min || value > max) {
            errors.add(new FieldError(path, "must be from " + min + " to " + max + ", not " + value));
            return null;
        }
        return value;
    }

    <E extends Enum<E>> E choice(JsonNode parent, String name, Class<E> type, boolean required) {
        return choice(parent, name, name, type, required);
    }

    <E extends Enum<E>> E choice(JsonNode parent, String name, String path, Class<E> type, boolean required) {
        String value = text(parent, name, path, 40, required);
        if (value == null) {
            return null;
        }
        // UNKNOWN is the schemas' stand-in for symbols added later, never a client's choice
        List<String> allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name)
                .filter(symbol -> !symbol.equals("UNKNOWN")).toList();
        if (!allowed.contains(value)) {
            errors.add(new FieldError(path, "must be one of " + String.join(", ", allowed) + ", not '" + value + "'"));
            return null;
        }
        return Enum.valueOf(type, value);
    }

    void unknownFields(JsonNode node, String pathPrefix, Set<String> known) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!known.contains(field)) {
                errors.add(new FieldError(pathPrefix + field, "is not a field of the order API (known: "
                        + known.stream().sorted().collect(Collectors.joining(", ")) + ")"));
            }
        }
    }
}
