package com.orderpipeline.schemas.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.orderpipeline.schemas.avro.Channel;
import org.junit.jupiter.api.Test;

class OrderIdTest {

    @Test
    void padsTheBodyWithZerosAndAppendsItsCheckDigit() {
        assertThat(OrderId.of("114", 0).canonical()).isEqualTo("114-0000000-0000009");
        assertThat(OrderId.of("114", 1).canonical()).isEqualTo("114-0000000-0000014");
        assertThat(OrderId.of("205", 9_999_999_999_999L).canonical()).isEqualTo("205-9999999-9999994");
    }

    @Test
    void issuesDigitalIdsWhoseCheckDigitSkipsTheLetter() {
        OrderId id = OrderId.of("D01", 4_710_388_223_906L);

        assertThat(id.canonical()).isEqualTo("D01-4710388-2239061");
        assertThat(id.compact()).isEqualTo("D0147103882239061");
        assertThat(id.channel()).isEqualTo(Channel.DIGITAL);
    }

    @Test
    void isEqualToItselfParsedFromAnySpelling() {
        OrderId issued = OrderId.of("114", 3_958_102_661_235L);
        OrderId typed = OrderId.parse(" 11439581026612353 ", OrderIdRules.of("114"));

        assertThat(typed).isEqualTo(issued).hasSameHashCodeAs(issued);
        assertThat(OrderId.of("114", 3_958_102_661_236L)).isNotEqualTo(issued);
        assertThat(OrderId.of("205", 3_958_102_661_235L)).isNotEqualTo(issued);
    }

    @Test
    void refusesToIssueWithAPrefixThatIsNotThreeDigitsOrD01() {
        assertThatThrownBy(() -> OrderId.of("d01", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("An order ID prefix is three digits or D01, not 'd01'");
        assertThatThrownBy(() -> OrderId.of("1140", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesToIssueABodyOutsideThirteenDigits() {
        assertThatThrownBy(() -> OrderId.of("114", OrderId.BODY_LIMIT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("An order ID body is in [0, 10^13), not 10000000000000");
        assertThatThrownBy(() -> OrderId.of("114", -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
