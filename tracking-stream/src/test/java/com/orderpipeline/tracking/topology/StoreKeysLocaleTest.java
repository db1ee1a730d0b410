package com.orderpipeline.tracking.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderpipeline.tracking.customers.CustomerOrderKeys;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Store keys are written with ASCII digits under a default locale whose digits are not (here Thai). */
class StoreKeysLocaleTest {
    private static final String ORDER = "114-3941689-8772232";
    private final Locale before = Locale.getDefault(Locale.Category.FORMAT);

    @BeforeEach
    void thaiDigitsByDefault() {
        Locale.setDefault(Locale.Category.FORMAT, Locale.forLanguageTag("th-TH-u-nu-thai"));
    }

    @AfterEach
    void restoreTheDefault() {
        Locale.setDefault(Locale.Category.FORMAT, before);
    }

    @Test
    void aCustomersOrderKeyIsReadBackAsWritten() {
        Instant placedAt = Instant.parse("2026-05-04T09:15:00Z");

        String key = CustomerOrderKeys.key("C-1", placedAt, ORDER);

        assertThat(key).isEqualTo("C-1/" + (Long.MAX_VALUE - placedAt.toEpochMilli()) + "/" + ORDER);
        assertThat(CustomerOrderKeys.orderIdOf("C-1", key)).hasValue(ORDER);
    }

    @Test
    void anOrderPromisedForYesterdayIsInTheOverdueRangeOfLateOrders() {
        String key = Deadlines.indexKey(LocalDate.parse("2026-05-08"), ORDER);
        String lastOverdue = Deadlines.lastOverdueIndexKey(Instant.parse("2026-05-09T00:00:00Z"));

        assertThat(key).isEqualTo("00020581|" + ORDER);
        assertThat(lastOverdue).isEqualTo("00020581|~");
        assertThat(key).isLessThan(lastOverdue);
    }
}
