/**
 * An analytics example: how code outside the pipeline reads its topics with the Avro serde.
 *
 * <p>{@link com.orderpipeline.devstack.analytics.AnalyticsCommand} ({@code devstack analytics}) reads
 * {@code orders.fulfillment}, {@code orders.returns} and {@code payments.refunds} from the beginning with
 * {@link com.orderpipeline.schemas.serde.AvroDeserializer} and {@code isolation.level=read_committed}, feeds every
 * {@code FulfillmentEvent}, {@code ReturnEvent} and {@code RefundIssued} to
 * {@link com.orderpipeline.devstack.analytics.FunnelStats} and prints the funnel
 * ({@link com.orderpipeline.devstack.analytics.FunnelTable}): orders per current state, the median and p95 time
 * from PLACED to SHIPPED and to DELIVERED, the cancellation and return rates, the return requests authorized and
 * declined, and the refunds per currency. {@code FunnelStats} knows nothing of Kafka, so the figures are tested
 * without a broker.
 */
package com.orderpipeline.devstack.analytics;
