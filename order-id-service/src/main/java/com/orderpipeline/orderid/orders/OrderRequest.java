package com.orderpipeline.orderid.orders;

import com.orderpipeline.schemas.avro.Channel;
import com.orderpipeline.schemas.avro.PaymentMethod;
import com.orderpipeline.schemas.avro.ShippingSpeed;
import java.util.List;
import java.util.Optional;

/**
 * An order as a shop submits it, after validation: every field present and well-formed, money in minor
 * units, the address present exactly when the order is physical; the contact e-mail and payment optional.
 */
public record OrderRequest(String customerId, Channel channel, String currency, ShippingSpeed shippingSpeed,
                           List<Item> items, Optional<Address> shipTo, Optional<String> contactEmail,
                           Optional<Payment> payment) {

    public OrderRequest {
        items = List.copyOf(items);
    }

    public record Item(String sku, String title, int quantity, long unitPrice) {
    }

    /** How the order is paid: the method and a label a person recognises, never a card number. */
    public record Payment(PaymentMethod method, String label) {
    }

    public record Address(String name, String line1, String line2, String city, String region, String postalCode,
                          String country) {
    }

    /** The sum of quantity times unit price, in minor units; validation guarantees it fits a long. */
    public long total() {
        long total = 0;
        for (Item item : items) {
            total = Math.addExact(total, Math.multiplyExact(item.quantity(), item.unitPrice()));
        }
        return total;
    }
}
