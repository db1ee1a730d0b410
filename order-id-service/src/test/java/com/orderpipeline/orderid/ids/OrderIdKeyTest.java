package com.orderpipeline.orderid.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OrderIdKeyTest {
    static final String TEST_SECRET = "test-only-order-id-key-0001";

    @Test
    void refusesAShortKeyNamingTheVariableAndTheMinimum() {
        assertThatThrownBy(() -> OrderIdKey.fromSecret("fifteen-chars!!"))
                .isInstanceOf(InvalidOrderIdKeyException.class)
                .hasMessage("ORDER_ID_KEY has 15 characters; it needs at least 16 so that nobody can guess it and"
                        + " enumerate order IDs.");
    }

    @Test
    void refusesAMissingOrBlankKey() {
        String expected = "ORDER_ID_KEY is not set: order IDs need a secret key of at least 16 characters, fixed for"
                + " the life of the prefix.";
        assertThatThrownBy(() -> OrderIdKey.fromSecret(null)).hasMessage(expected);
        assertThatThrownBy(() -> OrderIdKey.fromSecret(" ".repeat(20))).hasMessage(expected);
    }

    @Test
    void acceptsSixteenCharacters() {
        assertThat(OrderIdKey.fromSecret("sixteen-chars-ok").fingerprint()).hasSize(16);
    }

    @Test
    void fingerprintIsStableAcrossRunsAndRevealsNothingOfTheKey() {
        OrderIdKey key = OrderIdKey.fromSecret(TEST_SECRET);

        // Pinned: the fingerprint recorded with a prefix must still match after any upgrade.
        assertThat(key.fingerprint()).isEqualTo("d757ce01e5fcc388");
        assertThat(OrderIdKey.fromSecret(TEST_SECRET).fingerprint()).isEqualTo(key.fingerprint());
        assertThat(key.toString()).isEqualTo("OrderIdKey[fingerprint=d757ce01e5fcc388]").doesNotContain(TEST_SECRET);
    }

    @Test
    void differentKeysHaveDifferentFingerprints() {
        assertThat(OrderIdKey.fromSecret(TEST_SECRET + "x").fingerprint())
                .isNotEqualTo(OrderIdKey.fromSecret(TEST_SECRET).fingerprint());
    }
}
