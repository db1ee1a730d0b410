package com.orderpipeline.devstack.bench;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * A latency distribution as the report shows it: the usual percentiles in milliseconds, and the curve of latency by
 * percentile for the plot (a point per step towards 100 %, denser near the tail, as HdrHistogram's percentile
 * distribution gives it).
 */
record Latency(long count, double p50, double p90, double p99, double p999, double max, List<Point> curve) {
    /** Latency {@code millis} at {@code percentile} (0 to 100). */
    record Point(double percentile, double millis) {
    }

    static final Latency NONE = new Latency(0, 0, 0, 0, 0, 0, List.of());

    static Latency of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return NONE;
        }
        List<Point> curve = new ArrayList<>();
        for (HistogramIterationValue value : micros.percentiles(5)) {
            double percentile = value.getPercentileLevelIteratedTo();
            if (percentile >= 99.999) {
                break;
            }
            curve.add(new Point(percentile, value.getValueIteratedTo() / 1_000.0));
        }
        curve.add(new Point(100, micros.getMaxValue() / 1_000.0));
        return new Latency(micros.getTotalCount(), ms(micros, 50), ms(micros, 90), ms(micros, 99), ms(micros, 99.9),
                micros.getMaxValue() / 1_000.0, curve);
    }

    private static double ms(Histogram micros, double percentile) {
        return micros.getValueAtPercentile(percentile) / 1_000.0;
    }
}
