package com.orderpipeline.schemas.topics;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The names of the pipeline's topics: the defaults of SPEC.md, each replaceable by an environment variable
 * ({@link Name#variable()}, e.g. {@code TOPIC_ORDERS_PLACED}). Immutable; {@link #with} gives a changed copy.
 */
public final class TopicNames {

    /** Each topic of the pipeline, with its variable and its default name. */
    public enum Name {
        ORDERS_PLACED("orders.placed"),
        FULFILLMENT_SCANS("fulfillment.scans"),
        ORDERS_FULFILLMENT("orders.fulfillment"),
        FULFILLMENT_REJECTED("fulfillment.rejected"),
        ORDERS_TRACKING("orders.tracking"),
        DEAD_LETTER("pipeline.dead-letter"),
        ORDER_ID_BLOCKS("order-ids.blocks"),
        ORDER_ID_IDEMPOTENCY("order-ids.idempotency"),
        ORDERS_REQUESTS("orders.requests"),
        ORDERS_REQUESTS_REJECTED("orders.requests.rejected"),
        RETURNS_REQUESTS("returns.requests"),
        RETURNS_SCANS("returns.scans"),
        RETURNS_REJECTED("returns.rejected"),
        ORDERS_RETURNS("orders.returns"),
        PAYMENTS_REFUNDS("payments.refunds"),
        CARRIER_EVENTS("carrier.events");

        private final String defaultName;

        Name(String defaultName) {
            this.defaultName = defaultName;
        }

        public String defaultName() {
            return defaultName;
        }

        /** The environment variable that replaces the default, e.g. {@code TOPIC_ORDERS_PLACED}. */
        public String variable() {
            return "TOPIC_" + name();
        }
    }

    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private final Map<Name, String> names;

    private TopicNames(Map<Name, String> names) {
        for (Name name : Name.values()) {
            String value = names.get(name);
            if (value == null || !LEGAL.matcher(value).matches() || value.equals(".") || value.equals("..")) {
                throw new IllegalArgumentException(name.variable() + " is '" + value
                        + "', not a legal Kafka topic name (1-249 of a-z, A-Z, 0-9, '.', '_', '-')");
            }
        }
        this.names = Collections.unmodifiableMap(new EnumMap<>(names));
    }

    public static TopicNames defaults() {
        return fromEnv(variable -> null);
    }

    /** Reads each name from its variable, falling back to the default. */
    public static TopicNames fromEnv(Function<String, String> env) {
        Map<Name, String> names = new EnumMap<>(Name.class);
        for (Name name : Name.values()) {
            String value = env.apply(name.variable());
            names.put(name, value == null || value.isBlank() ? name.defaultName() : value.trim());
        }
        return new TopicNames(names);
    }

    /** Every default name followed by {@code .suffix}: topics of their own for one test or one run. */
    public static TopicNames suffixed(String suffix) {
        Map<Name, String> names = new EnumMap<>(Name.class);
        for (Name name : Name.values()) {
            names.put(name, name.defaultName() + "." + suffix);
        }
        return new TopicNames(names);
    }

    /** A copy with one topic renamed. */
    public TopicNames with(Name name, String topic) {
        Map<Name, String> changed = new EnumMap<>(names);
        changed.put(name, topic);
        return new TopicNames(changed);
    }

    public String get(Name name) {
        return names.get(name);
    }

    public String ordersPlaced() {
        return get(Name.ORDERS_PLACED);
    }

    public String fulfillmentScans() {
        return get(Name.FULFILLMENT_SCANS);
    }

    public String ordersFulfillment() {
        return get(Name.ORDERS_FULFILLMENT);
    }

    public String fulfillmentRejected() {
        return get(Name.FULFILLMENT_REJECTED);
    }

    public String ordersTracking() {
        return get(Name.ORDERS_TRACKING);
    }

    public String deadLetter() {
        return get(Name.DEAD_LETTER);
    }

    public String orderIdBlocks() {
        return get(Name.ORDER_ID_BLOCKS);
    }

    public String orderIdIdempotency() {
        return get(Name.ORDER_ID_IDEMPOTENCY);
    }

    public String ordersRequests() {
        return get(Name.ORDERS_REQUESTS);
    }

    public String ordersRequestsRejected() {
        return get(Name.ORDERS_REQUESTS_REJECTED);
    }

    public String returnsRequests() {
        return get(Name.RETURNS_REQUESTS);
    }

    public String returnsScans() {
        return get(Name.RETURNS_SCANS);
    }

    public String returnsRejected() {
        return get(Name.RETURNS_REJECTED);
    }

    public String ordersReturns() {
        return get(Name.ORDERS_RETURNS);
    }

    public String paymentsRefunds() {
        return get(Name.PAYMENTS_REFUNDS);
    }

    public String carrierEvents() {
        return get(Name.CARRIER_EVENTS);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TopicNames that && names.equals(that.names);
    }

    @Override
    public int hashCode() {
        return names.hashCode();
    }

    @Override
    public String toString() {
        return "TopicNames" + names;
    }
}
