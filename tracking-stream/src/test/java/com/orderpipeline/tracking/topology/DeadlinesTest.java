package com.orderpipeline.tracking.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeadlinesTest {
    private static final String ORDER = "114-3941689-8772232";
    private final Locale before = Locale.getDefault(Locale.Category.FORMAT);

    @AfterEach
    void restoreTheDefault() {
        Locale.setDefault(Locale.Category.FORMAT, before);
    }

    @Test
    void indexKeysAreWrittenWithAsciiDigitsWhateverTheDefaultLocale() {
        Locale.setDefault(Locale.Category.FORMAT, Locale.forLanguageTag("th-TH-u-nu-thai"));
        LocalDate promised = LocalDate.parse("2026-05-08");

        String key = Deadlines.indexKey(promised, ORDER);
        String lastOverdue = Deadlines.lastOverdueIndexKey(Instant.parse("2026-05-09T00:00:00Z"));

        assertThat(key).isEqualTo("00020581|" + ORDER);
        assertThat(lastOverdue).isEqualTo("00020581|~");
        assertThat(key).as("an order promised for yesterday is in the overdue range").isLessThan(lastOverdue);
    }
}
