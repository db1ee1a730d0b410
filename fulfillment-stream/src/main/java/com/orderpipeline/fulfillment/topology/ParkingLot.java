package com.orderpipeline.fulfillment.topology;

import com.orderpipeline.fulfillment.state.ParkedRequest;
import com.orderpipeline.fulfillment.state.ParkedScan;
import com.orderpipeline.fulfillment.state.ParkedScans;
import com.orderpipeline.schemas.avro.Cancellation;
import com.orderpipeline.schemas.avro.CancellationReason;
import com.orderpipeline.schemas.avro.CancellationRequested;
import com.orderpipeline.schemas.avro.RequestedBy;
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
 * the order to arrive or catch up, and the cancellation requests waiting for it to arrive, each with the stream
 * time it was parked at. An order has a handful of them
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
        save(scan.getOrderId(), scans, requests(scan.getOrderId()));
    }

    void park(CancellationRequested request, long streamTime) {
        List<ParkedRequest> requests = new ArrayList<>(requests(request.getOrderId()));
        requests.add(toParked(request, streamTime));
        save(request.getOrderId(), parked(request.getOrderId()), requests);
    }

    /** What waits for one order: its scans in step order and its cancellation requests as they came, in one read. */
    record Waiting(List<WarehouseScan> scans, List<CancellationRequested> requests) {
    }

    Waiting waitingFor(String orderId) {
        ParkedScans parked = store.get(orderId);
        if (parked == null) {
            return new Waiting(List.of(), List.of());
        }
        return new Waiting(parked.getScans().stream().sorted(IN_STEP_ORDER).map(ParkingLot::toScan).toList(),
                parked.getRequests().stream().map(ParkingLot::toRequest).toList());
    }

    /** The order's parked cancellation requests, in the order they came. */
    List<CancellationRequested> requestsOf(String orderId) {
        return requests(orderId).stream().map(ParkingLot::toRequest).toList();
    }

    /** The order's parked scans in step order (PICKED first), those of one type in the order they came. */
    List<WarehouseScan> scansOf(String orderId) {
        return parked(orderId).stream().sorted(IN_STEP_ORDER).map(ParkingLot::toScan).toList();
    }

    /** Takes these scans off the order's parked ones: one read and one write, however many they are. */
    void release(String orderId, Collection<String> scanIds) {
        release(orderId, scanIds, List.of());
    }

    /** Takes these scans and cancellation requests off the order's parked ones, in one read and one write. */
    void release(String orderId, Collection<String> scanIds, Collection<String> requestIds) {
        if (scanIds.isEmpty() && requestIds.isEmpty()) {
            return;
        }
        ParkedScans parked = store.get(orderId);
        if (parked == null) {
            return;
        }
        save(orderId,
                parked.getScans().stream().filter(scan -> !scanIds.contains(scan.getScanId())).toList(),
                parked.getRequests().stream().filter(request -> !requestIds.contains(request.getRequestId())).toList());
    }

    private void save(String orderId, List<ParkedScan> scans, List<ParkedRequest> requests) {
        if (scans.isEmpty() && requests.isEmpty()) {
            store.delete(orderId);
        } else {
            store.put(orderId, new ParkedScans(scans, requests));
        }
    }

    /** Per order, the scans and cancellation requests parked at or before {@code cutoff}: one pass over the store. */
    Map<String, Waiting> parkedUntil(long cutoff) {
        Map<String, Waiting> expired = new LinkedHashMap<>();
        try (KeyValueIterator<String, ParkedScans> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, ParkedScans> entry = all.next();
                List<WarehouseScan> scans = entry.value.getScans().stream()
                        .filter(scan -> scan.getParkedAt().toEpochMilli() <= cutoff)
                        .sorted(IN_STEP_ORDER)
                        .map(ParkingLot::toScan)
                        .toList();
                List<CancellationRequested> requests = entry.value.getRequests().stream()
                        .filter(request -> request.getParkedAt().toEpochMilli() <= cutoff)
                        .map(ParkingLot::toRequest)
                        .toList();
                if (!scans.isEmpty() || !requests.isEmpty()) {
                    expired.put(entry.key, new Waiting(scans, requests));
                }
            }
        }
        return expired;
    }

    private List<ParkedScan> parked(String orderId) {
        ParkedScans parked = store.get(orderId);
        return parked == null ? List.of() : parked.getScans();
    }

    private List<ParkedRequest> requests(String orderId) {
        ParkedScans parked = store.get(orderId);
        return parked == null ? List.of() : parked.getRequests();
    }

    private static ParkedRequest toParked(CancellationRequested request, long streamTime) {
        return new ParkedRequest(request.getRequestId(), request.getOrderId(), request.getCancellation().getReason().name(),
                request.getCancellation().getRequestedBy().name(), request.getNote(), request.getRequestedAt(),
                Instant.ofEpochMilli(streamTime));
    }

    private static CancellationRequested toRequest(ParkedRequest parked) {
        return new CancellationRequested(parked.getRequestId(), parked.getOrderId(), new Cancellation(
                CancellationReason.valueOf(parked.getReason()), RequestedBy.valueOf(parked.getRequestedBy())),
                parked.getNote(), parked.getRequestedAt());
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
