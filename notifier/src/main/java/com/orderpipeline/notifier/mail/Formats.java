package com.orderpipeline.notifier.mail;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;

/**
 * Money and dates as the e-mails show them, the same whatever the machine's locale: an amount in the order's
 * currency with that currency's own number of decimals ("$149.99", "149,99 €", "¥1,500", "CHF 12.50"), a date
 * as "10 December 2026" (English month names, the one language the templates are written in; day before month,
 * so no reader mistakes 10/12 for 12/10).
 */
public final class Formats {
    /** Where the currency's sign goes and which separators it uses, for the currencies the shops sell in most. */
    private record Style(String sign, boolean signFirst, char decimal, char grouping) {
    }

    private static final Map<String, Style> STYLES = Map.of(
            "USD", new Style("$", true, '.', ','),
            "CAD", new Style("CA$", true, '.', ','),
            "AUD", new Style("A$", true, '.', ','),
            "GBP", new Style("£", true, '.', ','),
            "JPY", new Style("¥", true, '.', ','),
            "INR", new Style("₹", true, '.', ','),
            "EUR", new Style("€", false, ',', '.'));
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);

    private Formats() {
    }

    /**
     * An amount of minor units in its currency: the sign where its readers expect it, else the ISO code first
     * ("CHF 12.50"). A code that is not ISO 4217 is shown as it came, with two decimals.
     */
    public static String money(long minorUnits, String currencyCode) {
        int decimals = 2;
        try {
            decimals = Math.max(0, Currency.getInstance(currencyCode).getDefaultFractionDigits());
        } catch (IllegalArgumentException | NullPointerException notIso) {
            // shown as it came, with two decimals
        }
        Style style = STYLES.getOrDefault(currencyCode, new Style(currencyCode == null ? "" : currencyCode + " ",
                true, '.', ','));
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.ROOT);
        symbols.setDecimalSeparator(style.decimal());
        symbols.setGroupingSeparator(style.grouping());
        symbols.setMinusSign('-');
        DecimalFormat number = new DecimalFormat(decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals), symbols);
        String digits = number.format(BigDecimal.valueOf(Math.abs(minorUnits), decimals));
        String amount = style.signFirst() ? style.sign() + digits : digits + " " + style.sign();
        return minorUnits < 0 ? "-" + amount : amount;
    }

    public static String date(LocalDate date) {
        return date == null ? "" : DATE.format(date);
    }

    /** The day of an instant, in UTC. */
    public static String date(Instant instant) {
        return instant == null ? "" : DATE.format(instant.atOffset(ZoneOffset.UTC));
    }
}
