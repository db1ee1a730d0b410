package com.orderpipeline.devstack.monitor;

import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.lifecycle.FulfillmentSteps;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One line of live figures, redrawn in place every second on a terminal (orders placed and their rate, orders
 * in each state, rejections, returns authorized, refunds issued, dead letters); on anything else, such as a log file or CI, a plain line every 15
 * seconds. A longer task, such as restoring state, shows as a progress bar on the same line.
 */
public final class StatusLine implements AutoCloseable {
    private static final int RATE_WINDOW_SECONDS = 10;

    private final PrintStream out;
    private final boolean terminal;
    private final Supplier<PipelineMonitor.Snapshot> figures;
    private final Supplier<Progress> progress;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "devstack-status");
        thread.setDaemon(true);
        return thread;
    });
    private final Deque<Long> placedHistory = new ArrayDeque<>();
    private int ticks;

    /** A long task in progress: {@code done} of {@code total} units, or none. */
    public record Progress(String task, long done, long total) {
        public static final Progress NONE = new Progress("", 0, 0);
    }

    public StatusLine(PrintStream out, boolean terminal, Supplier<PipelineMonitor.Snapshot> figures, Supplier<Progress> progress) {
        this.out = out;
        this.terminal = terminal;
        this.figures = figures;
        this.progress = progress;
        ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    private synchronized void tick() {
        ticks++;
        PipelineMonitor.Snapshot snapshot = figures.get();
        placedHistory.addLast(snapshot.placed());
        if (placedHistory.size() > RATE_WINDOW_SECONDS + 1) {
            placedHistory.removeFirst();
        }
        String line = render(snapshot, progress.get());
        if (terminal) {
            out.print("\r" + line + "\u001b[K");
            out.flush();
        } else if (ticks % 15 == 0) {
            out.println(line);
        }
    }

    String render(PipelineMonitor.Snapshot snapshot, Progress task) {
        if (task.total() > 0 && task.done() < task.total()) {
            return bar(task);
        }
        double rate = placedHistory.size() < 2 ? 0
                : (placedHistory.peekLast() - placedHistory.peekFirst()) / (double) (placedHistory.size() - 1);
        StringBuilder line = new StringBuilder(String.format("orders %,d (%.1f/s) |", snapshot.placed(), rate));
        for (FulfillmentStatus status : FulfillmentSteps.KNOWN) {
            line.append(' ').append(status.name().toLowerCase()).append(' ').append(String.format("%,d", snapshot.byStatus().get(status)));
        }
        line.append(String.format(" | rejected %,d | returns %,d | refunds %,d | dead letters %,d", snapshot.rejected(),
                snapshot.returns(), snapshot.refunds(), snapshot.deadLetters()));
        return line.toString();
    }

    private static String bar(Progress task) {
        int width = 30;
        int filled = (int) (width * task.done() / task.total());
        return String.format("%s [%s%s] %d%% (%,d of %,d)", task.task(), "#".repeat(filled), ".".repeat(width - filled),
                100 * task.done() / task.total(), task.done(), task.total());
    }

    @Override
    public synchronized void close() {
        ticker.shutdownNow();
        if (terminal) {
            out.println();
        }
    }
}
