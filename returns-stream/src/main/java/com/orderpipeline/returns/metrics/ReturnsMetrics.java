package com.orderpipeline.returns.metrics;

import com.orderpipeline.returns.topology.ReturnsListener;
import com.orderpipeline.runtime.streams.DeadLetterCounter;
import com.orderpipeline.schemas.avro.DeclineReason;
import com.orderpipeline.schemas.avro.RefundIssued;
import com.orderpipeline.schemas.avro.ReturnEvent;
import com.orderpipeline.schemas.avro.ReturnScanRejected;
import com.orderpipeline.schemas.avro.ReturnScanRejectionReason;
import com.orderpipeline.schemas.avro.ReturnStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * The returns processor's own counters on {@code /metrics}, beside the Kafka Streams metrics:
 * {@code returns_events_total{status}}, {@code returns_declined_total{reason}},
 * {@code returns_scans_rejected_total{reason}}, {@code returns_refunds_total} and
 * {@code returns_dead_letters_total{cause}}. Every series exists from the start, at zero. They count processing:
 * a record processed again after a crash counts again, while the topics hold its output once.
 */
public final class ReturnsMetrics implements ReturnsListener, DeadLetterCounter {
    private final Map<ReturnStatus, Counter> events = new EnumMap<>(ReturnStatus.class);
    private final Map<DeclineReason, Counter> declined = new EnumMap<>(DeclineReason.class);
    private final Map<ReturnScanRejectionReason, Counter> rejections = new EnumMap<>(ReturnScanRejectionReason.class);
    private final Map<Cause, Counter> deadLetters = new EnumMap<>(Cause.class);
    private final Counter refunds;

    public ReturnsMetrics(MeterRegistry registry) {
        for (ReturnStatus status : ReturnStatus.values()) {
            events.put(status, Counter.builder("returns.events").tag("status", status.name())
                    .description("Return events emitted to orders.returns").register(registry));
        }
        for (DeclineReason reason : DeclineReason.values()) {
            declined.put(reason, Counter.builder("returns.declined").tag("reason", reason.name())
                    .description("Return requests declined").register(registry));
        }
        for (ReturnScanRejectionReason reason : ReturnScanRejectionReason.values()) {
            rejections.put(reason, Counter.builder("returns.scans.rejected").tag("reason", reason.name())
                    .description("Return scans rejected to returns.rejected").register(registry));
        }
        for (Cause cause : Cause.values()) {
            deadLetters.put(cause, Counter.builder("returns.dead.letters").tag("cause", cause.name())
                    .description("Records sent to the dead-letter topic").register(registry));
        }
        refunds = Counter.builder("returns.refunds").description("Refunds issued to payments.refunds").register(registry);
    }

    @Override
    public void emitted(ReturnEvent event) {
        events.get(event.getStatus()).increment();
        if (event.getDeclineReason() != null) {
            declined.get(event.getDeclineReason()).increment();
        }
    }

    @Override
    public void refunded(RefundIssued refund) {
        refunds.increment();
    }

    @Override
    public void rejected(ReturnScanRejected rejection) {
        rejections.get(rejection.getReason()).increment();
    }

    @Override
    public void deadLettered(Cause cause) {
        deadLetters.get(cause).increment();
    }
}
