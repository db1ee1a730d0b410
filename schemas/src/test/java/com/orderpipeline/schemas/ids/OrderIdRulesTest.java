package com.orderpipeline.schemas.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.orderpipeline.schemas.avro.Channel;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderIdRulesTest {

    @Test
    void knowsItsPhysicalPrefixesInOrderAndAlwaysTheDigitalOne() {
        OrderIdRules rules = OrderIdRules.of(List.of("205", "114", "205"));

        assertThat(rules.physicalPrefixes()).containsExactly("114", "205");
        assertThat(rules.knownPrefixes()).containsExactly("114", "205", "D01");
        assertThat(rules.channelOf("114")).contains(Channel.PHYSICAL);
        assertThat(rules.channelOf("D01")).contains(Channel.DIGITAL);
        assertThat(rules.channelOf("999")).isEmpty();
    }

    @Test
    void refusesAPhysicalPrefixThatIsNotThreeDigits() {
        assertThatThrownBy(() -> OrderIdRules.of("114", "D01"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A physical order ID prefix is three digits, such as 114, not 'D01'");
        assertThatThrownBy(() -> OrderIdRules.of("11")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OrderIdRules.of("١١٤")).as("Arabic-Indic digits")
                .isInstanceOf(IllegalArgumentException.class);
    }
}
