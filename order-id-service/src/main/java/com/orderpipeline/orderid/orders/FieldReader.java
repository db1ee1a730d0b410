package com.orderpipeline.orderid.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderpipeline.runtime.http.FieldError;
import com.orderpipeline.runtime.http.ProblemException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the fields of a JSON request one by one, collecting a {@link FieldError} for each one that is missing
 * or malformed instead of stopping at the first, so that the 400 names every bad field at once.
 */
public final class FieldReader {
    final List<FieldError> errors = new ArrayList<>();
    private final String subject;

    /** @param subject what the request describes, as the messages name it: "the order", "the return" */
    public FieldReader(String subject) {
        this.subject = subject;
    }

    public String text(JsonNode parent, String name, String path, int maxLength, boolean required) {
        return text(parent, name, path, maxLength, required, false);
    }

    /** Free text a person wrote (a note, a comment): optional, line breaks allowed, empty when blank. */
    public Optional<String> prose(JsonNode parent, String name, String path, int maxLength) {
        return Optional.ofNullable(text(parent, name, path, maxLength, false, true));
    }

    private String text(JsonNode parent, String name, String path, int maxLength, boolean required, boolean lineBreaks) {
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
        if (value.chars().anyMatch(c -> Character.isISOControl(c) && !(lineBreaks && c == '\n'))) {
            errors.add(new FieldError(path, lineBreaks ? "must not contain control characters other than line breaks"
                    : "must not contain control characters"));
            return null;
        }
        return value;
    }

    public Long whole(JsonNode parent, String name, String path, long min, long max) {
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

    public <E extends Enum<E>> E choice(JsonNode parent, String name, Class<E> type, boolean required) {
        return choice(parent, name, name, type, required);
    }

    public <E extends Enum<E>> E choice(JsonNode parent, String name, String path, Class<E> type, boolean required) {
        // UNKNOWN is the schemas' stand-in for symbols added later, never a client's choice
        List<String> allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name)
                .filter(symbol -> !symbol.equals("UNKNOWN")).toList();
        JsonNode node = parent.get(name);
        if (required && (node == null || node.isNull())) {
            errors.add(new FieldError(path, "is required: one of " + String.join(", ", allowed)));
            return null;
        }
        String value = text(parent, name, path, 40, required);
        if (value == null) {
            return null;
        }
        if (!allowed.contains(value)) {
            errors.add(new FieldError(path, "must be one of " + String.join(", ", allowed) + ", not '" + value + "'"));
            return null;
        }
        return Enum.valueOf(type, value);
    }

    public void unknownFields(JsonNode node, String pathPrefix, Set<String> known) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!known.contains(field)) {
                errors.add(new FieldError(pathPrefix + field, "is not a field of " + subject + " (known: "
                        + known.stream().sorted().collect(Collectors.joining(", ")) + ")"));
            }
        }
    }

    /**
     * The entries of the required {@code items} array, each with its path ({@code items[0]}): 1 to {@code max} of
     * them, each an object (described to the client as {@code shape}); those that are no object are left out.
     */
    public List<Entry> items(JsonNode parent, int max, String shape) {
        JsonNode node = parent.get("items");
        if (node == null || node.isNull()) {
            errors.add(new FieldError("items", "is required: " + subject + " needs at least one item"));
            return List.of();
        }
        if (!node.isArray()) {
            errors.add(new FieldError("items", "must be an array of items"));
            return List.of();
        }
        if (node.isEmpty()) {
            errors.add(new FieldError("items", "must hold at least one item"));
        }
        if (node.size() > max) {
            errors.add(new FieldError("items", "may hold at most " + max + " items, not " + node.size()));
            return List.of();
        }
        List<Entry> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "items[" + i + "]";
            if (node.get(i).isObject()) {
                items.add(new Entry(path, node.get(i)));
            } else {
                errors.add(new FieldError(path, "must be an object with " + shape));
            }
        }
        return items;
    }

    /** One object of an array, and the path that names it in a field error. */
    public record Entry(String path, JsonNode node) {
    }

    /** Records a bad field that no reader above can see, such as one that contradicts another. */
    public void reject(String path, String message) {
        errors.add(new FieldError(path, message));
    }

    /** A 400 problem naming every bad field, if there is one. */
    public void refuseIfInvalid() {
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors.size() == 1 ? "1 field of " + subject + " is not valid"
                    : errors.size() + " fields of " + subject + " are not valid", errors);
        }
    }
}
