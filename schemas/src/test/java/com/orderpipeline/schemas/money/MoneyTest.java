package com.orderpipeline.schemas.money;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void formatsAnAmountWithItsCurrencysOwnDecimals() {
        assertThat(Money.format(14_999, "USD")).isEqualTo("USD 149.99");
        assertThat(Money.format(149_999, "USD")).isEqualTo("USD 1,499.99");
        assertThat(Money.format(1_500, "JPY")).isEqualTo("JPY 1,500");
        assertThat(Money.format(1_234_567, "BHD")).isEqualTo("BHD 1,234.567");
        assertThat(Money.format(5, "EUR")).isEqualTo("EUR 0.05");
    }

    @Test
    void formatsAnUnknownCodeWithTwoDecimalsAndNoCodeWithoutOne() {
        assertThat(Money.format(799, "XYZ1")).isEqualTo("XYZ1 7.99");
        assertThat(Money.format(799, null)).isEqualTo("7.99");
    }
}
