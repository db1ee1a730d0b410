package com.orderpipeline.schemas.topics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The names of the pipeline's topics: the defaults of SPEC.md, each replaceable by an environment variable.
 *
 * <table>
 *   <caption>Variables</caption>
 *   <tr><th>variable</th><th>default</th></tr>
 *   <tr><td>TOPIC_ORDERS_PLACED</td><td>orders.placed</td></tr>
 *   <tr><td>TOPIC_FULFILLMENT_SCANS</td><td>fulfillment.scans</td></tr>
 *   <tr><td>TOPIC_ORDERS_FULFILLMENT</td><td>orders.fulfillment</td></tr>
 *   <tr><td>TOPIC_FULFILLMENT_REJECTED</td><td>fulfillment.rejected</td></tr>
 *   <tr><td>TOPIC_ORDERS_TRACKING</td><td>orders.tracking</td></tr>
 *   <tr><td>TOPIC_DEAD_LETTER</td><td>pipeline.dead-letter</td></tr>
 *   <tr><td>TOPIC_ORDER_ID_BLOCKS</td><td>order-ids.blocks</td></tr>
 * </table>
 */
public record TopicNames(String ordersPlaced, String fulfillmentScans, String ordersFulfillment,
                         String fulfillmentRejected, String ordersTracking, String deadLetter, String orderIdBlocks) {

    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    public TopicNames {
        for (Map.Entry<String, String> entry : asMap(ordersPlaced, fulfillmentScans, ordersFulfillment,
                fulfillmentRejected, ordersTracking, deadLetter, orderIdBlocks).entrySet()) {
            String name = entry.getValue();
            if (name == null || !LEGAL.matcher(name).matches() || name.equals(".") || name.equals("..")) {
                throw new IllegalArgumentException(entry.getKey() + " is '" + name
                        + "', not a legal Kafka topic name (1-249 of a-z, A-Z, 0-9, '.', '_', '-')");
            }
        }
    }

    public static TopicNames defaults() {
        return new TopicNames("orders.placed", "fulfillment.scans", "orders.fulfillment", "fulfillment.rejected",
                "orders.tracking", "pipeline.dead-letter", "order-ids.blocks");
    }

    /** Reads each name from its variable (see the class documentation), falling back to the default. */
    public static TopicNames fromEnv(Function<String, String> env) {
        TopicNames d = defaults();
        return new TopicNames(
                or(env, "TOPIC_ORDERS_PLACED", d.ordersPlaced),
                or(env, "TOPIC_FULFILLMENT_SCANS", d.fulfillmentScans),
                or(env, "TOPIC_ORDERS_FULFILLMENT", d.ordersFulfillment),
                or(env, "TOPIC_FULFILLMENT_REJECTED", d.fulfillmentRejected),
                or(env, "TOPIC_ORDERS_TRACKING", d.ordersTracking),
                or(env, "TOPIC_DEAD_LETTER", d.deadLetter),
                or(env, "TOPIC_ORDER_ID_BLOCKS", d.orderIdBlocks));
    }

    private static String or(Function<String, String> env, String variable, String fallback) {
        String value = env.apply(variable);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static Map<String, String> asMap(String... names) {
        String[] variables = {"TOPIC_ORDERS_PLACED", "TOPIC_FULFILLMENT_SCANS", "TOPIC_ORDERS_FULFILLMENT",
            "TOPIC_FULFILLMENT_REJECTED", "TOPIC_ORDERS_TRACKING", "TOPIC_DEAD_LETTER", "TOPIC_ORDER_ID_BLOCKS"};
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < variables.length; i++) {
            map.put(variables[i], names[i]);
        }
        return map;
    }
}
