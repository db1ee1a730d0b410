package com.orderpipeline.benchmarks.returns;

import com.orderpipeline.benchmarks.load.CommittedTopic;
import com.orderpipeline.schemas.avro.RefundIssued;
import com.orderpipeline.schemas.avro.ReturnEvent;
import com.orderpipeline.schemas.avro.ReturnStatus;
import com.orderpipeline.schemas.topics.Topic;
import com.orderpipeline.schemas.topics.TopicCatalog;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * What returns-stream, exactly-once, wrote in the load run, as a read_committed consumer sees it: the refunds and
 * their amounts, the return events by status and decline reason, the rejected scans and the dead letters. A load
 * run whose returns were not all refunded measured the wrong work, and says so.
 */
record ReturnsOutcome(String refundTopic, String eventTopic, long refunds, long refunded, long wrongAmounts,
                      Map<ReturnStatus, Long> events, Map<String, Long> declines, long rejectedScans, long deadLetters) {

    static ReturnsOutcome read(String bootstrap, TopicCatalog topics) {
        List<RefundIssued> refunds = readAll(bootstrap, topics.paymentsRefunds());
        Map<ReturnStatus, Long> events = new EnumMap<>(ReturnStatus.class);
        Map<String, Long> declines = new TreeMap<>();
        for (ReturnEvent event : readAll(bootstrap, topics.ordersReturns())) {
            events.merge(event.getStatus(), 1L, Long::sum);
            if (event.getDeclineReason() != null) {
                declines.merge(event.getDeclineReason().name(), 1L, Long::sum);
            }
        }
        return new ReturnsOutcome(topics.paymentsRefunds().name(), topics.ordersReturns().name(), refunds.size(),
                refunds.stream().mapToLong(RefundIssued::getAmount).sum(),
                refunds.stream().filter(refund -> refund.getAmount() != ReturnsLoadData.KINDLE_PRICE
                        || !refund.getCurrency().equals("USD")).count(),
                events, declines, readAll(bootstrap, topics.returnsRejected()).size(),
                readAll(bootstrap, topics.deadLetter()).size());
    }

    void report(int orders, long refundEach) {
        System.out.printf("  refunds %,d of %,d on %s (read_committed), %,d minor units USD (%,d expected)%s%n",
                refunds, orders, refundTopic, refunded, refundEach * orders,
                wrongAmounts == 0 ? "" : ", " + wrongAmounts + " of them not the Kindle's price in USD");
        System.out.printf("  return events on %s (read_committed): %s; declined %,d%s, closed %,d, scans rejected"
                + " %,d, dead letters %,d%n", eventTopic,
                events.entrySet().stream().map(entry -> entry.getKey() + " " + String.format("%,d", entry.getValue()))
                        .collect(Collectors.joining(", ")),
                events.getOrDefault(ReturnStatus.DECLINED, 0L), declines.isEmpty() ? "" : " " + declines,
                events.getOrDefault(ReturnStatus.CLOSED, 0L), rejectedScans, deadLetters);
        if (refunds != orders || wrongAmounts > 0 || rejectedScans > 0 || deadLetters > 0) {
            System.out.println("  NOT EVERY ORDER WAS REFUNDED ONCE AT ITS PRICE: the input or returns-stream is wrong,"
                    + " and the figures above measure something else than the returns of " + orders + " orders");
        }
    }

    private static <V> List<V> readAll(String bootstrap, Topic<?, V> topic) {
        Deserializer<V> values = topic.valueSerde().deserializer();
        List<V> all = new ArrayList<>();
        CommittedTopic.readAll(bootstrap, topic.name(), record -> all.add(values.deserialize(topic.name(), record.value())));
        return all;
    }
}
