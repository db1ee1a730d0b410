package com.orderpipeline.orderid.ids;

import com.orderpipeline.schemas.ids.Damm;
import com.orderpipeline.schemas.ids.OrderId;
import com.orderpipeline.schemas.ids.OrderIdRules;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Issues the order ID of a sequence number for one prefix: the sequence goes through the keyed
 * {@link BodyPermutation}, the result becomes the 13-digit body, and the Damm check digit closes it. The same
 * sequence under the same key always gives the same ID, and different sequences never give the same one.
 * Stateless and safe to share between threads; the sequence numbers come from block leasing.
 *
 * <p>Digital IDs ({@link #digital}) are shared by every deployment, so their body starts with four digits that
 * name the deployment in clear, its marketplace prefix and key generation, and only the other nine are
 * permuted. Two deployments thus write disjoint sets of bodies whatever their keys (docs/architecture.md,
 * "Digital order IDs").
 */
public final class OrderIdGenerator {
    /** How many digital IDs one deployment can issue under one key generation. */
    public static final long DIGITAL_SEQUENCES_PER_GENERATION = 1_000_000_000L;
    /** "000" to "999", so that digits are copied in threes instead of divided out one by one. */
    private static final List<String> THREE_DIGITS =
            IntStream.range(0, 1000).mapToObj(n -> String.format(Locale.ROOT, "%03d", n)).toList();
    /**
     * The Damm interim digit after three more digits: at {@code interim * 1000 + threeDigits}. The check digit is
     * on the hot path, and one look-up waits less than a chain of three that each depend on the one before.
     */
    private static final String DAMM_AFTER_THREE_DIGITS = dammAfterThreeDigits();

    private final String prefix;
    private final String prefixAndHyphen;
    private final int prefixInterim;
    private final BodyPermutation permutation;
    /** Added to every permuted value: the deployment digits of a digital ID, 0 otherwise. */
    private final long bodyOffset;
    private final long sequenceLimit;

    /**
     * @param prefix a physical marketplace's three digits, or {@code D01}
     * @param key    the key recorded (by fingerprint) for this prefix
     */
    public OrderIdGenerator(String prefix, OrderIdKey key) {
        this(prefix, BodyPermutation.of(key), 0);
    }

    private OrderIdGenerator(String prefix, BodyPermutation permutation, long bodyOffset) {
        // Issuing one ID validates the prefix exactly as every later ID would be.
        this.prefix = OrderId.of(prefix, 0).prefix();
        this.prefixAndHyphen = prefix + '-';
        this.prefixInterim = Damm.fold(0, prefix);
        this.permutation = permutation;
        this.bodyOffset = bodyOffset;
        this.sequenceLimit = permutation.domainSize();
    }

    /**
     * The {@code D01} generator of one deployment: bodies {@code PPPG} followed by the keyed permutation of the
     * sequence over 10^9 values, where {@code PPP} is the deployment's marketplace prefix and {@code G} its key
     * generation. Sequence numbers must stay below {@link #DIGITAL_SEQUENCES_PER_GENERATION}.
     *
     * @param marketplacePrefix the deployment's three-digit physical prefix
     * @param keyGeneration     0 to 9, raised with every new key (and blocks topic) of the prefix
     */
    public static OrderIdGenerator digital(String marketplacePrefix, int keyGeneration, OrderIdKey key) {
        if (!marketplacePrefix.matches("[0-9]{3}")) {
            throw new IllegalArgumentException("A marketplace prefix has three digits, not '" + marketplacePrefix + "'");
        }
        if (keyGeneration < 0 || keyGeneration > 9) {
            throw new IllegalArgumentException("A key generation is one digit, 0 to 9, not " + keyGeneration);
        }
        long deployment = Long.parseLong(marketplacePrefix) * 10 + keyGeneration;
        return new OrderIdGenerator(OrderIdRules.DIGITAL_PREFIX, new BodyPermutation(key, 5, 4),
                deployment * DIGITAL_SEQUENCES_PER_GENERATION);
    }

    /** Whether {@code sequence} can still be issued by this generator. */
    public boolean canIssue(long sequence) {
        return sequence >= 0 && sequence < sequenceLimit;
    }

    public String prefix() {
        return prefix;
    }

    /** The ID of {@code sequence}, a number in [0, 10^13) never used before with this prefix. */
    public OrderId issue(long sequence) {
        return OrderId.of(prefix, bodyOffset + permutation.encrypt(requireSequence(sequence)));
    }

    /**
     * The canonical form of {@link #issue(long)}, {@code PPP-NNNNNNN-NNNNNNN}, for the hot path: the digits are
     * written straight into the one String that is returned, with no other allocation.
     */
    public String format(long sequence) {
        long body = bodyOffset + permutation.encrypt(requireSequence(sequence));
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

    private long requireSequence(long sequence) {
        if (!canIssue(sequence)) {
            throw new IllegalArgumentException(
                    "An order ID sequence number is in [0, 10^" + (Long.toString(sequenceLimit).length() - 1)
                            + "), not " + sequence);
        }
        return sequence;
    }

    @Override
    public String toString() {
        return "OrderIdGenerator[prefix=" + prefix + "]";
    }
}
