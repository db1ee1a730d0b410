package com.orderpipeline.orderid.ids;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderpipeline.schemas.ids.OrderId;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * SPEC.md: consecutive orders get unrelated-looking IDs, so nobody can guess a neighbour's order ID or read the
 * shop's volume from two of them. These tests look at 10,000 consecutive IDs the way such a person would.
 */
class IssueOrderTest {
    private static final int COUNT = 10_000;
    private static final long START = 5_000_000L;
    private final OrderIdGenerator generator =
            new OrderIdGenerator("114", OrderIdKey.fromSecret(OrderIdKeyTest.TEST_SECRET));

    @Test
    void issueOrderDoesNotPredictIdOrder() {
        long[] bodies = consecutiveBodies();

        double rho = spearman(bodies);

        // Under independence rho has a standard deviation of 1/sqrt(9,999), about 0.01.
        assertThat(Math.abs(rho)).as("Spearman's rank correlation of issue order and ID order").isLessThan(0.04);
    }

    @Test
    void theNextIdIsAsOftenSmallerAsItIsLarger() {
        long[] bodies = consecutiveBodies();

        long increases = IntStream.range(1, COUNT).filter(i -> bodies[i] > bodies[i - 1]).count();

        assertThat(increases).isBetween(4_700L, 5_300L);
    }

    @Test
    void neighbouringIdsAreFarApartAndNeverShareTheirMiddleGroup() {
        long[] bodies = consecutiveBodies();
        long[] gaps = IntStream.range(1, COUNT).mapToLong(i -> Math.abs(bodies[i] - bodies[i - 1])).sorted().toArray();

        // Two uniform bodies are some 2.9 * 10^12 apart at the median; a counter would be 1 apart.
        assertThat(gaps[gaps.length / 2]).isGreaterThan(2_000_000_000_000L);
        for (int i = 1; i < COUNT; i++) {
            String previous = OrderId.of("114", bodies[i - 1]).canonical().substring(4, 11);
            String next = OrderId.of("114", bodies[i]).canonical().substring(4, 11);
            assertThat(next).as("middle group of sequence %d", START + i).isNotEqualTo(previous);
        }
    }

    private long[] consecutiveBodies() {
        return IntStream.range(0, COUNT).mapToLong(i -> generator.issue(START + i).body()).toArray();
    }

    /** Spearman's rho between the index and the value, for distinct values. */
    private static double spearman(long[] values) {
        Integer[] byValue = IntStream.range(0, values.length).boxed().toArray(Integer[]::new);
        Arrays.sort(byValue, Comparator.comparingLong(i -> values[i]));
        double sumOfSquaredRankDifferences = 0;
        for (int rank = 0; rank < byValue.length; rank++) {
            double d = rank - byValue[rank];
            sumOfSquaredRankDifferences += d * d;
        }
        double n = values.length;
        return 1 - 6 * sumOfSquaredRankDifferences / (n * (n * n - 1));
    }
}
