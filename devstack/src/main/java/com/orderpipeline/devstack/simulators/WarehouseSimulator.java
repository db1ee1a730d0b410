package com.orderpipeline.devstack.simulators;

import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.ScanType;
import com.orderpipeline.schemas.avro.WarehouseScan;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroDeserializer;
import com.orderpipeline.schemas.serde.AvroSerdeConfig;
import com.orderpipeline.schemas.serde.AvroSerializer;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated warehouse and carrier, using only what a real one has: it reads the work orders and status
 * changes on {@code orders.fulfillment} and answers each step with the next scan on {@code fulfillment.scans},
 * written with the schema fulfillment-stream registered for warehouses. Steps take a few seconds each, so an
 * order goes from placed to delivered in well under a minute. A small share of scans is faulty (a second scan
 * of a step, a parcel shipped without its tracking number, a scan from the wrong warehouse), each followed by
 * the right one, so rejections show without stalling orders.
 *
 * <p>Scan ids are derived from the order and step, so a scan sent again after a restart is recognised as a
 * re-delivery. Offsets are committed only up to the oldest event whose scan has not been sent yet, so a
 * restart resumes every order in flight.
 */
public final class WarehouseSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WarehouseSimulator.class);
    private static final String[] CARRIERS = {"UPS", "DHL", "FedEx", "USPS", "Royal Mail"};
    private static final int MAX_REMEMBERED_CANCELLATIONS = 10_000;

    private final String eventsTopic;
    private final String scansTopic;
    private final double faultShare;
    private final double speed;
    private final Clock clock;
    private final KafkaConsumer<String, FulfillmentEvent> consumer;
    private final KafkaProducer<String, WarehouseScan> producer;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1, daemon("warehouse-carrier"));
    private final Thread poller;
    private final Map<TopicPartition, ConcurrentSkipListSet<Long>> pending = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> consumed = new HashMap<>();
    /** Orders cancelled lately, whose scheduled scan is not sent: the warehouse stops work on them. */
    private final Set<String> cancelled = Collections.newSetFromMap(Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > MAX_REMEMBERED_CANCELLATIONS;
                }
            }));
    private final AtomicLong scansSent = new AtomicLong();
    private final AtomicLong faultsSent = new AtomicLong();
    private volatile boolean running = true;

    /**
     * @param faultShare share of scans sent faulty first, from 0 to 1
     * @param speed      1 for the default pace; 2 takes half the time
     */
    public WarehouseSimulator(Map<String, Object> kafka, SchemaRegistryClient registry, String eventsTopic,
                              String scansTopic, double faultShare, double speed, Clock clock) {
        this.eventsTopic = eventsTopic;
        this.scansTopic = scansTopic;
        this.faultShare = faultShare;
        this.speed = speed;
        this.clock = clock;
        Map<String, Object> consumerConfig = new HashMap<>(kafka);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "warehouse-simulator");
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new AvroDeserializer<>(FulfillmentEvent.class, registry));
        Map<String, Object> producerConfig = new HashMap<>(kafka);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, "warehouse-simulator");
        // A warehouse writes with the schema published for it; it never registers one of its own.
        this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                new AvroSerializer<>(WarehouseScan.class, registry, AvroSerdeConfig.latestRegistered(), false));
        this.poller = daemon("warehouse-orders").newThread(this::pollLoop);
        poller.start();
    }

    public long scansSent() {
        return scansSent.get();
    }

    public long faultyScansSent() {
        return faultsSent.get();
    }

    private void pollLoop() {
        consumer.subscribe(List.of(eventsTopic));
        long lastCommit = System.nanoTime();
        while (running) {
            try {
                for (ConsumerRecord<String, FulfillmentEvent> record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    consumed.put(partition, record.offset());
                    if (record.value().getStatus() == FulfillmentStatus.CANCELLED) {
                        cancelled.add(record.value().getOrderId());
                    }
                    nextStep(record.value()).ifPresent(step -> schedule(partition, record.offset(), record.value(), step));
                }
                if (System.nanoTime() - lastCommit > TimeUnit.SECONDS.toNanos(1)) {
                    commitDone();
                    lastCommit = System.nanoTime();
                }
            } catch (RecordDeserializationException e) {
                LOG.warn("Skipping an event that cannot be read at {} offset {}: {}", e.topicPartition(), e.offset(), e.getMessage());
                consumer.seek(e.topicPartition(), e.offset() + 1);
            } catch (WakeupException e) {
                break;
            } catch (RuntimeException e) {
                LOG.warn("Warehouse simulator could not read events: {}", e.toString());
            }
        }
        try {
            commitDone();
        } catch (RuntimeException e) {
            LOG.debug("Last commit of the warehouse simulator failed: {}", e.toString());
        }
        consumer.close(Duration.ofSeconds(5));
    }

    /** Commits, per partition, up to the oldest event whose scan is still to be sent. */
    private void commitDone() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        consumed.forEach((partition, last) -> {
            ConcurrentSkipListSet<Long> waiting = pending.get(partition);
            long next = waiting == null || waiting.isEmpty() ? last + 1 : waiting.first();
            offsets.put(partition, new OffsetAndMetadata(next));
        });
        if (!offsets.isEmpty()) {
            consumer.commitSync(offsets);
        }
    }

    private static Optional<ScanType> nextStep(FulfillmentEvent event) {
        if (event.getWorkOrder() == null && event.getStatus() == FulfillmentStatus.PLACED) {
            return Optional.empty();
        }
        return switch (event.getStatus()) {
            case PLACED -> Optional.of(ScanType.PICKED);
            case PICKED -> Optional.of(ScanType.PACKED);
            case PACKED -> Optional.of(ScanType.SHIPPED);
            case SHIPPED -> Optional.of(ScanType.DELIVERED);
            case DELIVERED, CANCELLED, UNKNOWN -> Optional.empty();
        };
    }

    private void schedule(TopicPartition partition, long offset, FulfillmentEvent event, ScanType step) {
        pending.computeIfAbsent(partition, p -> new ConcurrentSkipListSet<>()).add(offset);
        long delayMillis = (long) (delayFor(step).toMillis() / speed);
        scheduler.schedule(() -> {
            try {
                if (cancelled.contains(event.getOrderId())) {
                    pending.get(partition).remove(offset);
                    return;
                }
                if (ThreadLocalRandom.current().nextDouble() < faultShare) {
                    sendFault(event, step);
                }
                send(scan(event, step, event.getWarehouseId(), true, step.name()));
                pending.get(partition).remove(offset);
            } catch (RuntimeException e) {
                LOG.warn("Could not send the {} scan of {}; retrying", step, event.getOrderId(), e);
                scheduler.schedule(() -> schedule(partition, offset, event, step), 2, TimeUnit.SECONDS);
            }
        }, delayMillis, TimeUnit.MILLISECONDS);
    }

    private Duration delayFor(ScanType step) {
        return switch (step) {
            case PICKED, PACKED -> Duration.ofMillis(2_000 + ThreadLocalRandom.current().nextInt(3_000));
            case SHIPPED -> Duration.ofMillis(3_000 + ThreadLocalRandom.current().nextInt(5_000));
            case DELIVERED, UNKNOWN -> Duration.ofMillis(5_000 + ThreadLocalRandom.current().nextInt(10_000));
        };
    }

    private void sendFault(FulfillmentEvent event, ScanType step) {
        int kind = ThreadLocalRandom.current().nextInt(step == ScanType.SHIPPED ? 3 : 2);
        WarehouseScan faulty = switch (kind) {
            case 0 -> scan(event, step, event.getWarehouseId(), true, step.name() + "-double");
            case 1 -> scan(event, step, "XX-0", true, step.name() + "-misrouted");
            default -> scan(event, step, event.getWarehouseId(), false, step.name() + "-no-tracking");
        };
        // sent first, so the right scan that follows finds the order where the faulty one left it
        if (kind == 0) {
            send(scan(event, step, event.getWarehouseId(), true, step.name()));
        }
        send(faulty);
        faultsSent.incrementAndGet();
    }

    private WarehouseScan scan(FulfillmentEvent event, ScanType step, String warehouse, boolean withShipment, String scanSuffix) {
        WarehouseScan.Builder scan = WarehouseScan.newBuilder()
                .setScanId(event.getOrderId() + "/" + scanSuffix)
                .setOrderId(event.getOrderId())
                .setType(step)
                .setWarehouseId(warehouse)
                .setScannedAt(clock.instant())
                .setLocation(step == ScanType.DELIVERED ? "front door" : warehouse);
        if (step == ScanType.SHIPPED && withShipment) {
            String carrier = CARRIERS[Math.floorMod(event.getOrderId().hashCode(), CARRIERS.length)];
            scan.setCarrier(carrier).setTrackingNumber(trackingNumber(event.getOrderId()));
        }
        return scan.build();
    }

    private static String trackingNumber(String orderId) {
        return "1Z" + Integer.toUnsignedString(orderId.hashCode(), 36).toUpperCase() + orderId.substring(orderId.length() - 4);
    }

    private void send(WarehouseScan scan) {
        try {
            producer.send(new ProducerRecord<>(scansTopic, scan.getOrderId(), scan)).get(30, TimeUnit.SECONDS);
            scansSent.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending a scan", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka did not take the scan: " + e.getMessage(), e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        scheduler.shutdownNow();
        try {
            poller.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
