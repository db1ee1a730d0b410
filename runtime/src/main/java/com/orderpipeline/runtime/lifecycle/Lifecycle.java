package com.orderpipeline.runtime.lifecycle;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The start and stop of a service process, the same for every service. */
public final class Lifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);

    private Lifecycle() {
    }

    /**
     * The body of a service's {@code main}: starts it, exits with status 1 and the reason when it cannot start
     * (a setting that is wrong, Kafka out of reach), and closes it on SIGTERM or Ctrl-C.
     */
    public static void runUntilStopped(String service, Supplier<? extends AutoCloseable> starter) {
        AutoCloseable running;
        try {
            running = starter.get();
        } catch (RuntimeException e) {
            LOG.error("{} could not start: {}", service, e.getMessage(), e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(running), service + "-shutdown"));
    }

    /**
     * Starts a service's parts on its new instance and answers it; if a part fails to start, closes the parts
     * that did start before the failure is thrown, so a failed start leaves no thread or port behind.
     */
    public static <T extends AutoCloseable> T startOrClose(T service, Consumer<T> startParts) {
        try {
            startParts.accept(service);
            return service;
        } catch (RuntimeException e) {
            closeQuietly(service);
            throw e;
        }
    }

    /** Closes one part of a service, logging a failure instead of throwing it, so the other parts still close. */
    public static <T extends AutoCloseable> T closeQuietly(T part) {
        if (part != null) {
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("Error while stopping {}", part.getClass().getSimpleName(), e);
            }
        }
        return null;
    }
}
