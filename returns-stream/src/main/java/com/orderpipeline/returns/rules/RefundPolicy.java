package com.orderpipeline.returns.rules;

import com.orderpipeline.returns.state.OrderReturns;
import com.orderpipeline.returns.state.OrderedItem;
import com.orderpipeline.schemas.avro.ItemCondition;
import com.orderpipeline.schemas.avro.RefundedItem;
import com.orderpipeline.schemas.avro.ReturnItem;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a received return pays back, all in this class: each line that came back in a {@link #PAID refunded
 * condition}, at the unit price the order was placed with, in the order's currency; never more than what the
 * order's earlier refunds leave of its total.
 */
public final class RefundPolicy {

    /** Which conditions of a received line are refunded. */
    private static final Map<ItemCondition, Boolean> PAID = table(Map.of(
            ItemCondition.SELLABLE, true,
            ItemCondition.DAMAGED, true,
            ItemCondition.WRONG_ITEM, true,
            ItemCondition.MISSING, false));

    private RefundPolicy() {
    }

    /** What a received return is worth: the refunded lines and their sum, capped at what the order has left. */
    public record Refund(List<RefundedItem> items, long amount) {
        public boolean isEmpty() {
            return amount == 0;
        }
    }

    public static boolean isRefunded(ItemCondition condition) {
        return PAID.getOrDefault(condition, false);
    }

    /** The conditions that are not refunded, in words: {@code MISSING}. */
    public static String notRefunded() {
        return PAID.entrySet().stream().filter(entry -> !entry.getValue()).map(entry -> entry.getKey().name())
                .collect(Collectors.joining(" or "));
    }

    /** The conditions a warehouse may report: every one the table decides. */
    public static boolean isKnown(ItemCondition condition) {
        return condition != null && PAID.containsKey(condition);
    }

    /** The refund for these received lines of the order (their SKUs are the order's, checked before). */
    public static Refund of(OrderReturns order, List<ReturnItem> lines) {
        List<RefundedItem> items = new ArrayList<>();
        long sum = 0;
        for (ReturnItem line : lines) {
            if (isRefunded(line.getCondition())) {
                long unitPrice = unitPrice(order, line.getSku());
                items.add(new RefundedItem(line.getSku(), line.getQuantity(), unitPrice, line.getCondition()));
                sum = Math.addExact(sum, Math.multiplyExact(unitPrice, (long) line.getQuantity()));
            }
        }
        // authorization never lets returns cover more than was ordered, so this cap holds by construction; it
        // stays as the invariant's last guard: an order's refunds never add up to more than its total
        long left = Math.max(0, order.getTotal() - order.getRefunded());
        return new Refund(items, Math.min(sum, left));
    }

    /** The lowest unit price the SKU has in the order (a SKU on two lines never pays back the dearer one). */
    private static long unitPrice(OrderReturns order, String sku) {
        return order.getItems().stream()
                .filter(item -> item.getSku().equals(sku))
                .mapToLong(OrderedItem::getUnitPrice)
                .min()
                .orElseThrow(() -> new IllegalStateException("SKU " + sku + " is not in order " + order.getOrderId()));
    }

    private static Map<ItemCondition, Boolean> table(Map<ItemCondition, Boolean> rows) {
        Map<ItemCondition, Boolean> table = new EnumMap<>(rows);
        // a condition added to the schemas must be decided here before anything runs; UNKNOWN is never written
        for (ItemCondition condition : ItemCondition.values()) {
            if (condition != ItemCondition.UNKNOWN && !table.containsKey(condition)) {
                throw new IllegalStateException("The refund policy does not decide the condition " + condition);
            }
        }
        return table;
    }
}
