package com.orderpipeline.schemas.ids;

import java.util.ArrayList;
import java.util.List;

/**
 * The typos a check digit must catch in a string of letters and digits: every digit replaced by each other
 * digit, and every pair of different neighbouring digits swapped.
 */
public final class Typos {
    private Typos() {
    }

    public static List<String> of(String text) {
        List<String> typos = new ArrayList<>();
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            char original = chars[i];
            if (!Character.isDigit(original)) {
                continue;
            }
            for (char d = '0'; d <= '9'; d++) {
                if (d != original) {
                    chars[i] = d;
                    typos.add(new String(chars));
                }
            }
            chars[i] = original;
            if (i + 1 < chars.length && Character.isDigit(chars[i + 1]) && chars[i + 1] != original) {
                chars[i] = chars[i + 1];
                chars[i + 1] = original;
                typos.add(new String(chars));
                chars[i + 1] = chars[i];
                chars[i] = original;
            }
        }
        return typos;
    }

    /** Whether parsing refuses {@code typo} for its check digit or its prefix, as a typo must be. */
    public static boolean isRefused(String typo, OrderIdRules rules) {
        try {
            OrderId.parse(typo, rules);
            return false;
        } catch (InvalidOrderIdException refusal) {
            return refusal.reason() == InvalidOrderIdException.Reason.CHECK_DIGIT_MISMATCH
                    || refusal.reason() == InvalidOrderIdException.Reason.UNKNOWN_PREFIX;
        }
    }
}
