package com.orderpipeline.devstack.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class BenchPageTest {
    @Test
    void percentilesSitOnTheLogScaleOfNinesAndTheMaximumOneStepFurther() {
        assertThat(BenchPage.position(0)).isEqualTo(0);
        assertThat(BenchPage.position(90)).isCloseTo(1, within(1e-9));
        assertThat(BenchPage.position(99)).isCloseTo(2, within(1e-9));
        assertThat(BenchPage.position(99.9)).isCloseTo(3, within(1e-9));
        assertThat(BenchPage.position(99.999)).isEqualTo(4);
        assertThat(BenchPage.position(100)).isEqualTo(5);
    }

    @Test
    void theLatencyAxisEndsOnARoundNumberAboveTheLargest() {
        assertThat(BenchPage.niceCeiling(3.2)).isEqualTo(5);
        assertThat(BenchPage.niceCeiling(154.8)).isEqualTo(200);
        assertThat(BenchPage.niceCeiling(20)).isEqualTo(20);
        assertThat(BenchPage.niceCeiling(2100)).isEqualTo(2500);
    }

    @Test
    void aLatencyIsSummarisedInMillisecondsWithItsCurveEndingAtTheMaximum() {
        Histogram micros = new Histogram(3);
        for (int i = 1; i <= 1_000; i++) {
            micros.recordValue(i * 1_000L);
        }
        Latency latency = Latency.of(micros);
        assertThat(latency.count()).isEqualTo(1_000);
        assertThat(latency.p50()).isCloseTo(500, within(1.0));
        assertThat(latency.p99()).isCloseTo(990, within(1.0));
        assertThat(latency.max()).isCloseTo(1_000, within(1.0));
        assertThat(latency.curve().get(latency.curve().size() - 1).percentile()).isEqualTo(100);
        assertThat(latency.curve()).isSortedAccordingTo((a, b) -> Double.compare(a.millis(), b.millis()));
        assertThat(Latency.of(new Histogram(3))).isEqualTo(Latency.NONE);
    }

    @Test
    void namesAreEscapedInThePlot() {
        StringBuilder html = new StringBuilder();
        BenchPage.plot(html, "a <b> & \"c\"", List.of());
        assertThat(html.toString()).contains("a &lt;b&gt; &amp; &quot;c&quot;").doesNotContain("<b>");
    }

    @Test
    void theCeilingIsReadFromTheSummaryLineOfProducerPerformance() {
        String printed = "99946 records sent, 19985.2 records/sec (7.62 MB/sec), 12.3 ms avg latency, 250.0 ms max latency.\n"
                + "200000 records sent, 51948.051948 records/sec (19.82 MB/sec), 12.34 ms avg latency, 210.00 ms max latency,"
                + " 3 ms 50th, 40 ms 95th, 95 ms 99th, 180 ms 99.9th.\n";
        ProducerCeiling.Result result = ProducerCeiling.parse(printed);
        assertThat(result.records()).isEqualTo(200_000);
        assertThat(result.perSecond()).isCloseTo(51_948.05, within(0.01));
        assertThat(result.p50Millis()).isEqualTo(3);
        assertThat(result.p99Millis()).isEqualTo(95);
        assertThatThrownBy(() -> ProducerCeiling.parse("no summary")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no summary");
    }
}
