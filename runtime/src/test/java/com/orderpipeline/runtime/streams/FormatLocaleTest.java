package com.orderpipeline.runtime.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FormatLocaleTest {
    private final Locale before = Locale.getDefault(Locale.Category.FORMAT);

    @AfterEach
    void restoreTheDefault() {
        Locale.setDefault(Locale.Category.FORMAT, before);
    }

    @Test
    void plainEnglishBecomesUsEnglishAndFormatsNumbersAlike() {
        Locale.setDefault(Locale.Category.FORMAT, Locale.ENGLISH);
        String asEnglish = String.format("Partition %s has fetched lag of %d, %,.2f", "orders.placed-3", 12345L, 1234.5);

        assertThat(FormatLocale.preferUsEnglish()).isTrue();

        assertThat(Locale.getDefault(Locale.Category.FORMAT)).isEqualTo(Locale.US);
        assertThat(String.format("Partition %s has fetched lag of %d, %,.2f", "orders.placed-3", 12345L, 1234.5))
                .isEqualTo(asEnglish).isEqualTo("Partition orders.placed-3 has fetched lag of 12345, 1,234.50");
        assertThat(FormatLocale.preferUsEnglish()).as("a second call").isFalse();
    }

    @Test
    void aLocaleWithACountryOrAnotherLanguageIsLeftAsItIs() {
        for (Locale chosen : java.util.List.of(Locale.UK, Locale.GERMANY, Locale.GERMAN, Locale.US)) {
            Locale.setDefault(Locale.Category.FORMAT, chosen);

            assertThat(FormatLocale.preferUsEnglish()).as("%s", chosen).isFalse();

            assertThat(Locale.getDefault(Locale.Category.FORMAT)).isEqualTo(chosen);
        }
    }

    @Test
    void onlyTheFormatLocaleChanges() {
        Locale display = Locale.getDefault(Locale.Category.DISPLAY);
        Locale.setDefault(Locale.Category.FORMAT, Locale.ENGLISH);

        FormatLocale.preferUsEnglish();

        assertThat(Locale.getDefault(Locale.Category.DISPLAY)).isEqualTo(display);
    }
}
