package com.orderpipeline.notifier.topology;

import com.orderpipeline.notifier.mail.MailRenderer;

/**
 * What the topology needs besides its topics.
 *
 * @param outboxTopic where each decided mail goes for the sender
 * @param renderer    the templates and the tracking page's address
 */
public record NotifierSettings(String outboxTopic, MailRenderer renderer) {
    /** The mail IDs kept per order: far more than an order's mails, so a replay finds every one it decided. */
    public static final int MAX_DECIDED_PER_ORDER = 200;
    /** Events kept per order not yet seen; past that the oldest is dropped (and logged). */
    public static final int MAX_PARKED_PER_ORDER = 20;
}
