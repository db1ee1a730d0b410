package com.orderpipeline.schemas.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DammTest {

    @Test
    void givesTheCheckDigitOfTheTextbookExample() {
        assertThat(Damm.checkDigit("572")).isEqualTo(4);
        assertThat(Damm.isValid("5724")).isTrue();
        assertThat(Damm.isValid("5723")).isFalse();
    }

    @Test
    void skipsLettersSoADigitalPrefixCountsOnlyItsDigits() {
        assertThat(Damm.checkDigit("D014710388223906")).isEqualTo(Damm.checkDigit("014710388223906")).isEqualTo(1);
        assertThat(Damm.isValid("D0147103882239061")).isTrue();
    }

    @Test
    void refusesCharactersThatAreNeitherDigitsNorLetters() {
        assertThatThrownBy(() -> Damm.checkDigit("114-0000000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'-' at index 3");
    }

    @Test
    void findsNothingToCheckInASequenceWithoutDigits() {
        assertThat(Damm.isValid("")).isFalse();
        assertThat(Damm.isValid("D")).isFalse();
    }

    @Test
    void itsTableIsAQuasigroupWithZeroDiagonalWhereNoSwapGoesUnnoticed() {
        for (int a = 0; a < 10; a++) {
            Set<Integer> row = new HashSet<>();
            Set<Integer> column = new HashSet<>();
            for (int b = 0; b < 10; b++) {
                row.add(Damm.step(a, b));
                column.add(Damm.step(b, a));
            }
            assertThat(row).as("row %d", a).hasSize(10);
            assertThat(column).as("column %d", a).hasSize(10);
            assertThat(Damm.step(a, a)).as("diagonal %d", a).isZero();
        }
        for (int interim = 0; interim < 10; interim++) {
            for (int x = 0; x < 10; x++) {
                for (int y = 0; y < 10; y++) {
                    if (x != y) {
                        assertThat(Damm.step(Damm.step(interim, x), y))
                                .as("after %d: %d then %d", interim, x, y)
                                .isNotEqualTo(Damm.step(Damm.step(interim, y), x));
                    }
                }
            }
        }
    }

    @Test
    void catchesEverySingleDigitChangeAndNeighbourSwapInEveryFourDigitNumber() {
        for (int n = 0; n < 10_000; n++) {
            String digits = String.format("%04d", n);
            String valid = digits + Damm.checkDigit(digits);
            assertThat(Damm.isValid(valid)).isTrue();
            for (String typo : Typos.of(valid)) {
                assertThat(Damm.isValid(typo)).as("%s mistyped as %s", valid, typo).isFalse();
            }
        }
    }
}
