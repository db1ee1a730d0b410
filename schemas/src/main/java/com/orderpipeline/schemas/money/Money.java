package com.orderpipeline.schemas.money;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;

/**
 * An amount of the events (a whole number of the currency's minor units, with its ISO 4217 code) as a person reads
 * it, the same on the tracking page and in the analytics example.
 */
public final class Money {
    private Money() {
    }

    /**
     * With the currency's own number of decimals and its code: "USD 1,499.99", "JPY 1,500". A code that is not
     * ISO 4217 is shown as it came, with two decimals; without a currency, two decimals and no code.
     */
    public static String format(long minorUnits, String currencyCode) {
        int decimals = 2;
        if (currencyCode != null) {
            try {
                decimals = Math.max(0, Currency.getInstance(currencyCode).getDefaultFractionDigits());
            } catch (IllegalArgumentException notIso) {
                // shown as it came, with two decimals
            }
        }
        NumberFormat number = NumberFormat.getNumberInstance(Locale.ENGLISH);
        number.setMinimumFractionDigits(decimals);
        number.setMaximumFractionDigits(decimals);
        return (currencyCode == null ? "" : currencyCode + " ") + number.format(BigDecimal.valueOf(minorUnits, decimals));
    }
}
