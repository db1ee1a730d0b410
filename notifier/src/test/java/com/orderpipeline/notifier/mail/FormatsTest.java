package com.orderpipeline.notifier.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class FormatsTest {

    @Test
    void showsEachCurrencyWithItsOwnDecimalsAndSign() {
        assertThat(Formats.money(14_999, "USD")).isEqualTo("$149.99");
        assertThat(Formats.money(14_999, "EUR")).isEqualTo("149,99 €");
        assertThat(Formats.money(123_456_789, "EUR")).isEqualTo("1.234.567,89 €");
        assertThat(Formats.money(1_500, "JPY")).isEqualTo("¥1,500");
        assertThat(Formats.money(1_250, "CHF")).isEqualTo("CHF 12.50");
        assertThat(Formats.money(1_234, "KWD")).isEqualTo("KWD 1.234");
        assertThat(Formats.money(199, "XYZ1")).isEqualTo("XYZ1 1.99");
    }

    @Test
    void writesDatesWithTheMonthNamed() {
        assertThat(Formats.date(LocalDate.of(2026, 12, 10))).isEqualTo("10 December 2026");
        assertThat(Formats.date(Instant.parse("2026-03-01T23:59:00Z"))).isEqualTo("1 March 2026");
    }
}
