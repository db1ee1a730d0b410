package com.orderpipeline.schemas.registry;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Turns the JSON-pointer locations of Avro's compatibility report ({@code /fields/9/type/1/fields/3})
 * into the dotted field names a person reads ({@code shipTo.postalCode}).
 */
final class SchemaPaths {
    private SchemaPaths() {
    }

    static String fieldPath(Schema root, String location) {
        List<String> names = new ArrayList<>();
        Schema current = root;
        String[] tokens = location == null ? new String[0] : location.split("/");
        for (int i = 0; i < tokens.length && current != null; i++) {
            String token = tokens[i];
            switch (token) {
                case "", "type", "name", "symbols", "size" -> {
                    // structural tokens: the schema in hand stays the same
                }
                case "fields" -> {
                    Integer index = index(tokens, i + 1);
                    if (index == null || current.getType() != Schema.Type.RECORD || index >= current.getFields().size()) {
                        return String.join(".", names);
                    }
                    Schema.Field field = current.getFields().get(index);
                    names.add(field.name());
                    current = field.schema();
                    i++;
                }
                case "items" -> current = current.getType() == Schema.Type.ARRAY ? current.getElementType() : null;
                case "values" -> current = current.getType() == Schema.Type.MAP ? current.getValueType() : null;
                default -> {
                    Integer branch = index(tokens, i);
                    if (branch != null && current.getType() == Schema.Type.UNION && branch < current.getTypes().size()) {
                        current = current.getTypes().get(branch);
                    }
                }
            }
        }
        return String.join(".", names);
    }

    private static Integer index(String[] tokens, int at) {
        if (at >= tokens.length) {
            return null;
        }
        try {
            return Integer.parseInt(tokens[at]);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
