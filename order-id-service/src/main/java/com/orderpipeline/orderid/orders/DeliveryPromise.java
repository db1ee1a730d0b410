package com.orderpipeline.orderid.orders;

import com.orderpipeline.schemas.avro.Channel;
import com.orderpipeline.schemas.avro.ShippingSpeed;
import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * The delivery date promised at checkout: business days after the order date (UTC), by shipping speed:
 * PRIORITY 1, EXPEDITED 2, STANDARD 5. Weekends are not business days. Digital orders are delivered at once,
 * so their promise is the order date itself.
 */
public final class DeliveryPromise {
    private DeliveryPromise() {
    }

    public static LocalDate promisedBy(LocalDate orderDate, Channel channel, ShippingSpeed speed) {
        if (channel == Channel.DIGITAL) {
            return orderDate;
        }
        int businessDays = switch (speed) {
            case PRIORITY -> 1;
            case EXPEDITED -> 2;
            // UNKNOWN is what a reader makes of a speed added after it was built: promise no more than standard
            case STANDARD, UNKNOWN -> 5;
        };
        LocalDate date = orderDate;
        while (businessDays > 0) {
            date = date.plusDays(1);
            if (date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY) {
                businessDays--;
            }
        }
        return date;
    }
}
