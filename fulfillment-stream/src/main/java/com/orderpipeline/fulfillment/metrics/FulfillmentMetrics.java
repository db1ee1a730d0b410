package com.orderpipeline.fulfillment.metrics;

import com.orderpipeline.runtime.streams.DeadLetterCounter;
import com.orderpipeline.fulfillment.topology.FulfillmentListener;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.RejectionReason;
import com.orderpipeline.schemas.avro.ScanRejected;
import com.orderpipeline.schemas.avro.WarehouseScan;
import com.orderpipeline.schemas.lifecycle.FulfillmentSteps;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * The state machine's own counters on {@code /metrics}, beside the Kafka Streams metrics:
 * {@code fulfillment_events_total{status}}, {@code fulfillment_rejections_total{reason}},
 * {@code fulfillment_scans_parked_total} and {@code fulfillment_dead_letters_total{cause}}. Every series exists
 * from the start, at zero. They count processing: a record processed again after a crash counts again, while
 * the topics hold its output once.
 */
public final class FulfillmentMetrics implements FulfillmentListener, DeadLetterCounter {
    private final Map<FulfillmentStatus, Counter> events = new EnumMap<>(FulfillmentStatus.class);
    private final Map<RejectionReason, Counter> rejections = new EnumMap<>(RejectionReason.class);
    private final Map<Cause, Counter> deadLetters = new EnumMap<>(Cause.class);
    private final Counter parked;

    public FulfillmentMetrics(MeterRegistry registry) {
        for (FulfillmentStatus status : FulfillmentSteps.KNOWN) {
            events.put(status, Counter.builder("fulfillment.events").tag("status", status.name())
                    .description("Fulfillment events emitted to orders.fulfillment").register(registry));
        }
        for (RejectionReason reason : RejectionReason.values()) {
            rejections.put(reason, Counter.builder("fulfillment.rejections").tag("reason", reason.name())
                    .description("Scans rejected to fulfillment.rejected").register(registry));
        }
        for (Cause cause : Cause.values()) {
            deadLetters.put(cause, Counter.builder("fulfillment.dead.letters").tag("cause", cause.name())
                    .description("Records sent to the dead-letter topic").register(registry));
        }
        parked = Counter.builder("fulfillment.scans.parked")
                .description("Scans parked until their order arrives or catches up").register(registry);
    }

    @Override
    public void emitted(FulfillmentEvent event) {
        events.get(event.getStatus()).increment();
    }

    @Override
    public void rejected(ScanRejected rejection) {
        rejections.get(rejection.getReason()).increment();
    }

    @Override
    public void parked(WarehouseScan scan) {
        parked.increment();
    }

    @Override
    public void deadLettered(Cause cause) {
        deadLetters.get(cause).increment();
    }
}
