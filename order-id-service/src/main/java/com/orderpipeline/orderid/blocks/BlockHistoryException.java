package com.orderpipeline.orderid.blocks;

/**
 * The claims already on {@code order-ids.blocks} forbid starting with this configuration, because issuing
 * under it could hand out an ID that was issued before.
 */
public class BlockHistoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BlockHistoryException(String message) {
        super(message);
    }
}
