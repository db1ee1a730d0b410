package com.orderpipeline.notifier.sender;

import java.time.Duration;

/**
 * How the sender drains the outbox.
 *
 * @param outboxTopic     the mails the topology decided
 * @param retryTopic      the mails a server deferred (4xx), each with the time it may be tried again
 * @param deliveriesTopic what became of each mail: sent, refused, given up
 * @param groupId         the sender's consumer group and transactional id prefix
 * @param retryFirst      the wait after a mail's first deferral, doubling with each one after it
 * @param retryMax        the longest wait between two tries of a deferred mail
 * @param giveUpAfter     how long after its decision a deferred mail is given up
 */
public record SenderSettings(String outboxTopic, String retryTopic, String deliveriesTopic, String groupId,
                             Duration retryFirst, Duration retryMax, Duration giveUpAfter) {

    /** When a mail deferred {@code attempt} times may be tried again. */
    public Duration waitAfter(int attempt) {
        Duration wait = retryFirst;
        for (int i = 1; i < attempt && wait.compareTo(retryMax) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(retryMax) > 0 ? retryMax : wait;
    }
}
