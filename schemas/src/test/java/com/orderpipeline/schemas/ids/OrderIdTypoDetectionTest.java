package com.orderpipeline.schemas.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.orderpipeline.schemas.ids.InvalidOrderIdException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * SPEC.md promises that a single mistyped digit or two swapped neighbours are always caught before any lookup.
 * This proves it over a sample of IDs for every such typo, including typos in the prefix that land on another
 * known prefix and swaps across the place of a hyphen.
 */
class OrderIdTypoDetectionTest {
    private static final int SAMPLE = 10_000;
    /** Neighbouring marketplaces, so that a mistyped prefix digit can land on a known prefix. */
    private static final OrderIdRules RULES = OrderIdRules.of("114", "115", "141", "205");
    private static final List<String> PREFIXES = List.of("114", "115", "141", "205", "D01");

    @Test
    void refusesEverySingleDigitChangeAndEveryNeighbourSwapOfTenThousandIds() {
        Random random = new Random(20_240_603L);
        List<String> accepted = new ArrayList<>();
        int typosRefused = 0;
        for (int n = 0; n < SAMPLE; n++) {
            String prefix = PREFIXES.get(random.nextInt(PREFIXES.size()));
            OrderId id = OrderId.of(prefix, (random.nextLong() >>> 1) % OrderId.BODY_LIMIT);
            assertThat(OrderId.parse(id.compact(), RULES)).isEqualTo(id);

            for (String typo : Typos.of(id.compact())) {
                // Plain try/catch: an assertion per typo would make this take ten times longer.
                try {
                    OrderId.parse(typo, RULES);
                    accepted.add(id + " mistyped as " + typo);
                } catch (InvalidOrderIdException refusal) {
                    if (refusal.reason() != Reason.CHECK_DIGIT_MISMATCH && refusal.reason() != Reason.UNKNOWN_PREFIX) {
                        accepted.add(id + " mistyped as " + typo + " refused for " + refusal.reason());
                    }
                    typosRefused++;
                }
            }
        }
        assertThat(accepted).isEmpty();
        // 14 to 17 digits, 9 substitutes each, and up to 16 swaps: well over a million typos in all.
        assertThat(typosRefused).isGreaterThan(SAMPLE * 14 * 9);
    }

    @Test
    void refusesASwapAcrossEitherHyphenInTheCanonicalForm() {
        OrderId id = OrderId.of("114", 3_958_102_661_235L);
        String canonical = id.canonical();

        String acrossFirst = canonical.substring(0, 2) + canonical.charAt(4) + "-" + canonical.charAt(2)
                + canonical.substring(5);
        String acrossSecond = canonical.substring(0, 10) + canonical.charAt(12) + "-" + canonical.charAt(10)
                + canonical.substring(13);

        assertThat(acrossFirst).isEqualTo("113-4958102-6612353");
        assertThat(acrossSecond).isEqualTo("114-3958106-2612353");
        assertThat(catchThrowableOfType(() -> OrderId.parse(acrossFirst, RULES), InvalidOrderIdException.class)
                .reason()).isEqualTo(Reason.UNKNOWN_PREFIX);
        assertThat(catchThrowableOfType(() -> OrderId.parse(acrossSecond, RULES), InvalidOrderIdException.class)
                .reason()).isEqualTo(Reason.CHECK_DIGIT_MISMATCH);
    }
}
