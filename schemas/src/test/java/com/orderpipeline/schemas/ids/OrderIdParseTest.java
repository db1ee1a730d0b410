package com.orderpipeline.schemas.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.orderpipeline.schemas.avro.Channel;
import com.orderpipeline.schemas.ids.InvalidOrderIdException.Reason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class OrderIdParseTest {
    private static final OrderIdRules RULES = OrderIdRules.of("114", "205");

    @ParameterizedTest
    @ValueSource(strings = {
        "114-3958102-6612353",
        "11439581026612353",
        "  114-3958102-6612353\t",
        "114-39581026612353",
        "1143958102-6612353",
        "\n11439581026612353 "})
    void acceptsAPhysicalIdWithOrWithoutHyphensAndSurroundingSpace(String input) {
        OrderId id = OrderId.parse(input, RULES);

        assertThat(id.canonical()).isEqualTo("114-3958102-6612353");
        assertThat(id.compact()).isEqualTo("11439581026612353");
        assertThat(id.prefix()).isEqualTo("114");
        assertThat(id.body()).isEqualTo(3_958_102_661_235L);
        assertThat(id.checkDigit()).isEqualTo(3);
        assertThat(id.channel()).isEqualTo(Channel.PHYSICAL);
        assertThat(id).hasToString("114-3958102-6612353");
    }

    @ParameterizedTest
    @ValueSource(strings = {"D01-4710388-2239061", "d01-4710388-2239061", "d0147103882239061", " D01-4710388-2239061 "})
    void acceptsADigitalIdInAnyCase(String input) {
        OrderId id = OrderId.parse(input, RULES);

        assertThat(id.canonical()).isEqualTo("D01-4710388-2239061");
        assertThat(id.prefix()).isEqualTo("D01");
        assertThat(id.channel()).isEqualTo(Channel.DIGITAL);
    }

    @Test
    void knowsDigitalOrdersEvenWithNoPhysicalMarketplaceConfigured() {
        assertThat(OrderId.parse("D01-4710388-2239061", OrderIdRules.of()).channel()).isEqualTo(Channel.DIGITAL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t\n"})
    void refusesAnEmptyId(String input) {
        assertRefused(input, Reason.EMPTY, "The order ID is empty; expected the form PPP-NNNNNNN-NNNNNNN.");
    }

    @Test
    void refusesAMissingIdAsEmpty() {
        assertRefused(null, Reason.EMPTY, "The order ID is empty; expected the form PPP-NNNNNNN-NNNNNNN.");
    }

    @Test
    void refusesAnIdOneDigitShortSayingHowManyCharactersWereGivenAndExpected() {
        assertRefused("114-3958102-661235", Reason.WRONG_LENGTH,
                "An order ID has 17 characters not counting hyphens (PPP-NNNNNNN-NNNNNNN), but 16 were given.");
    }

    @Test
    void refusesAnIdWithAnExtraDigitAsTooLongRatherThanBlamingItsHyphens() {
        assertRefused("114-39581021-6612353", Reason.WRONG_LENGTH,
                "An order ID has 17 characters not counting hyphens (PPP-NNNNNNN-NNNNNNN), but 18 were given.");
    }

    @Test
    void refusesAForeignCharacterNamingItAndItsPosition() {
        assertRefused("114-395810@-6612353", Reason.BAD_CHARACTER,
                "'@' at position 11 cannot be part of an order ID, which has the form PPP-NNNNNNN-NNNNNNN.");
    }

    @Test
    void namesInvisibleCharactersByTheirCodePoint() {
        assertRefused("114 3958102 6612353", Reason.BAD_CHARACTER,
                "The character U+0020 at position 4 cannot be part of an order ID, which has the form"
                        + " PPP-NNNNNNN-NNNNNNN.");
    }

    @Test
    void countsPositionsInCharactersAPersonSeesEvenAfterAnEmoji() {
        assertRefused("\uD83D\uDCE6114@", Reason.BAD_CHARACTER,
                "'\uD83D\uDCE6' at position 1 cannot be part of an order ID, which has the form PPP-NNNNNNN-NNNNNNN.");
    }

    @Test
    void refusesALetterInTheBodyNamingItAsTyped() {
        assertRefused("114-39581o2-6612353", Reason.BAD_CHARACTER,
                "'o' at position 10 must be a digit: only the prefix, such as D01, holds letters.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1143-958102-6612353", "-11439581026612353", "114--3958102-6612353",
        "114-3958102-6612353-"})
    void refusesHyphensThatDoNotSeparateTheGroups(String input) {
        InvalidOrderIdException refusal = catchThrowableOfType(
                () -> OrderId.parse(input, RULES), InvalidOrderIdException.class);

        assertThat(refusal.reason()).isEqualTo(Reason.MISPLACED_HYPHEN);
        assertThat(refusal).hasMessageMatching("The hyphen at position \\d+ is misplaced: hyphens may only"
                + " separate the groups of PPP-NNNNNNN-NNNNNNN\\.");
    }

    @Test
    void saysWhichHyphenIsMisplaced() {
        assertRefused("1143-958102-6612353", Reason.MISPLACED_HYPHEN,
                "The hyphen at position 5 is misplaced: hyphens may only separate the groups of PPP-NNNNNNN-NNNNNNN.");
    }

    @Test
    void refusesAnUnknownPrefixListingTheKnownOnes() {
        assertRefused("999-3958102-6612353", Reason.UNKNOWN_PREFIX,
                "Unknown order ID prefix '999'; known prefixes are 114, 205 and D01.");
    }

    @Test
    void refusesALetterPrefixOtherThanD01AsUnknown() {
        assertRefused("D02-4710388-2239061", Reason.UNKNOWN_PREFIX,
                "Unknown order ID prefix 'D02'; known prefixes are 114, 205 and D01.");
    }

    @Test
    void saysDigitalIsTheOnlyKnownPrefixWhenNoMarketplaceIsConfigured() {
        InvalidOrderIdException refusal = catchThrowableOfType(
                () -> OrderId.parse("114-3958102-6612353", OrderIdRules.of()), InvalidOrderIdException.class);

        assertThat(refusal).hasMessage("Unknown order ID prefix '114'; the only known prefix is D01.");
    }

    @Test
    void refusesAMistypedIdAskingToCheckForATypo() {
        assertRefused("114-3958102-6612358", Reason.CHECK_DIGIT_MISMATCH,
                "Order ID 114-3958102-6612358 does not match its check digit; check the ID for a typo.");
    }

    @Test
    void refusesTwoSwappedDigitsAcrossAHyphen() {
        assertRefused("114-3958106-2612353", Reason.CHECK_DIGIT_MISMATCH,
                "Order ID 114-3958106-2612353 does not match its check digit; check the ID for a typo.");
    }

    private static void assertRefused(String input, Reason reason, String message) {
        InvalidOrderIdException refusal = catchThrowableOfType(
                () -> OrderId.parse(input, RULES), InvalidOrderIdException.class);

        assertThat(refusal).as("refusal of %s", input).isNotNull().hasMessage(message);
        assertThat(refusal.reason()).isEqualTo(reason);
    }
}
