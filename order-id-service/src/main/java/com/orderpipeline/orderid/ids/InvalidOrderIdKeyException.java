package com.orderpipeline.orderid.ids;

/**
 * An {@code ORDER_ID_KEY} the service refuses to start with. The message names the variable and says what to
 * change, never the key itself.
 */
public final class InvalidOrderIdKeyException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidOrderIdKeyException(String message) {
        super(message);
    }
}
