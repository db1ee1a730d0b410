package com.orderpipeline.runtime.streams;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the JVM's default format locale {@code en_US} where it is plain English ({@code en}, no country), which is
 * what a JVM on Linux gets from {@code LANG=C.UTF-8}, as many container images set it ({@code C}, {@code POSIX} or
 * no {@code LANG} give {@code en_US} already).
 *
 * <p>Kafka Streams 4.4 builds a text with {@link String#format} for each input partition of a task that has nothing
 * buffered, every time it checks whether the task may process, whether or not the text is logged
 * ({@code PartitionGroup.readyToProcess}, since KAFKA-19682). Java 17's {@link java.util.Formatter} looks up the
 * digits of its locale afresh for each call (a new {@link java.text.DecimalFormatSymbols}) unless the locale is
 * {@code en_US}. For a task reading several topics that is a tenth of a stream thread's time, spent on text no one
 * reads. {@code en} and {@code en_US} format numbers alike; any other default locale (a country set, another
 * language) is the operator's choice and is left as it is.
 */
public final class FormatLocale {
    private static final Logger LOG = LoggerFactory.getLogger(FormatLocale.class);

    private FormatLocale() {
    }

    /**
     * Sets the default format locale to {@code en_US} if it is plain {@code en}; idempotent.
     *
     * @return whether it changed it
     */
    public static synchronized boolean preferUsEnglish() {
        Locale current = Locale.getDefault(Locale.Category.FORMAT);
        if (!current.equals(Locale.ENGLISH)) {
            return false;
        }
        Locale.setDefault(Locale.Category.FORMAT, Locale.US);
        LOG.info("The default format locale is en_US instead of en: Kafka Streams formats a text per record with it,"
                + " which en_US makes cheaper");
        return true;
    }
}
