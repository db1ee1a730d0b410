package com.orderpipeline.orderid.ids;

/**
 * The keyed format-preserving permutation that turns a sequence number into an order ID body: a bijection on
 * [0, 10^13), so that consecutive orders get unrelated-looking IDs and nobody without the key can enumerate
 * other customers' orders or read the shop's volume from them (SPEC.md, "Order IDs").
 *
 * <h2>Construction</h2>
 * An alternating-radix Feistel network in the shape of FF1 (NIST SP 800-38G), with SipHash-2-4 instead of AES
 * as the round function (a PRF with a 128-bit key that runs in plain Java on one 64-bit word, without the
 * per-call overhead of a {@code javax.crypto} cipher):
 * <ol>
 * <li>A body {@code x} is split into {@code A = x / 10^6}, its first 7 digits, and {@code B = x mod 10^6}.
 * <li>Round {@code i}, for {@code i} from 0 to 9, computes {@code C = (A + F(i, B)) mod 10^m}, with {@code m = 7}
 *     in even rounds and {@code 6} in odd ones, then sets {@code A = B, B = C}. After an even number of rounds
 *     {@code A} has 7 digits and {@code B} 6 again, and the result is {@code A * 10^6 + B}.
 * <li>{@code F(i, B)} is SipHash-2-4, under the key {@link OrderIdKey} derives, of the 64-bit word
 *     {@code version | leftDigits | rightDigits | i | B} (8, 8, 8, 8 and 32 bits from the top) taken as eight
 *     little-endian bytes, mapped onto [0, 10^m) by multiplying its top 63 bits by {@code 2 * 10^m} and keeping
 *     the high word, which is off from uniform by less than 10^m / 2^63.
 * <li>Decryption runs the rounds backwards, subtracting {@code F} instead of adding it.
 * </ol>
 * Each round is a bijection of the mixed-radix pair, so the whole is a permutation of exactly 10^13 values.
 *
 * <h2>Why not a binary Feistel network with cycle walking</h2>
 * A balanced binary network over 2^44 would have to re-encrypt every result that lands at or above 10^13, on
 * average 1.76 passes and sometimes many more. Measured with JMH on the 2-core development machine, with the same
 * round function and ten rounds, it permuted 3.7 million bodies a second against 6.3 million for this one: too
 * slow for the target of four million whole IDs a second per thread, before any formatting. This one costs the
 * same ten rounds for every ID.
 *
 * <h2>Why ten rounds</h2>
 * Four Feistel rounds with a pseudorandom round function already make a strong pseudorandom permutation (Luby
 * and Rackoff), but only up to about the square root of a half's size, here some 10^3 IDs; with more rounds the
 * bound approaches the size of a half itself (Patarin). The attacks published on FF1 and FF3 (Bellare, Hoang and
 * Tessaro 2016; Durak and Vaudenay 2017; Hoang, Tessaro and Trieu 2018) need small domains; the halves here hold
 * 10^6 and 10^7 values, and NIST asks for at least 10^6 in the whole domain. Ten is FF1's round count, the more
 * conservative of the two NIST schemes (FF3-1 uses eight). Ten rounds are eighty SipHash rounds per ID, and
 * whole issuance still runs at about five million IDs a second on one thread, a quarter above the target (see
 * the {@code benchmarks} module); eight rounds would be the place to look if it ever had to be faster.
 * Changing the round count, the word layout or the key derivation would reissue IDs: pinned outputs in the tests
 * catch any such change.
 */
public final class BodyPermutation {
    /** Rounds of the Feistel network; even, so that the halves end in the radices they started in. */
    static final int ROUNDS = 10;
    /** Bumped if the construction ever changes, so that a new one can never agree with the old by accident. */
    private static final long VERSION = 1;

    private final SipHash24 roundFunction;
    private final long leftModulus;
    private final long rightModulus;
    private final int totalDigits;
    private final long tweak;

    /** The permutation of 13-digit order ID bodies under {@code key}: 7 digits on the left, 6 on the right. */
    public static BodyPermutation of(OrderIdKey key) {
        return new BodyPermutation(key, 7, 6);
    }

    /** The same construction over {@code 10^(leftDigits + rightDigits)} values, small enough to test whole. */
    BodyPermutation(OrderIdKey key, int leftDigits, int rightDigits) {
        if (leftDigits < 1 || leftDigits > 9 || rightDigits < 1 || rightDigits > 9) {
            throw new IllegalArgumentException(
                    "Each half has 1 to 9 digits, not " + leftDigits + " and " + rightDigits);
        }
        this.roundFunction = key.roundFunction();
        this.leftModulus = powerOfTen(leftDigits);
        this.rightModulus = powerOfTen(rightDigits);
        this.totalDigits = leftDigits + rightDigits;
        this.tweak = VERSION << 56 | (long) leftDigits << 48 | (long) rightDigits << 40;
    }

    /** How many values the permutation maps: 10^13 for order ID bodies. */
    public long domainSize() {
        return leftModulus * rightModulus;
    }

    /** The body for sequence number {@code x}. */
    public long encrypt(long x) {
        requireInDomain(x);
        long a = x / rightModulus;
        long b = x - a * rightModulus;
        // Two rounds per pass: an even round adds into the left radix, the odd one after it into the right.
        for (int i = 0; i < ROUNDS; i += 2) {
            a = addMod(a, f(i, b, leftModulus), leftModulus);
            b = addMod(b, f(i + 1, a, rightModulus), rightModulus);
        }
        return a * rightModulus + b;
    }

    /** The sequence number of body {@code y}: the inverse of {@link #encrypt(long)}. */
    public long decrypt(long y) {
        requireInDomain(y);
        long a = y / rightModulus;
        long b = y - a * rightModulus;
        for (int i = ROUNDS - 2; i >= 0; i -= 2) {
            b = subtractMod(b, f(i + 1, a, rightModulus), rightModulus);
            a = subtractMod(a, f(i, b, leftModulus), leftModulus);
        }
        return a * rightModulus + b;
    }

    private static long addMod(long value, long addend, long modulus) {
        long sum = value + addend;
        return sum >= modulus ? sum - modulus : sum;
    }

    private static long subtractMod(long value, long subtrahend, long modulus) {
        long difference = value - subtrahend;
        return difference < 0 ? difference + modulus : difference;
    }

    private long f(int round, long half, long modulus) {
        long hash = roundFunction.hash(tweak | (long) round << 32 | half);
        return Math.multiplyHigh(hash >>> 1, modulus << 1);
    }

    private void requireInDomain(long value) {
        if (value < 0 || value >= domainSize()) {
            throw new IllegalArgumentException("The body permutation maps [0, 10^" + totalDigits + "), which "
                    + value + " is outside of");
        }
    }

    private static long powerOfTen(int digits) {
        long power = 1;
        for (int i = 0; i < digits; i++) {
            power *= 10;
        }
        return power;
    }
}
