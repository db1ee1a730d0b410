package com.orderpipeline.orderid.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.orderpipeline.schemas.avro.Channel;
import com.orderpipeline.schemas.ids.OrderId;
import com.orderpipeline.schemas.ids.OrderIdRules;
import com.orderpipeline.schemas.ids.Typos;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OrderIdGeneratorTest {
    private static final OrderIdKey KEY = OrderIdKey.fromSecret(OrderIdKeyTest.TEST_SECRET);
    private static final OrderIdRules RULES = OrderIdRules.of("114");
    private final OrderIdGenerator physical = new OrderIdGenerator("114", KEY);
    private final OrderIdGenerator digital = OrderIdGenerator.digital("114", 0, KEY);

    @Test
    void issuesTheSameIdsAsEverForAFixedKey() {
        // Pinned from an independent model of the construction; see BodyPermutationTest.
        assertThat(physical.format(0)).isEqualTo("114-8628476-3123576");
        assertThat(physical.issue(1).canonical()).isEqualTo("114-6385032-2400777");
        assertThat(digital.format(2)).as("pinned when digital bodies gained the deployment digits")
                .isEqualTo("D01-1140708-2229328");
        assertThat(physical.format(9_999_999_999_999L)).isEqualTo("114-4137040-8691534");
    }

    @Test
    void theFastPathWritesExactlyTheIdThatIssueGives() {
        SplittableRandom random = new SplittableRandom(3);
        for (int n = 0; n < 100_000; n++) {
            long sequence = n < 1000 ? n : random.nextLong(OrderId.BODY_LIMIT);
            OrderId issued = physical.issue(sequence);

            assertThat(physical.format(sequence)).isEqualTo(issued.canonical());
            assertThat(OrderId.parse(issued.canonical(), RULES)).isEqualTo(issued);
        }
    }

    @Test
    void issuesIdsOfItsPrefixAndChannel() {
        OrderId physicalId = physical.issue(7);
        OrderId digitalId = digital.issue(7);

        assertThat(physicalId.prefix()).isEqualTo("114");
        assertThat(physicalId.channel()).isEqualTo(Channel.PHYSICAL);
        assertThat(digitalId.prefix()).isEqualTo("D01");
        assertThat(digitalId.channel()).isEqualTo(Channel.DIGITAL);
        assertThat(digitalId.compact()).as("the deployment's prefix and key generation, in clear").startsWith("D011140");
    }

    @Test
    void refusesSequenceNumbersOutsideThirteenDigits() {
        assertThatThrownBy(() -> physical.format(10_000_000_000_000L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("An order ID sequence number is in [0, 10^13), not 10000000000000");
        assertThatThrownBy(() -> physical.issue(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("An order ID sequence number is in [0, 10^13), not -1");
    }

    @Test
    void refusesAPrefixThatIsNotThreeDigitsOrD01() {
        assertThatThrownBy(() -> new OrderIdGenerator("1140", KEY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("An order ID prefix is three digits or D01, not '1140'");
    }

    @Test
    void catchesEveryTypoInTenThousandIssuedIds() {
        OrderIdRules rules = OrderIdRules.of("114", "115", "141");
        int refused = 0;
        for (long sequence = 0; sequence < 10_000; sequence++) {
            OrderId id = (sequence % 2 == 0 ? physical : digital).issue(sequence);
            for (String typo : Typos.of(id.compact())) {
                assertThat(Typos.isRefused(typo, rules)).as("%s mistyped as %s", id, typo).isTrue();
                refused++;
            }
        }
        assertThat(refused).isGreaterThan(10_000 * 14 * 9);
    }
}
