package com.orderpipeline.fulfillment.topology;

import com.orderpipeline.fulfillment.state.ParkedScan;
import com.orderpipeline.fulfillment.state.ParkedScans;
import com.orderpipeline.schemas.avro.ScanType;
import com.orderpipeline.schemas.avro.WarehouseScan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The {@value FulfillmentTopology#PARKED_SCANS_STORE} store seen as what it is: per order, the scans waiting for
 * the order to arrive or catch up, each with the stream time it was parked at. An order has a handful of them
 * at most, so they are kept as one list per order and read by a single lookup.
 */
final class ParkingLot {
    private static final Comparator<ParkedScan> IN_STEP_ORDER =
            Comparator.comparing((ParkedScan scan) -> ScanType.valueOf(scan.getType()));

    private final KeyValueStore<String, ParkedScans> store;

    ParkingLot(KeyValueStore<String, ParkedScans> store) {
        this.store = store;
    }

    void park(WarehouseScan scan, long streamTime) {
        List<ParkedScan> scans = new ArrayList<>(parked(scan.getOrderId()));
        scans.add(toParked(scan, streamTime));
        store.put(scan.getOrderId(), new ParkedScans(scans));
    }

    /** The order's parked scans in step order (PICKED first), those of one type in the order they came. */
    List<WarehouseScan> scansOf(String orderId) {
        return parked(orderId).stream().sorted(IN_STEP_ORDER).map(ParkingLot::toScan).toList();
    }

    /** Takes these scans off the order's parked ones: one read and one write, however many they are. */
    void release(String orderId, Collection<String> scanIds) {
        if (scanIds.isEmpty()) {
            return;
        }
        List<ParkedScan> remaining = parked(orderId).stream()
                .filter(scan -> !scanIds.contains(scan.getScanId()))
                .toList();
        if (remaining.isEmpty()) {
            store.delete(orderId);
        } else {
            store.put(orderId, new ParkedScans(remaining));
        }
    }

    /** Per order, in step order, the scans parked at or before {@code cutoff}. */
    Map<String, List<WarehouseScan>> parkedUntil(long cutoff) {
        Map<String, List<WarehouseScan>> expired = new LinkedHashMap<>();
        try (KeyValueIterator<String, ParkedScans> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, ParkedScans> entry = all.next();
                List<WarehouseScan> scans = entry.value.getScans().stream()
                        .filter(scan -> scan.getParkedAt().toEpochMilli() <= cutoff)
                        .sorted(IN_STEP_ORDER)
                        .map(ParkingLot::toScan)
                        .toList();
                if (!scans.isEmpty()) {
                    expired.put(entry.key, scans);
                }
            }
        }
        return expired;
    }

    private List<ParkedScan> parked(String orderId) {
        ParkedScans parked = store.get(orderId);
        return parked == null ? List.of() : parked.getScans();
    }

    private static ParkedScan toParked(WarehouseScan scan, long streamTime) {
        return new ParkedScan(scan.getScanId(), scan.getOrderId(), scan.getType().name(), scan.getWarehouseId(),
                scan.getScannedAt(), scan.getCarrier(), scan.getTrackingNumber(), scan.getLocation(),
                Instant.ofEpochMilli(streamTime));
    }

    private static WarehouseScan toScan(ParkedScan parked) {
        return new WarehouseScan(parked.getScanId(), parked.getOrderId(), ScanType.valueOf(parked.getType()),
                parked.getWarehouseId(), parked.getScannedAt(), parked.getCarrier(), parked.getTrackingNumber(),
                parked.getLocation());
    }
}
