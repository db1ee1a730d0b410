package com.orderpipeline.orderid.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderpipeline.schemas.avro.Channel;
import com.orderpipeline.schemas.avro.ShippingSpeed;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DeliveryPromiseTest {
    private static final LocalDate THURSDAY = LocalDate.of(2026, 11, 26);

    @Test
    void countsBusinessDaysAndSkipsTheWeekend() {
        assertThat(DeliveryPromise.promisedBy(THURSDAY, Channel.PHYSICAL, ShippingSpeed.PRIORITY)).isEqualTo("2026-11-27");
        assertThat(DeliveryPromise.promisedBy(THURSDAY, Channel.PHYSICAL, ShippingSpeed.EXPEDITED)).isEqualTo("2026-11-30");
        assertThat(DeliveryPromise.promisedBy(THURSDAY, Channel.PHYSICAL, ShippingSpeed.STANDARD)).isEqualTo("2026-12-03");
    }

    @Test
    void promisesDigitalOrdersForTheDayTheyArePlaced() {
        assertThat(DeliveryPromise.promisedBy(THURSDAY, Channel.DIGITAL, ShippingSpeed.STANDARD)).isEqualTo(THURSDAY);
    }
}
