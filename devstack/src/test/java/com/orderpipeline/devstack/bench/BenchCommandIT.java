package com.orderpipeline.devstack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpipeline.devstack.DevStack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The bench's smoke run: {@code devstack bench} with a tiny load, seconds per round, on its own fresh stack. It
 * checks that every step still runs and that the report holds every figure, with nothing lost; it asserts no
 * timings, which belong to real runs on a quiet machine.
 */
class BenchCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aTinyBenchRunsEveryStepLosesNoOrderAndWritesBothReports(@TempDir Path reports, @TempDir Path data) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = System.out;
        int code;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            code = new CommandLine(new DevStack()).execute("bench", "--duration", "2", "--warm-up", "0",
                    "--ceiling-records", "2000", "--connections", "4", "--lookup-connections", "2", "--lifecycle-rate", "10",
                    "--report-dir", reports.toString(), "--data-dir", data.resolve("stack").toString());
        } finally {
            System.setOut(out);
        }
        String terminal = printed.toString(StandardCharsets.UTF_8);
        assertThat(code).as("exit code; printed:%n%s", terminal).isZero();
        assertThat(terminal).contains("ratio to the relay", "ratio to /health/live", "bench-report.html");

        JsonNode report = JSON.readTree(reports.resolve("bench-report.json").toFile());
        assertThat(report.path("ceiling").path("perSecond").asDouble()).isPositive();
        for (String round : new String[]{"relay", "intake", "lookups", "health"}) {
            assertThat(report.path(round).path("requests").asLong()).as(round + " requests").isPositive();
            assertThat(report.path(round).path("errors").size()).as(round + " errors").isZero();
            assertThat(report.path(round).path("latency").path("curve").size()).as(round + " curve").isPositive();
        }
        assertThat(report.path("intakeRatio").asDouble()).isPositive();
        assertThat(report.path("lookupRatio").asDouble()).isPositive();
        long placed = report.path("lifecycles").path("placed").asLong();
        assertThat(placed).as("orders placed while the whole pipeline ran").isPositive();
        assertThat(report.path("lifecycles").path("delivered").asLong()).as("every order delivered").isEqualTo(placed);
        assertThat(report.path("lifecycles").has("sustained")).isTrue();
        assertThat(report.path("placedToVisible").path("count").asLong()).isPositive();
        assertThat(report.path("resources").path("peakResidentKiB").asLong()).isPositive();

        String html = Files.readString(reports.resolve("bench-report.html"));
        assertThat(html).contains("<svg", "Placement latency", "Visible in tracking", "Lookups under load", "bare relay")
                .doesNotContain("<script", "src=", "href=");
        assertThat(data.resolve("stack")).as("the stack's data, kept when asked for").exists();
    }
}
