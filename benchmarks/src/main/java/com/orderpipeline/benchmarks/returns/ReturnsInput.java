package com.orderpipeline.benchmarks.returns;

import com.orderpipeline.benchmarks.load.Timing;

/**
 * How many input records the returns load run gives each run, and its rates: all four input topics, and the
 * return requests and return scans alone (the returns' own traffic; the orders and their fulfillment are there for
 * the returns to be decided against).
 */
record ReturnsInput(long orders, long fulfillmentEvents, long requests, long scans) {

    static ReturnsInput of(int orders) {
        return new ReturnsInput(orders, (long) ReturnsLoadData.FULFILLMENT_EVENTS_PER_ORDER * orders, orders,
                (long) ReturnsLoadData.SCANS_PER_ORDER * orders);
    }

    long records() {
        return orders + fulfillmentEvents + requests + scans;
    }

    long returnsRecords() {
        return requests + scans;
    }

    void report(String what, Timing timing) {
        System.out.printf("  %-40s %6.1f s %,9.0f records/s %,8.0f returns/s   (after the first output: %5.1f s,"
                + " %,9.0f records/s %,8.0f returns/s)%n", what, timing.totalSeconds(),
                records() / timing.totalSeconds(), returnsRecords() / timing.totalSeconds(), timing.steadySeconds(),
                records() / timing.steadySeconds(), returnsRecords() / timing.steadySeconds());
    }
}
