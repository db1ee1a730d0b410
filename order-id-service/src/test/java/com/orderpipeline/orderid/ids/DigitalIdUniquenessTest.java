package com.orderpipeline.orderid.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Digital IDs are issued by every deployment under the one prefix {@code D01}, each from its own blocks topic, so
 * each deployment's sequence numbers start at 0 again. These tests issue the same sequence numbers in two
 * deployments, as two blocks topics would hand them out, and look for an ID issued twice.
 */
class DigitalIdUniquenessTest {
    private static final int PER_DEPLOYMENT = 100_000;
    private static final OrderIdKey SEATTLE_KEY = OrderIdKey.fromSecret("marketplace-114-secret-key");
    private static final OrderIdKey DUBLIN_KEY = OrderIdKey.fromSecret("marketplace-112-secret-key");

    @Test
    void twoMarketplacesWithKeysOfTheirOwnNeverIssueTheSameDigitalId() {
        assertNoDuplicates(OrderIdGenerator.digital("114", 0, SEATTLE_KEY), "1140",
                OrderIdGenerator.digital("112", 0, DUBLIN_KEY), "1120");
    }

    @Test
    void twoMarketplacesSharingOneKeyNeverIssueTheSameDigitalId() {
        assertNoDuplicates(OrderIdGenerator.digital("114", 0, SEATTLE_KEY), "1140",
                OrderIdGenerator.digital("112", 0, SEATTLE_KEY), "1120");
    }

    @Test
    void aRotatedKeyOnANewBlocksTopicNeverReissuesADigitalIdOfTheOldKey() {
        OrderIdKey rotated = OrderIdKey.fromSecret("marketplace-114-rotated-key");

        assertNoDuplicates(OrderIdGenerator.digital("114", 0, SEATTLE_KEY), "1140",
                OrderIdGenerator.digital("114", 1, rotated), "1141");
    }

    @Test
    void refusesASequenceNumberPastWhatOneKeyGenerationMayIssue() {
        OrderIdGenerator digital = OrderIdGenerator.digital("114", 0, SEATTLE_KEY);

        assertThat(digital.canIssue(OrderIdGenerator.DIGITAL_SEQUENCES_PER_GENERATION - 1)).isTrue();
        assertThat(digital.canIssue(OrderIdGenerator.DIGITAL_SEQUENCES_PER_GENERATION)).isFalse();
        assertThatThrownBy(() -> digital.format(OrderIdGenerator.DIGITAL_SEQUENCES_PER_GENERATION))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 10^9)");
    }

    /**
     * Beyond finding no duplicate among these, checks why there can be none at all: each deployment's IDs start
     * with its own four digits, so the two sets are disjoint whatever the keys do with the other nine.
     */
    private static void assertNoDuplicates(OrderIdGenerator first, String firstDigits, OrderIdGenerator second,
                                           String secondDigits) {
        Set<String> issued = new HashSet<>(4 * PER_DEPLOYMENT);
        for (long sequence = 0; sequence < PER_DEPLOYMENT; sequence++) {
            issued.add(first.format(sequence));
            issued.add(second.format(sequence));
        }
        assertThat(issued).as("distinct digital IDs of two deployments").hasSize(2 * PER_DEPLOYMENT);
        assertThat(first.format(PER_DEPLOYMENT - 1)).startsWith("D01-" + firstDigits);
        assertThat(second.format(PER_DEPLOYMENT - 1)).startsWith("D01-" + secondDigits);
        assertThat(issued).allSatisfy(id -> assertThat(id).matches("D01-(" + firstDigits + "|" + secondDigits + ").*"));
    }
}
