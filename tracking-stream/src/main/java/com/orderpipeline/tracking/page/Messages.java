package com.orderpipeline.tracking.page;

import com.orderpipeline.schemas.ids.InvalidOrderIdException;

/**
 * What a person is told when what they typed is not an order ID, in their terms rather than the parser's; the
 * support desk tells its agents the same.
 */
public final class Messages {
    private Messages() {
    }

    public static String invalidId(InvalidOrderIdException e) {
        return switch (e.reason()) {
            case CHECK_DIGIT_MISMATCH -> "That order ID has a typo: its last digit, the check digit, does not match"
                    + " the others, so one digit is probably mistyped or two are swapped. Please compare it with your"
                    + " order confirmation.";
            case EMPTY -> "Please enter your order ID.";
            case UNKNOWN_PREFIX -> "That is not one of our order IDs: " + e.getMessage();
            default -> "That does not look like an order ID: " + e.getMessage();
        };
    }

    static String unknownOrder(String orderId) {
        return "We cannot find order " + orderId + ". If you placed it a moment ago, it shows up here within"
                + " seconds: please refresh. Otherwise, check the ID in your order confirmation.";
    }

    static String unavailable() {
        return "Tracking is catching up right now. Please try again in a few seconds.";
    }
}
