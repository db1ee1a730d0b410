package com.orderpipeline.orderid.orders;

import com.orderpipeline.orderid.blocks.SequenceUnavailableException;
import com.orderpipeline.schemas.avro.Channel;

/** Issues the next order ID of a channel. */
@FunctionalInterface
public interface OrderIds {
    /** @throws SequenceUnavailableException when no block of sequence numbers is at hand */
    String issue(Channel channel);
}
