package com.orderpipeline.tracking.topology;

import static com.orderpipeline.schemas.avro.FulfillmentStatus.CANCELLED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.DELIVERED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.PACKED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.PICKED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.PLACED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.SHIPPED;
import static org.assertj.core.api.Assertions.assertThat;

import com.orderpipeline.schemas.avro.Channel;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.PaymentStatus;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The payment status of an order, case by case, from the steps it reached and the refunds it got. */
class PaymentStatusesTest {
    private static final long TOTAL = 30_797L;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a placed order is authorized",
                        Channel.PHYSICAL, List.of(PLACED), 0L, TOTAL, PaymentStatus.AUTHORIZED),
                Arguments.of("an order being prepared is still only authorized",
                        Channel.PHYSICAL, List.of(PLACED, PICKED, PACKED), 0L, TOTAL, PaymentStatus.AUTHORIZED),
                Arguments.of("a shipped order is captured",
                        Channel.PHYSICAL, List.of(PLACED, PICKED, PACKED, SHIPPED), 0L, TOTAL, PaymentStatus.CAPTURED),
                Arguments.of("a delivered order is captured, even before its SHIPPED step arrives",
                        Channel.PHYSICAL, List.of(PLACED, DELIVERED), 0L, TOTAL, PaymentStatus.CAPTURED),
                Arguments.of("a digital order is authorized until it is delivered",
                        Channel.DIGITAL, List.of(PLACED), 0L, 999L, PaymentStatus.AUTHORIZED),
                Arguments.of("a digital order is captured when it is delivered",
                        Channel.DIGITAL, List.of(PLACED, DELIVERED), 0L, 999L, PaymentStatus.CAPTURED),
                Arguments.of("an order cancelled before capture is voided",
                        Channel.PHYSICAL, List.of(PLACED, PICKED, CANCELLED), 0L, TOTAL, PaymentStatus.VOIDED),
                Arguments.of("refunds short of the total are partial",
                        Channel.PHYSICAL, List.of(PLACED, SHIPPED, DELIVERED), 799L, TOTAL, PaymentStatus.PARTIALLY_REFUNDED),
                Arguments.of("refunds that add up to the total refund the payment",
                        Channel.PHYSICAL, List.of(PLACED, SHIPPED, DELIVERED), TOTAL, TOTAL, PaymentStatus.REFUNDED),
                Arguments.of("a refund counts even when the steps of the capture have not arrived yet",
                        Channel.PHYSICAL, List.of(PLACED), 799L, TOTAL, PaymentStatus.PARTIALLY_REFUNDED),
                Arguments.of("without a known total a refund counts as partial",
                        Channel.PHYSICAL, List.of(PLACED, DELIVERED), TOTAL, null, PaymentStatus.PARTIALLY_REFUNDED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void derivesThePaymentStatusFromTheStepsAndRefunds(String rule, Channel channel, List<FulfillmentStatus> reached,
                                                       long refunded, Long total, PaymentStatus expected) {
        assertThat(PaymentStatuses.of(channel, reached, refunded, total)).as(rule).isEqualTo(expected);
    }
}
