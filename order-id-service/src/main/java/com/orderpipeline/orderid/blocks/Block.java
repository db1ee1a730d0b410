package com.orderpipeline.orderid.blocks;

/**
 * A block of sequence numbers an instance owns: {@code [firstSequence, firstSequence + size)}. The block number
 * is the offset of its claim record on {@code order-ids.blocks}.
 */
public record Block(long number, long firstSequence, long size) {
    public long endExclusive() {
        return firstSequence + size;
    }
}
