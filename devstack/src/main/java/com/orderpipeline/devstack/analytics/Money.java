package com.orderpipeline.devstack.analytics;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;

/**
 * An amount in minor units as the tracking page shows it: the ISO code and the currency's own number of decimals,
 * "USD 1,499.99", "JPY 1,500". A code that is not ISO 4217 is shown as it came, with two decimals.
 */
final class Money {
    private Money() {
    }

    static String format(long minorUnits, String currencyCode) {
        int decimals;
        try {
            decimals = Math.max(0, Currency.getInstance(currencyCode).getDefaultFractionDigits());
        } catch (IllegalArgumentException notIso) {
            decimals = 2;
        }
        NumberFormat number = NumberFormat.getNumberInstance(Locale.ENGLISH);
        number.setMinimumFractionDigits(decimals);
        number.setMaximumFractionDigits(decimals);
        return currencyCode + " " + number.format(BigDecimal.valueOf(minorUnits, decimals));
    }
}
