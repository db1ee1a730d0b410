package com.orderpipeline.orderid.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.orderpipeline.runtime.http.FieldError;
import com.orderpipeline.runtime.http.ProblemException;
import com.orderpipeline.schemas.avro.RequestedBy;
import com.orderpipeline.schemas.avro.ReturnReason;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReturnRequestParserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REASONS = "DAMAGED, DEFECTIVE, WRONG_ITEM, NOT_AS_DESCRIBED, NO_LONGER_NEEDED, ARRIVED_LATE, OTHER";

    static ObjectNode aReturn() {
        try {
            return (ObjectNode) JSON.readTree("""
                    {"items": [{"sku": "B00X4WHP5E", "quantity": 1}, {"sku": "B07FZ8S74R", "quantity": 2}],
                     "reason": "DAMAGED", "comment": "The screen arrived cracked"}""");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsTheExampleReturnOfTheApiAsTheCustomers() {
        ReturnRequest request = ReturnRequestParser.parse(aReturn());

        assertThat(request.items()).containsExactly(new ReturnRequest.Item("B00X4WHP5E", 1), new ReturnRequest.Item("B07FZ8S74R", 2));
        assertThat(request.reason()).isEqualTo(ReturnReason.DAMAGED);
        assertThat(request.comment()).hasValue("The screen arrived cracked");
        assertThat(request.requestedBy()).isEqualTo(RequestedBy.CUSTOMER);
    }

    @Test
    void readsWhoAsksAndLeavesABlankCommentOut() {
        ObjectNode body = aReturn().put("requestedBy", "SUPPORT").put("comment", "   ");

        ReturnRequest request = ReturnRequestParser.parse(body);

        assertThat(request.requestedBy()).isEqualTo(RequestedBy.SUPPORT);
        assertThat(request.comment()).isEmpty();
    }

    @Test
    void keepsTheLineBreaksOfAComment() {
        ReturnRequest request = ReturnRequestParser.parse(aReturn().put("comment", "Cracked screen.\nBox was fine."));

        assertThat(request.comment()).hasValue("Cracked screen.\nBox was fine.");
    }

    @Test
    void namesEveryBadFieldAtOnce() {
        ObjectNode body = aReturn().put("reason", "BORED").put("when", 1);
        ((ObjectNode) body.get("items").get(0)).put("quantity", 0);
        ((ObjectNode) body.get("items").get(1)).remove("sku");

        ProblemException problem = catchThrowableOfType(ProblemException.class, () -> ReturnRequestParser.parse(body));

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.getMessage()).isEqualTo("4 fields of a return are not valid");
        assertThat(problem.errors()).containsExactlyInAnyOrder(
                new FieldError("when", "is not a field of a return (known: comment, items, reason, requestedBy)"),
                new FieldError("items[0].quantity", "must be from 1 to 9999, not 0"),
                new FieldError("items[1].sku", "is required"),
                new FieldError("reason", "must be one of " + REASONS + ", not 'BORED'"));
    }

    @Test
    void refusesAReturnWithoutItems() {
        ObjectNode missing = aReturn();
        missing.remove("items");
        ObjectNode empty = aReturn();
        empty.putArray("items");
        ObjectNode notAnArray = aReturn().put("items", "B00X4WHP5E");

        assertThat(fieldErrors(missing)).containsExactly(new FieldError("items", "is required: a return needs at least one item"));
        assertThat(fieldErrors(empty)).containsExactly(new FieldError("items", "must hold at least one item"));
        assertThat(fieldErrors(notAnArray)).containsExactly(new FieldError("items", "must be an array of items"));
    }

    @Test
    void refusesMoreThanAHundredLines() {
        ObjectNode body = aReturn();
        ArrayNode items = body.putArray("items");
        for (int i = 0; i <= 100; i++) {
            items.addObject().put("sku", "SKU-" + i).put("quantity", 1);
        }

        assertThat(fieldErrors(body)).containsExactly(new FieldError("items", "may hold at most 100 items, not 101"));
    }

    @Test
    void refusesALineThatIsNoObjectOrHasFieldsOfAnOrderLine() {
        ObjectNode body = aReturn();
        ((ArrayNode) body.get("items")).add("B00X4WHP5E");
        ((ObjectNode) body.get("items").get(0)).put("unitPrice", 14999);

        assertThat(fieldErrors(body)).containsExactlyInAnyOrder(
                new FieldError("items[2]", "must be an object with sku and quantity"),
                new FieldError("items[0].unitPrice", "is not a field of a return (known: quantity, sku)"));
    }

    @Test
    void refusesASkuThatIsBlankTooLongOrNoString() {
        ObjectNode body = aReturn();
        ((ObjectNode) body.get("items").get(0)).put("sku", " ");
        ((ObjectNode) body.get("items").get(1)).put("sku", "S".repeat(41));
        ((ArrayNode) body.get("items")).addObject().put("sku", 42).put("quantity", 1);

        assertThat(fieldErrors(body)).containsExactlyInAnyOrder(
                new FieldError("items[0].sku", "must not be empty"),
                new FieldError("items[1].sku", "must be at most 40 characters, not 41"),
                new FieldError("items[2].sku", "must be a string"));
    }

    @Test
    void refusesAQuantityThatIsNoWholeNumberFromOneToTheOrdersLimit() {
        ObjectNode body = aReturn();
        ((ObjectNode) body.get("items").get(0)).put("quantity", 1.5);
        ((ObjectNode) body.get("items").get(1)).put("quantity", 10_000);
        ((ArrayNode) body.get("items")).addObject().put("sku", "B01").put("quantity", "2");
        ((ArrayNode) body.get("items")).addObject().put("sku", "B02");

        assertThat(fieldErrors(body)).containsExactlyInAnyOrder(
                new FieldError("items[0].quantity", "must be a whole number"),
                new FieldError("items[1].quantity", "must be from 1 to 9999, not 10000"),
                new FieldError("items[2].quantity", "must be a whole number"),
                new FieldError("items[3].quantity", "is required"));
    }

    @Test
    void refusesTheSameSkuOnTwoLines() {
        ObjectNode body = aReturn();
        ((ObjectNode) body.get("items").get(1)).put("sku", "B00X4WHP5E");

        assertThat(fieldErrors(body)).containsExactly(new FieldError("items[1].sku",
                "appears twice (also in items[0]); put the whole quantity of a SKU on one line"));
    }

    @Test
    void requiresAReasonTheApiNames() {
        ObjectNode missing = aReturn();
        missing.remove("reason");
        ObjectNode number = aReturn().put("reason", 3);

        assertThat(fieldErrors(missing)).containsExactly(new FieldError("reason", "is required: one of " + REASONS));
        assertThat(fieldErrors(number)).containsExactly(new FieldError("reason", "must be a string"));
    }

    @Test
    void refusesTheUnknownStandInForWhoAsks() {
        assertThat(fieldErrors(aReturn().put("requestedBy", "UNKNOWN"))).containsExactly(
                new FieldError("requestedBy", "must be one of CUSTOMER, SUPPORT, MERCHANT, not 'UNKNOWN'"));
        assertThat(fieldErrors(aReturn().put("requestedBy", "ROBOT"))).extracting(FieldError::field).containsExactly("requestedBy");
    }

    @Test
    void refusesACommentTooLongNoStringOrWithControlCharacters() {
        assertThat(fieldErrors(aReturn().put("comment", "x".repeat(501))))
                .containsExactly(new FieldError("comment", "must be at most 500 characters, not 501"));
        assertThat(fieldErrors(aReturn().put("comment", 5))).containsExactly(new FieldError("comment", "must be a string"));
        assertThat(fieldErrors(aReturn().put("comment", "bell\u0007")))
                .containsExactly(new FieldError("comment", "must not contain control characters other than line breaks"));
        assertThat(ReturnRequestParser.parse(aReturn().put("comment", "x".repeat(500))).comment()).hasValueSatisfying(
                comment -> assertThat(comment).hasSize(500));
    }

    @Test
    void refusesACommentHoldingACardNumber() {
        List<FieldError> errors = fieldErrors(aReturn().put("comment", "Refund to my card 4242 4242 4242 4242 please"));

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("comment");
            assertThat(error.message()).startsWith("must not hold a card number (12 or more digits in a row)");
        });
        assertThat(ReturnRequestParser.parse(aReturn().put("comment", "Order 114-3941689-8772232, box 2 of 3")).comment())
                .isEqualTo(Optional.of("Order 114-3941689-8772232, box 2 of 3"));
    }

    private static List<FieldError> fieldErrors(JsonNode body) {
        ProblemException problem = catchThrowableOfType(ProblemException.class, () -> ReturnRequestParser.parse(body));
        assertThat(problem).as("the return should be refused").isNotNull();
        return problem.errors();
    }
}
