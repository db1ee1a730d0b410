package com.orderpipeline.notifier.topology;

import com.orderpipeline.notifier.avro.NotifiedOrder;
import com.orderpipeline.notifier.avro.OutgoingMail;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroSerde;
import com.orderpipeline.schemas.serde.AvroSerdeConfig;
import org.apache.kafka.common.serialization.Serde;

/**
 * The serdes of the notifier's own records: the {@value NotifierTopology#ORDERS_STORE} store's values and the
 * outbox's mails, Avro in the Confluent wire format as on the pipeline's topics.
 */
public record StoreSerdes(Serde<NotifiedOrder> orders, Serde<OutgoingMail> mails) {

    public static StoreSerdes avro(SchemaRegistryClient registry, AvroSerdeConfig config) {
        return new StoreSerdes(AvroSerde.forValues(NotifiedOrder.class, registry, config),
                AvroSerde.forValues(OutgoingMail.class, registry, config));
    }
}
