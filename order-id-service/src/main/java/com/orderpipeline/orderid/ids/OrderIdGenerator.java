package com.orderpipeline.orderid.ids;

import com.orderpipeline.schemas.ids.Damm;
import com.orderpipeline.schemas.ids.OrderId;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Issues the order ID of a sequence number for one prefix: the sequence goes through the keyed
 * {@link BodyPermutation}, the result becomes the 13-digit body, and the Damm check digit closes it. The same
 * sequence under the same key always gives the same ID, and different sequences never give the same one.
 * Stateless and safe to share between threads; the sequence numbers come from block leasing.
 */
public final class OrderIdGenerator {
    /** "000" to "999", so that digits are copied in threes instead of divided out one by one. */
    private static final List<String> THREE_DIGITS =
            IntStream.range(0, 1000).mapToObj(n -> String.format("%03d", n)).toList();
    /**
     * The Damm interim digit after three more digits: at {@code interim * 1000 + threeDigits}. The check digit is
     * on the hot path, and one look-up waits less than a chain of three that each depend on the one before.
     */
    private static final String DAMM_AFTER_THREE_DIGITS = dammAfterThreeDigits();

    private final String prefix;
    private final String prefixAndHyphen;
    private final int prefixInterim;
    private final BodyPermutation permutation;

    /**
     * @param prefix a physical marketplace's three digits, or {@code D01}
     * @param key    the key recorded (by fingerprint) for this prefix
     */
    public OrderIdGenerator(String prefix, OrderIdKey key) {
        // Issuing one ID validates the prefix exactly as every later ID would be.
        this.prefix = OrderId.of(prefix, 0).prefix();
        this.prefixAndHyphen = prefix + '-';
        this.prefixInterim = Damm.fold(0, prefix);
        this.permutation = BodyPermutation.of(key);
    }

    public String prefix() {
        return prefix;
    }

    /** The ID of {@code sequence}, a number in [0, 10^13) never used before with this prefix. */
    public OrderId issue(long sequence) {
        return OrderId.of(prefix, permutation.encrypt(requireSequence(sequence)));
    }

    /**
     * The canonical form of {@link #issue(long)}, {@code PPP-NNNNNNN-NNNNNNN}, for the hot path: the digits are
     * written straight into the one String that is returned, with no other allocation.
     */
    public String format(long sequence) {
        long body = permutation.encrypt(requireSequence(sequence));
        int middle = (int) (body / 1_000_000);
        int last = (int) (body - middle * 1_000_000L);
        int lead = middle / 1_000_000;
        int m1 = middle / 1000 % 1000;
        int m2 = middle % 1000;
        int l1 = last / 1000;
        int l2 = last % 1000;
        int check = Damm.step(prefixInterim, lead);
        check = afterThree(afterThree(afterThree(afterThree(check, m1), m2), l1), l2);
        // A single concatenation sizes the result once and fills the String's own array: no buffer to copy.
        return prefixAndHyphen + (char) ('0' + lead) + THREE_DIGITS.get(m1) + THREE_DIGITS.get(m2) + '-'
                + THREE_DIGITS.get(l1) + THREE_DIGITS.get(l2) + (char) ('0' + check);
    }

    private static int afterThree(int interim, int threeDigits) {
        return DAMM_AFTER_THREE_DIGITS.charAt(interim * 1000 + threeDigits) - '0';
    }

    private static String dammAfterThreeDigits() {
        StringBuilder table = new StringBuilder(10_000);
        for (int interim = 0; interim < 10; interim++) {
            for (int n = 0; n < 1000; n++) {
                int after = Damm.step(Damm.step(Damm.step(interim, n / 100), n / 10 % 10), n % 10);
                table.append((char) ('0' + after));
            }
        }
        return table.toString();
    }

    private static long requireSequence(long sequence) {
        if (sequence < 0 || sequence >= OrderId.BODY_LIMIT) {
            throw new IllegalArgumentException(
                    "An order ID sequence number is in [0, 10^13), not " + sequence);
        }
        return sequence;
    }

    @Override
    public String toString() {
        return "OrderIdGenerator[prefix=" + prefix + "]";
    }
}
