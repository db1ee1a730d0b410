package com.orderpipeline.orderid.idempotency;

import com.orderpipeline.runtime.http.ProblemException;
import com.orderpipeline.schemas.avro.IdempotentOrder;
import com.orderpipeline.schemas.avro.OrderPlaced;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The memory of recent {@code Idempotency-Key}s: for each, the request's fingerprint and, once its ID is issued,
 * the order it is bound to for good. Filled by this instance's requests and by everything on
 * {@code order-ids.idempotency} (written by any instance, read back at start and followed). Bounded: keys expire
 * after a time to live, and the oldest are dropped first when the memory is full.
 */
public final class IdempotencyKeys {
    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyKeys.class);

    private final Clock clock;
    private final Duration ttl;
    private final int maxKeys;
    private final Map<String, Binding> bindings = new LinkedHashMap<>();

    public IdempotencyKeys(Clock clock, Duration ttl, int maxKeys) {
        this.clock = clock;
        this.ttl = ttl;
        this.maxKeys = maxKeys;
    }

    /**
     * The binding of {@code key}, made now if the key is new.
     *
     * @throws ProblemException 422 when the key was first used for a request with another fingerprint
     */
    public Binding claim(String key, String fingerprint) {
        Binding binding;
        synchronized (bindings) {
            evictExpired();
            binding = bindings.get(key);
            if (binding == null) {
                binding = new Binding(key, fingerprint, clock.instant());
                put(binding);
            }
        }
        if (!binding.fingerprint.equals(fingerprint)) {
            throw ProblemException.unprocessable("/problems/idempotency-key-reused",
                    "Idempotency-Key reused with a different request",
                    "The Idempotency-Key '" + key + "' was first used for a different order; use a new key for a new order");
        }
        return binding;
    }

    /** Takes in what {@code order-ids.idempotency} says of a key; records past the time to live are ignored. */
    public void learn(IdempotentOrder record) {
        Instant recordedAt = record.getRecordedAt();
        if (recordedAt.isBefore(clock.instant().minus(ttl))) {
            return;
        }
        Binding binding;
        synchronized (bindings) {
            binding = bindings.get(record.getIdempotencyKey());
            if (binding == null) {
                binding = new Binding(record.getIdempotencyKey(), record.getFingerprint(), recordedAt);
                put(binding);
            }
        }
        binding.learn(record);
    }

    /** How many keys are remembered now. */
    public int size() {
        synchronized (bindings) {
            evictExpired();
            return bindings.size();
        }
    }

    private void put(Binding binding) {
        if (bindings.size() >= maxKeys) {
            Iterator<String> oldest = bindings.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        bindings.put(binding.key, binding);
    }

    private void evictExpired() {
        Instant cutoff = clock.instant().minus(ttl);
        Iterator<Binding> values = bindings.values().iterator();
        while (values.hasNext() && values.next().createdAt.isBefore(cutoff)) {
            values.remove();
        }
    }

    /**
     * One key: the order it is bound to (none until its ID was issued), whether that order is on the topic of
     * keys and whether Kafka acknowledged its {@code OrderPlaced}. Requests with the key take turns on its lock.
     */
    public static final class Binding {
        private final String key;
        private final String fingerprint;
        private final Instant createdAt;
        private final Semaphore turn = new Semaphore(1);
        private OrderPlaced order;
        private boolean journaled;
        private boolean acknowledged;

        private Binding(String key, String fingerprint, Instant createdAt) {
            this.key = key;
            this.fingerprint = fingerprint;
            this.createdAt = createdAt;
        }

        public String key() {
            return key;
        }

        public String fingerprint() {
            return fingerprint;
        }

        /** Waits up to {@code maxWait} for the request before this one with the key to finish. */
        public boolean takeTurn(Duration maxWait) {
            try {
                return turn.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        public void endTurn() {
            turn.release();
        }

        public synchronized OrderPlaced order() {
            return order;
        }

        /** Binds the key to {@code prepared}, unless it was bound meanwhile; answers the order it is bound to. */
        public synchronized OrderPlaced bind(OrderPlaced prepared) {
            if (order == null) {
                order = prepared;
            }
            return order;
        }

        public synchronized boolean journaled() {
            return journaled;
        }

        public synchronized void markJournaled() {
            journaled = true;
        }

        public synchronized boolean acknowledged() {
            return acknowledged;
        }

        public synchronized void markAcknowledged() {
            acknowledged = true;
        }

        private synchronized void learn(IdempotentOrder record) {
            String recordedId = record.getOrder().getOrderId();
            if (order == null && fingerprint.equals(record.getFingerprint())) {
                order = record.getOrder();
            }
            if (order != null && order.getOrderId().equals(recordedId)) {
                journaled = true;
                acknowledged |= record.getAcknowledged();
            } else {
                // routing by key makes this impossible; it takes two instances receiving the key's first request at once
                LOG.warn("Idempotency-Key {} was used on two instances at once: this one holds order {}, instance {} placed {}",
                        key, order == null ? "none" : order.getOrderId(), record.getInstanceId(), recordedId);
            }
        }
    }
}
