package com.orderpipeline.orderid.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.orderpipeline.runtime.http.FieldError;
import com.orderpipeline.runtime.http.ProblemException;
import com.orderpipeline.schemas.avro.Channel;
import com.orderpipeline.schemas.avro.PaymentMethod;
import com.orderpipeline.schemas.avro.ShippingSpeed;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderRequestParserTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode physicalOrder() {
        try {
            return (ObjectNode) JSON.readTree("""
                    {"customerId": "C-1001", "channel": "PHYSICAL", "currency": "USD", "shippingSpeed": "STANDARD",
                     "items": [{"sku": "B00X4WHP5E", "title": "Kindle Paperwhite", "quantity": 2, "unitPrice": 14999}],
                     "shipTo": {"name": "Ada Lovelace", "line1": "410 Terry Ave N", "line2": null, "city": "Seattle",
                                "region": "WA", "postalCode": "98109", "country": "US"}}""");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode digitalOrder() {
        ObjectNode order = physicalOrder();
        order.put("channel", "DIGITAL");
        order.remove("shipTo");
        order.remove("shippingSpeed");
        return order;
    }

    @Test
    void readsTheExampleOrderOfTheApi() {
        OrderRequest request = OrderRequestParser.parse(physicalOrder());

        assertThat(request.customerId()).isEqualTo("C-1001");
        assertThat(request.channel()).isEqualTo(Channel.PHYSICAL);
        assertThat(request.items()).containsExactly(new OrderRequest.Item("B00X4WHP5E", "Kindle Paperwhite", 2, 14999));
        assertThat(request.total()).isEqualTo(29998);
        assertThat(request.shipTo()).hasValueSatisfying(a -> {
            assertThat(a.city()).isEqualTo("Seattle");
            assertThat(a.line2()).isNull();
        });
    }

    @Test
    void readsADigitalOrderWithoutAddressAndDefaultsItsSpeed() {
        OrderRequest request = OrderRequestParser.parse(digitalOrder());

        assertThat(request.channel()).isEqualTo(Channel.DIGITAL);
        assertThat(request.shipTo()).isEmpty();
        assertThat(request.shippingSpeed()).isEqualTo(ShippingSpeed.STANDARD);
    }

    @Test
    void namesEveryBadFieldAtOnce() {
        ObjectNode order = physicalOrder();
        order.put("currency", "usd");
        order.put("channel", "DRONE");
        ((ObjectNode) order.get("items").get(0)).put("quantity", 0).put("unitPrice", 149.99);
        ((ObjectNode) order.get("shipTo")).put("country", "XX");
        order.remove("customerId");

        ProblemException problem = catchThrowableOfType(ProblemException.class, () -> OrderRequestParser.parse(order));

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.errors()).extracting(FieldError::field).containsExactlyInAnyOrder(
                "customerId", "channel", "currency", "items[0].quantity", "items[0].unitPrice", "shipTo.country");
        assertThat(problem.errors()).filteredOn(e -> e.field().equals("items[0].unitPrice")).singleElement()
                .extracting(FieldError::message).asString().contains("minor units");
        assertThat(problem.getMessage()).isEqualTo("6 fields of the order are not valid");
    }

    @Test
    void refusesAPhysicalOrderWithoutAddress() {
        ObjectNode order = physicalOrder();
        order.remove("shipTo");

        assertThat(fieldErrors(order)).containsExactly(new FieldError("shipTo", "is required for a PHYSICAL order"));
    }

    @Test
    void refusesADigitalOrderWithAnAddress() {
        ObjectNode order = digitalOrder();
        order.set("shipTo", physicalOrder().get("shipTo"));

        assertThat(fieldErrors(order)).extracting(FieldError::field).containsExactly("shipTo");
    }

    @Test
    void refusesAnOrderWithoutItems() {
        ObjectNode order = physicalOrder();
        order.set("items", JSON.createArrayNode());

        assertThat(fieldErrors(order)).containsExactly(new FieldError("items", "must hold at least one item"));
    }

    @Test
    void refusesNegativePricesAndTooManyItems() {
        ObjectNode order = physicalOrder();
        ((ObjectNode) order.get("items").get(0)).put("unitPrice", -5);
        assertThat(fieldErrors(order)).extracting(FieldError::field).containsExactly("items[0].unitPrice");

        ArrayNode many = JSON.createArrayNode();
        for (int i = 0; i <= OrderRequestParser.MAX_ITEMS; i++) {
            many.add(physicalOrder().get("items").get(0));
        }
        order.set("items", many);
        assertThat(fieldErrors(order)).extracting(FieldError::message).singleElement().asString().contains("at most 100");
    }

    @Test
    void refusesFieldsTheApiDoesNotKnowSoTyposAreNotSilentlyLost() {
        ObjectNode order = physicalOrder();
        ((ObjectNode) order.get("items").get(0)).put("quantiy", 3);

        assertThat(fieldErrors(order)).extracting(FieldError::field).containsExactly("items[0].quantiy");
    }

    @Test
    void refusesWrongTypes() {
        ObjectNode order = physicalOrder();
        order.put("customerId", 1001);
        order.put("items", "all of them");

        assertThat(fieldErrors(order)).containsExactlyInAnyOrder(
                new FieldError("customerId", "must be a string"),
                new FieldError("items", "must be an array of items"));
    }

    @Test
    void refusesABodyThatIsNotAnObject() {
        JsonNode array = JSON.createArrayNode();

        ProblemException problem = catchThrowableOfType(ProblemException.class, () -> OrderRequestParser.parse(array));

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.getMessage()).contains("JSON object");
    }

    @Test
    void readsTheContactEmailAndPaymentWhenGivenAndLeavesThemOutOtherwise() {
        ObjectNode order = physicalOrder();
        order.put("contactEmail", "ada@example.com");
        order.putObject("payment").put("method", "CARD").put("label", "Visa ending in 4242");

        OrderRequest request = OrderRequestParser.parse(order);
        OrderRequest without = OrderRequestParser.parse(physicalOrder());

        assertThat(request.contactEmail()).hasValue("ada@example.com");
        assertThat(request.payment()).hasValue(new OrderRequest.Payment(PaymentMethod.CARD, "Visa ending in 4242"));
        assertThat(without.contactEmail()).isEmpty();
        assertThat(without.payment()).isEmpty();
    }

    @Test
    void refusesAPaymentLabelHoldingACardNumberHoweverItIsWritten() {
        for (String label : List.of("4242424242424242", "Visa 4242 4242 4242 4242", "card 4242-4242-4242-4242",
                "Amex 378282246310005")) {
            ObjectNode order = physicalOrder();
            order.putObject("payment").put("method", "CARD").put("label", label);

            assertThat(fieldErrors(order)).as(label).singleElement().satisfies(error -> {
                assertThat(error.field()).isEqualTo("payment.label");
                assertThat(error.message()).contains("card number");
            });
        }
    }

    @Test
    void refusesABadEmailAnUnknownMethodALongLabelAndTheUnknownSymbol() {
        ObjectNode order = physicalOrder();
        order.put("contactEmail", "ada at example");
        order.putObject("payment").put("method", "UNKNOWN").put("label", "x".repeat(61));
        ObjectNode other = physicalOrder();
        other.put("shippingSpeed", "UNKNOWN");

        assertThat(fieldErrors(order)).extracting(FieldError::field)
                .containsExactlyInAnyOrder("contactEmail", "payment.method", "payment.label");
        assertThat(fieldErrors(other)).singleElement().satisfies(error -> assertThat(error.message())
                .isEqualTo("must be one of STANDARD, EXPEDITED, PRIORITY, not 'UNKNOWN'"));
    }

    private static java.util.List<FieldError> fieldErrors(JsonNode order) {
        ProblemException problem = catchThrowableOfType(ProblemException.class, () -> OrderRequestParser.parse(order));
        assertThat(problem).as("the order should be refused").isNotNull();
        return problem.errors();
    }
}
