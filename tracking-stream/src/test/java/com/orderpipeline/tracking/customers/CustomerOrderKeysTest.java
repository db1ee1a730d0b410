package com.orderpipeline.tracking.customers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CustomerOrderKeysTest {
    private static final String ORDER = "114-3941689-8772232";
    private final Locale before = Locale.getDefault(Locale.Category.FORMAT);

    @AfterEach
    void restoreTheDefault() {
        Locale.setDefault(Locale.Category.FORMAT, before);
    }

    @Test
    void aKeyIsTheSameWhateverDigitsTheDefaultLocaleWritesNumbersWith() {
        Instant placedAt = Instant.parse("2026-05-04T09:15:00Z");
        Locale.setDefault(Locale.Category.FORMAT, Locale.ENGLISH);
        String english = CustomerOrderKeys.key("C-1", placedAt, ORDER);

        Locale.setDefault(Locale.Category.FORMAT, Locale.forLanguageTag("th-TH-u-nu-thai"));
        String key = CustomerOrderKeys.key("C-1", placedAt, ORDER);

        assertThat(key).isEqualTo(english).isEqualTo("C-1/" + (Long.MAX_VALUE - placedAt.toEpochMilli()) + "/" + ORDER);
        assertThat(CustomerOrderKeys.orderIdOf("C-1", key)).hasValue(ORDER);
    }
}
