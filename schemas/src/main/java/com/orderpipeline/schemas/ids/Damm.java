package com.orderpipeline.schemas.ids;

/**
 * The Damm check digit, as SPEC.md ("Order IDs") defines it for order IDs. It catches every single mistyped
 * digit and every swap of two different neighbouring digits, which a mod-10 sum such as Luhn's does not.
 *
 * <p>Letters are skipped, so the check digit of {@code D01} followed by a body is computed over {@code 01} and
 * the body. A sequence is valid when the Damm checksum over all of its digits, check digit included, is 0.
 */
public final class Damm {
    /**
     * The totally anti-symmetric quasigroup of order 10 from H. Michael Damm's 2004 thesis (the table
     * Wikipedia gives), row-major: the interim digit after {@code interim} and {@code digit} is at
     * {@code interim * 10 + digit}. A String, because it is immutable and {@code charAt} is as fast as an array.
     */
    private static final String TABLE = ""
            + "0317598642"
            + "7092154863"
            + "4206871359"
            + "1750983426"
            + "6123045978"
            + "3674209581"
            + "5869720134"
            + "8945362017"
            + "9438617205"
            + "2581436790";

    private Damm() {
    }

    /** The check digit to append to {@code digits}, letters skipped. */
    public static int checkDigit(CharSequence digits) {
        return fold(0, digits);
    }

    /**
     * Whether {@code digitsWithCheck} (letters skipped) ends in the right check digit. A sequence without any
     * digit is not valid: there is nothing to check.
     */
    public static boolean isValid(CharSequence digitsWithCheck) {
        boolean anyDigit = false;
        for (int i = 0; i < digitsWithCheck.length() && !anyDigit; i++) {
            anyDigit = isDigit(digitsWithCheck.charAt(i));
        }
        return anyDigit && fold(0, digitsWithCheck) == 0;
    }

    /**
     * The interim digit after feeding one more {@code digit} (0 to 9). Starting from 0 and stepping through a
     * sequence gives its check digit; callers that issue many IDs with one prefix step through the prefix once
     * and reuse that interim digit.
     */
    public static int step(int interim, int digit) {
        return TABLE.charAt(interim * 10 + digit) - '0';
    }

    /** The interim digit after feeding the digits of {@code chars} to {@code interim}, letters skipped. */
    public static int fold(int interim, CharSequence chars) {
        int result = interim;
        for (int i = 0; i < chars.length(); i++) {
            char c = chars.charAt(i);
            if (isDigit(c)) {
                result = step(result, c - '0');
            } else if (!isLetter(c)) {
                throw new IllegalArgumentException(
                        "Damm check digits are over digits and letters only, not '" + c + "' at index " + i);
            }
        }
        return result;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }
}
