package com.orderpipeline.devstack.bench;

import java.util.List;
import java.util.Locale;

/**
 * {@code bench-report.html}: the figures of a run beside their baselines and ratios, what each one means, and the
 * latency percentile plots as inline SVG (x: percentile on the usual log scale towards 100 %; y: milliseconds). One
 * self-contained page, no script, nothing fetched.
 */
final class BenchPage {
    private static final String[] COLOURS = {"#1f6fb2", "#c2561a", "#2e8b57"};
    private static final int WIDTH = 640;
    private static final int HEIGHT = 300;
    private static final int LEFT = 60;
    private static final int BOTTOM = 40;
    private static final int TOP = 30;
    private static final int RIGHT = 20;
    /** The x axis runs to the 99.99th percentile (4 nines); the maximum is drawn one step further. */
    private static final double NINES = 4;

    record Series(String name, Latency latency) {
    }

    private BenchPage() {
    }

    static String render(BenchReport r) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Order pipeline bench ").append(esc(r.startedAt())).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}")
                .append("table{border-collapse:collapse;margin:1rem 0}td,th{padding:.3rem .8rem;border-bottom:1px solid #ddd;")
                .append("text-align:right}td:first-child,th:first-child{text-align:left}.good{color:#2e7d32}.short{color:#b71c1c}")
                .append("svg{max-width:100%;height:auto}figure{margin:1.5rem 0}small{color:#555}</style></head><body>\n");
        html.append("<h1>Order pipeline bench</h1>\n<p>Run of ").append(esc(r.startedAt())).append(" on ")
                .append(r.machine().cores()).append(" cores, ").append(esc(r.machine().os())).append(", ")
                .append(esc(r.machine().java())).append(", heap at most ").append(r.machine().maxHeapMiB())
                .append(" MiB. Everything ran in one JVM on this machine: an embedded Kafka broker and schema registry, ")
                .append("order-id-service, fulfillment-stream and tracking-stream, a warehouse and carrier that scan as ")
                .append("fast as they can, and the load generator. Every ratio compares two figures of this same run.</p>\n")
                .append("<p>The order API is measured alone first, beside the bare relay (its orders go to a topic of ")
                .append("their own). Then the whole pipeline runs with orders at a steady rate: first alone, for the ")
                .append("lifecycles and how soon the tracking view shows a change; then, with the orders still coming, ")
                .append("lookups and <code>/health/live</code> of the same server take turns.</p>\n");
        html.append("<p><small>").append(r.settings().connections()).append(" connections placing orders")
                .append(r.settings().rate() > 0 ? String.format(Locale.ROOT, " at %.0f orders/s", r.settings().rate())
                        : " as fast as the API answers")
                .append(r.settings().idempotencyKeys() ? ", each with an Idempotency-Key of its own" : ", without Idempotency-Keys")
                .append(String.format(Locale.ROOT, "; the whole pipeline with orders at %.0f/s and ",
                        r.settings().lifecycleRate()))
                .append(r.settings().lookupConnections()).append(" connections for lookups; ")
                .append(r.settings().durationSeconds()).append(" s measured per round after ")
                .append(r.settings().warmUpSeconds()).append(" s of warm-up, ").append(r.settings().partitions())
                .append(" partitions per topic.</small></p>\n");

        html.append("<h2>Figures</h2>\n<table><tr><th>What</th><th>Project</th><th>Baseline (same run)</th>")
                .append("<th>Ratio</th><th>Target</th></tr>\n");
        row(html, "Orders placed per second (<code>POST /orders</code>)", perSecond(r.intake()),
                "bare relay " + perSecond(r.relay()), r.intakeRatio(), 0.8);
        row(html, String.format(Locale.ROOT, "Lookups per second (<code>GET /orders/{id}</code>) under orders at %.0f/s",
                r.settings().lifecycleRate()), perSecond(r.lookups()),
                "<code>/health/live</code> " + perSecond(r.health()), r.lookupRatio(), 0.8);
        html.append(String.format(Locale.ROOT, "<tr><td>Kafka ProducerPerformance (%d B records, acks=all)</td><td></td>"
                        + "<td>%,.0f records/s, p99 %d ms</td><td>relay %.2f of it</td><td></td></tr>%n",
                r.ceiling().recordBytes(), r.ceiling().perSecond(), r.ceiling().p99Millis(),
                r.relay().perSecond() / Math.max(1, r.ceiling().perSecond())));
        html.append(String.format(Locale.ROOT, "<tr><td>Lifecycles completed per second (placed to DELIVERED)</td>"
                        + "<td>%,.0f/s</td><td>%d of %d orders delivered, the last %.1f s after the last was placed</td>"
                        + "<td class=\"%s\">%s</td><td>all</td></tr>%n", r.lifecycles().perSecond(), r.lifecycles().delivered(),
                r.lifecycles().placed(), r.lifecycles().drainSeconds(), r.lifecycles().sustained() ? "good" : "short",
                String.format(Locale.ROOT, "%.0f/s %s", r.settings().lifecycleRate(),
                        r.lifecycles().sustained() ? "sustained" : "not sustained")));
        html.append("</table>\n");

        html.append("<h2>Latency</h2>\n<table><tr><th>What</th><th>p50</th><th>p90</th><th>p99</th><th>p99.9</th>")
                .append("<th>max</th><th>samples</th></tr>\n");
        latencyRow(html, "Placement (<code>POST /orders</code> to its 201)", r.intake().latency());
        latencyRow(html, "Bare relay (request to its 201)", r.relay().latency());
        latencyRow(html, String.format(Locale.ROOT, "Placed to visible in tracking (at %,.0f orders/s)",
                r.visibilityRatePerSecond()), r.placedToVisible());
        latencyRow(html, "Scan to visible in tracking", r.scanToVisible());
        latencyRow(html, "Lookup (<code>GET /orders/{id}</code>)", r.lookups().latency());
        latencyRow(html, "<code>GET /health/live</code>", r.health().latency());
        html.append("</table>\n<p><small>Placed to visible: from the order's <code>placedAt</code> to its first ")
                .append("appearance on <code>orders.tracking</code> for a read_committed reader; scan to visible: from ")
                .append("a scan's time to the view showing its step. Target p99 under 300 ms.</small></p>\n");

        plot(html, "Placement latency", List.of(new Series("POST /orders", r.intake().latency()),
                new Series("bare relay", r.relay().latency())));
        plot(html, "Visible in tracking", List.of(new Series("placed to visible", r.placedToVisible()),
                new Series("scan to visible", r.scanToVisible())));
        plot(html, "Lookups under load", List.of(new Series("GET /orders/{id}", r.lookups().latency()),
                new Series("GET /health/live", r.health().latency())));

        html.append("<h2>Errors and resources</h2>\n<table><tr><th>Round</th><th>Requests</th><th>Errors</th>")
                .append("<th>CPU (cores)</th></tr>\n");
        for (BenchReport.Phase phase : List.of(r.relay(), r.intake(), r.lookups(), r.health())) {
            html.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%,d</td><td>%s</td><td>%.2f</td></tr>%n",
                    esc(phase.name()), phase.requests(), phase.errorCount() == 0 ? "0" : esc(phase.errors().toString()),
                    phase.cpuCores()));
        }
        html.append("</table>\n<p>Peak resident memory (VmHWM) ")
                .append(String.format(Locale.ROOT, "%,d KiB", r.resources().peakResidentKiB()))
                .append(", peak heap used ").append(r.resources().peakHeapMiB()).append(" MiB.</p>\n");
        html.append("<p><small>The same figures are in <code>bench-report.json</code>. docs/performance.md says how ")
                .append("to run this and what each figure means.</small></p>\n</body></html>\n");
        return html.toString();
    }

    private static String perSecond(BenchReport.Phase phase) {
        return String.format(Locale.ROOT, "%,.0f/s", phase.perSecond());
    }

    private static void row(StringBuilder html, String what, String project, String baseline, double ratio, double target) {
        html.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%s</td><td class=\"%s\">%.2f</td>"
                + "<td>&ge; %.1f</td></tr>%n", what, project, baseline, ratio >= target ? "good" : "short", ratio, target));
    }

    private static void latencyRow(StringBuilder html, String what, Latency l) {
        html.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.1f ms</td><td>%.1f ms</td><td>%.1f ms</td>"
                + "<td>%.1f ms</td><td>%.1f ms</td><td>%,d</td></tr>%n", what, l.p50(), l.p90(), l.p99(), l.p999(),
                l.max(), l.count()));
    }

    /** A percentile plot of the series, as an SVG element. */
    static void plot(StringBuilder html, String title, List<Series> series) {
        double top = series.stream().mapToDouble(s -> s.latency().max()).max().orElse(1);
        double yMax = niceCeiling(Math.max(top, 1));
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        html.append("<figure><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" role=\"img\" aria-label=\"").append(esc(title)).append("\">")
                .append("<text x=\"").append(LEFT).append("\" y=\"18\" font-size=\"14\" font-weight=\"bold\">")
                .append(esc(title)).append("</text>");
        for (int i = 0; i <= 4; i++) {
            double value = yMax * i / 4;
            double y = TOP + plotHeight - plotHeight * i / 4.0;
            html.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s ms</text>", LEFT, y, WIDTH - RIGHT,
                    y, LEFT - 6, y + 4, trim(value)));
        }
        String[] labels = {"0%", "90%", "99%", "99.9%", "99.99%", "max"};
        for (int i = 0; i < labels.length; i++) {
            double x = LEFT + plotWidth * i / (NINES + 1);
            html.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>", x, TOP, x,
                    TOP + plotHeight, x, HEIGHT - BOTTOM + 16, labels[i]));
        }
        html.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">"
                + "percentile</text>", LEFT + plotWidth / 2, HEIGHT - 6));
        for (int s = 0; s < series.size(); s++) {
            Latency latency = series.get(s).latency();
            String colour = COLOURS[s % COLOURS.length];
            StringBuilder points = new StringBuilder();
            for (Latency.Point point : latency.curve()) {
                double x = LEFT + plotWidth * position(point.percentile()) / (NINES + 1);
                double y = TOP + plotHeight - plotHeight * Math.min(point.millis(), yMax) / yMax;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            html.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\" points=\"")
                    .append(points.toString().trim()).append("\"/>");
            html.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"3\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\" font-size=\"12\">%s (p99 %s ms)</text>", LEFT + 10, TOP + 8 + 16 * s, colour,
                    LEFT + 28, TOP + 13 + 16 * s, esc(series.get(s).name()), trim(latency.p99())));
        }
        html.append("</svg></figure>\n");
    }

    /** Where a percentile sits on the x axis: 0 at 0 %, 1 at 90 %, 2 at 99 %, ...; the maximum one step past 99.99 %. */
    static double position(double percentile) {
        if (percentile >= 100) {
            return NINES + 1;
        }
        return Math.min(NINES, Math.log10(100 / (100 - percentile)));
    }

    static double niceCeiling(double value) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[]{1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String trim(double value) {
        return value >= 10 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
