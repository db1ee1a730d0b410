package com.orderpipeline.notifier.smtp;

/**
 * What the SMTP server made of one mail.
 *
 * <ul>
 *   <li>{@link Outcome#SENT}: accepted.</li>
 *   <li>{@link Outcome#REFUSED}: a permanent 5xx for this mail (its recipient or its content): sending it again
 *       would change nothing.</li>
 *   <li>{@link Outcome#DEFERRED}: a temporary 4xx for this mail (a full mailbox, greylisting): try it again later
 *       without holding up the others.</li>
 * </ul>
 * A server that cannot be reached or refuses every mail (421, a failed login) is not a result but a
 * {@link SmtpUnavailableException}: nothing can be sent until it is back.
 */
public record SendResult(Outcome outcome, String reply) {
    public enum Outcome { SENT, REFUSED, DEFERRED }

    public static SendResult sent() {
        return new SendResult(Outcome.SENT, null);
    }
}
