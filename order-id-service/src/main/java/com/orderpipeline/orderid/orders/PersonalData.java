package com.orderpipeline.orderid.orders;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules for the personal data an order may carry: a contact e-mail address a mail server can use, and a
 * payment label a person recognises that never holds a card number; nor does the free text of a later request.
 */
public final class PersonalData {
    static final int MAX_EMAIL = 254;
    static final int MAX_LABEL = 60;
    /** Twelve or more digits in a row, single spaces or hyphens between them allowed: how card numbers are written. */
    private static final Pattern CARD_NUMBER = Pattern.compile("\\d(?:[ -]?\\d){11,}");
    /** An order ID in its canonical form (a return ID starts with one): 17 digits, yet no card number. */
    private static final Pattern ORDER_ID = Pattern.compile("(?<![0-9A-Za-z-])[0-9A-Za-z]{3}-\\d{7}-\\d{7}(?!\\d)");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

    private PersonalData() {
    }

    /** Why {@code email} is no address mail can go to; empty when it is one. */
    static Optional<String> emailProblem(String email) {
        if (!EMAIL.matcher(email).matches()) {
            return Optional.of("must be an e-mail address such as ada@example.com");
        }
        return Optional.empty();
    }

    /** Why {@code label} may not be stored; empty when it may. */
    static Optional<String> labelProblem(String label) {
        return cardNumberProblem(label, "describe the payment as a person would recognise it, such as 'Visa ending in 4242'");
    }

    /** Why free text a customer or an agent wrote, such as a return's comment, may not be stored; empty when it may. */
    public static Optional<String> proseProblem(String text) {
        // people quote the order ID when they write about an order
        return cardNumberProblem(ORDER_ID.matcher(text).replaceAll(" "), "payment details never belong here");
    }

    private static Optional<String> cardNumberProblem(String text, String instead) {
        if (CARD_NUMBER.matcher(text).find()) {
            return Optional.of("must not hold a card number (12 or more digits in a row); " + instead);
        }
        return Optional.empty();
    }
}
