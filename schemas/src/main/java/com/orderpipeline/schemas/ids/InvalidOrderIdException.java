package com.orderpipeline.schemas.ids;

import java.util.Objects;

/**
 * An order ID that was refused, with the {@link Reason} a caller can branch on and a message meant for the
 * person who typed or pasted the ID.
 */
public final class InvalidOrderIdException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Why an order ID was refused, in the order the checks run. */
    public enum Reason {
        /** Nothing but white space was given. */
        EMPTY,
        /** A character that has no place in an order ID, or a letter where a digit belongs. */
        BAD_CHARACTER,
        /** Not 17 letters and digits once hyphens are left out. */
        WRONG_LENGTH,
        /** A hyphen that does not separate the groups of {@code PPP-NNNNNNN-NNNNNNN}. */
        MISPLACED_HYPHEN,
        /** A prefix that is neither a configured marketplace nor {@code D01}. */
        UNKNOWN_PREFIX,
        /** The digits do not add up to their Damm check digit: a typo, or an ID that was never issued. */
        CHECK_DIGIT_MISMATCH
    }

    private final Reason reason;

    public InvalidOrderIdException(Reason reason, String message) {
        // No stack trace: this is a verdict on user input, thrown on a hot path that anyone can reach with
        // garbage, not a bug to debug.
        super(message, null);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
