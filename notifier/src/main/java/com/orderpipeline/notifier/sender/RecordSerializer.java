package com.orderpipeline.notifier.sender;

import com.orderpipeline.notifier.avro.MailDelivery;
import com.orderpipeline.notifier.avro.OutgoingMail;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** The sender's one producer writes two kinds of value: mails to retry and delivery records. */
final class RecordSerializer implements Serializer<Object> {
    private final Serde<OutgoingMail> mails;
    private final Serde<MailDelivery> deliveries;

    RecordSerializer(Serde<OutgoingMail> mails, Serde<MailDelivery> deliveries) {
        this.mails = mails;
        this.deliveries = deliveries;
    }

    @Override
    public byte[] serialize(String topic, Object value) {
        if (value instanceof OutgoingMail mail) {
            return mails.serializer().serialize(topic, mail);
        }
        if (value instanceof MailDelivery delivery) {
            return deliveries.serializer().serialize(topic, delivery);
        }
        throw new IllegalArgumentException("Not a record the sender writes: " + value);
    }
}
