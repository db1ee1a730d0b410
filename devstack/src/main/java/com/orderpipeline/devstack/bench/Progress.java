package com.orderpipeline.devstack.bench;

import java.io.PrintStream;
import java.util.concurrent.atomic.LongAdder;

/**
 * The bench's progress: on a terminal one bar, redrawn in place, of the running step's time and its rate so far;
 * elsewhere (CI, a pipe) one line when each step starts and ends.
 */
final class Progress {
    private static final int BAR = 30;

    private final PrintStream out;
    private final boolean terminal;
    private Thread drawing;

    Progress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** A step without a rate to show, e.g. starting the services. */
    void note(String what) {
        out.println(what);
    }

    /** Shows {@code step} for {@code seconds}, with the rate of {@code done}; ended by {@link #end}. */
    synchronized void start(String step, double seconds, LongAdder done) {
        long started = System.nanoTime();
        if (!terminal) {
            out.println(step + " (" + Math.round(seconds) + " s) ...");
            return;
        }
        drawing = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                double elapsed = (System.nanoTime() - started) / 1e9;
                int filled = (int) Math.min(BAR, Math.round(BAR * elapsed / Math.max(seconds, 0.001)));
                out.print(String.format("\r  %-28s [%s%s] %3.0f/%.0f s  %,9.0f/s ", step, "#".repeat(filled),
                        ".".repeat(BAR - filled), Math.min(elapsed, seconds), seconds, done.sum() / Math.max(elapsed, 0.001)));
                out.flush();
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-progress");
        drawing.setDaemon(true);
        drawing.start();
    }

    synchronized void end(String result) {
        if (drawing != null) {
            drawing.interrupt();
            try {
                drawing.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            drawing = null;
            out.print("\r" + " ".repeat(80 + BAR) + "\r");
        }
        out.println("  " + result);
    }
}
