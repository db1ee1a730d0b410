package com.orderpipeline.orderid.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BodyPermutationTest {
    private static final OrderIdKey KEY = OrderIdKey.fromSecret(OrderIdKeyTest.TEST_SECRET);
    private static final BodyPermutation BODIES = BodyPermutation.of(KEY);

    @ParameterizedTest(name = "{0} + {1} digits")
    @CsvSource({"2, 2", "3, 2", "2, 3", "1, 4"})
    void isABijectionOnAWholeReducedDomain(int leftDigits, int rightDigits) {
        BodyPermutation permutation = new BodyPermutation(KEY, leftDigits, rightDigits);
        int size = (int) permutation.domainSize();
        BitSet seen = new BitSet(size);
        for (int x = 0; x < size; x++) {
            long y = permutation.encrypt(x);

            assertThat(y).as("image of %d", x).isBetween(0L, size - 1L);
            assertThat(seen.get((int) y)).as("%d is the image of two values", y).isFalse();
            seen.set((int) y);
            assertThat(permutation.decrypt(y)).isEqualTo(x);
        }
        assertThat(seen.cardinality()).isEqualTo(size);
    }

    @Test
    void decryptInvertsEncryptOverTheRealDomain() {
        assertThat(BODIES.domainSize()).isEqualTo(10_000_000_000_000L);
        SplittableRandom random = new SplittableRandom(42);
        for (int n = 0; n < 100_000; n++) {
            long x = random.nextLong(BODIES.domainSize());
            long y = BODIES.encrypt(x);

            assertThat(y).isBetween(0L, 9_999_999_999_999L);
            assertThat(BODIES.decrypt(y)).isEqualTo(x);
        }
        assertThat(BODIES.decrypt(BODIES.encrypt(0))).isZero();
        assertThat(BODIES.decrypt(BODIES.encrypt(9_999_999_999_999L))).isEqualTo(9_999_999_999_999L);
    }

    @Test
    void givesTheSameBodiesAsEverForAFixedKey() {
        // Pinned from an independent model of the construction documented on BodyPermutation. If this fails,
        // the construction changed, and a deployed prefix would start to reissue IDs.
        assertThat(BODIES.encrypt(0)).isEqualTo(8_628_476_312_357L);
        assertThat(BODIES.encrypt(1)).isEqualTo(6_385_032_240_077L);
        assertThat(BODIES.encrypt(2)).isEqualTo(1_767_143_198_850L);
        assertThat(BODIES.encrypt(1_234_567_890_123L)).isEqualTo(7_955_260_354_789L);
        assertThat(BODIES.encrypt(9_999_999_999_999L)).isEqualTo(4_137_040_869_153L);
        assertThat(new BodyPermutation(KEY, 2, 2).encrypt(0)).isEqualTo(5147);
        assertThat(new BodyPermutation(KEY, 3, 2).encrypt(2)).isEqualTo(30_142);
    }

    @Test
    void theSameSecretGivesTheSamePermutation() {
        BodyPermutation again = BodyPermutation.of(OrderIdKey.fromSecret(OrderIdKeyTest.TEST_SECRET));

        for (long x = 0; x < 1000; x++) {
            assertThat(again.encrypt(x)).isEqualTo(BODIES.encrypt(x));
        }
    }

    @Test
    void anotherSecretGivesAnUnrelatedPermutation() {
        BodyPermutation other = BodyPermutation.of(OrderIdKey.fromSecret("another-test-order-id-key-0002"));

        assertThat(other.encrypt(0)).isEqualTo(8_440_443_493_842L);
        int same = 0;
        for (long x = 0; x < 10_000; x++) {
            same += other.encrypt(x) == BODIES.encrypt(x) ? 1 : 0;
        }
        assertThat(same).isZero();
    }

    @Test
    void refusesValuesOutsideItsDomain() {
        assertThatThrownBy(() -> BODIES.encrypt(10_000_000_000_000L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The body permutation maps [0, 10^13), which 10000000000000 is outside of");
        assertThatThrownBy(() -> BODIES.decrypt(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesHalvesItCannotHold() {
        assertThatThrownBy(() -> new BodyPermutation(KEY, 0, 13)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BodyPermutation(KEY, 10, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
