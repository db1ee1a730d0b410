package com.orderpipeline.notifier.sender;

import com.orderpipeline.notifier.avro.DeliveryOutcome;
import com.orderpipeline.notifier.avro.MailDelivery;
import com.orderpipeline.notifier.avro.OutgoingMail;
import com.orderpipeline.notifier.smtp.SendResult;
import com.orderpipeline.notifier.smtp.SmtpMailer;
import com.orderpipeline.notifier.smtp.SmtpUnavailableException;
import com.orderpipeline.runtime.kafka.KafkaSettings;
import com.orderpipeline.runtime.lifecycle.Backoff;
import com.orderpipeline.schemas.serde.RegistryUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One life of the sender's Kafka clients: a read_committed consumer of the outbox and its retry topic and a
 * transactional producer, one transaction per mail (its delivery record, the retry if it was deferred, and its
 * offset). A mail on the retry topic that is not due yet pauses its partition until it is. Kafka failures end
 * the session; {@link OutboxSender} starts a new one.
 */
final class SenderSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SenderSession.class);

    /** How the session waits: answers false once the sender is closing. */
    interface Waiter {
        boolean await(Duration wait);
    }

    private final SenderSettings settings;
    private final SmtpMailer mailer;
    private final DeliveryListener listener;
    private final Clock clock;
    private final Waiter waiter;
    private final KafkaConsumer<String, OutgoingMail> consumer;
    private final KafkaProducer<String, Object> producer;
    private final Map<TopicPartition, Instant> pausedUntil = new HashMap<>();
    private final Backoff unavailable = Backoff.of(Duration.ofMillis(500), Duration.ofSeconds(30));

    SenderSession(SenderSettings settings, KafkaSettings kafka, Serde<OutgoingMail> mails,
                  Serde<MailDelivery> deliveries, SmtpMailer mailer, DeliveryListener listener, Clock clock,
                  Waiter waiter) {
        this.settings = settings;
        this.mailer = mailer;
        this.listener = listener;
        this.clock = clock;
        this.waiter = waiter;
        this.consumer = new KafkaConsumer<>(kafka.with(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, settings.groupId(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // each mail is one SMTP exchange and one transaction: a small batch keeps a poll's work short
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20)), new StringDeserializer(), mails.deserializer());
        KafkaProducer<String, Object> made = null;
        try {
            made = new KafkaProducer<>(kafka.with(Map.of(
                    ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.groupId() + "-" + UUID.randomUUID(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)), new StringSerializer(),
                    new RecordSerializer(mails, deliveries));
            made.initTransactions();
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            if (made != null) {
                made.close(Duration.ZERO);
            }
            throw e;
        }
        this.producer = made;
    }

    void run(BooleanSupplier running) {
        consumer.subscribe(List.of(settings.outboxTopic(), settings.retryTopic()), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                partitions.forEach(pausedUntil::remove);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                partitions.forEach(pausedUntil::remove);
            }
        });
        while (running.getAsBoolean()) {
            resumeDue();
            ConsumerRecords<String, OutgoingMail> records;
            try {
                records = consumer.poll(Duration.ofMillis(500));
            } catch (RecordDeserializationException e) {
                if (!unreadable(e)) {
                    waiter.await(unavailable.next());
                }
                continue;
            }
            if (!sendAll(records, running) && running.getAsBoolean()) {
                waiter.await(unavailable.next());
            }
        }
    }

    /** Sends the batch in order; false when the server became unavailable (the rest is read again). */
    private boolean sendAll(ConsumerRecords<String, OutgoingMail> records, BooleanSupplier running) {
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, OutgoingMail> record : records.records(partition)) {
                if (!running.getAsBoolean()) {
                    rewind(records, partition, record);
                    return true;
                }
                OutgoingMail mail = record.value();
                Instant now = clock.instant();
                if (mail.getNotBefore().isAfter(now)) {
                    consumer.seek(partition, record.offset());
                    consumer.pause(List.of(partition));
                    pausedUntil.put(partition, mail.getNotBefore());
                    break;
                }
                try {
                    finish(record, partition, mailer.send(mail));
                } catch (SmtpUnavailableException e) {
                    LOG.warn("Mail waits: {}", e.getMessage());
                    listener.serverUp(false, e.getMessage());
                    listener.retried(DeliveryListener.Retry.UNAVAILABLE);
                    rewind(records, partition, record);
                    return false;
                }
            }
        }
        return true;
    }

    /** Seeks every partition of the batch back to its first record not yet done, from {@code from} on. */
    private void rewind(ConsumerRecords<String, OutgoingMail> records, TopicPartition current,
                        ConsumerRecord<String, OutgoingMail> from) {
        boolean after = false;
        for (TopicPartition partition : records.partitions()) {
            if (partition.equals(current)) {
                consumer.seek(partition, from.offset());
                after = true;
            } else if (after) {
                consumer.seek(partition, records.records(partition).get(0).offset());
            }
        }
    }

    private void finish(ConsumerRecord<String, OutgoingMail> record, TopicPartition partition, SendResult result) {
        listener.serverUp(true, "took the last mail");
        OutgoingMail mail = record.value();
        Instant now = clock.instant();
        producer.beginTransaction();
        MailDelivery delivery = switch (result.outcome()) {
            case SENT -> delivery(mail, DeliveryOutcome.SENT, null, now);
            case REFUSED -> {
                LOG.warn("The SMTP server refused mail {} for order {} for good: {}", mail.getMailId(),
                        mail.getOrderId(), result.reply());
                yield delivery(mail, DeliveryOutcome.REJECTED, result.reply(), now);
            }
            case DEFERRED -> deferred(mail, result.reply(), now);
        };
        if (delivery != null) {
            producer.send(new ProducerRecord<>(settings.deliveriesTopic(), mail.getOrderId(), delivery));
        }
        producer.sendOffsetsToTransaction(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)),
                consumer.groupMetadata());
        producer.commitTransaction();
        if (delivery != null) {
            listener.delivered(delivery);
        } else {
            listener.retried(DeliveryListener.Retry.DEFERRED);
        }
    }

    /** Puts a deferred mail on the retry topic and answers null, or answers GAVE_UP once it is too old. */
    private MailDelivery deferred(OutgoingMail mail, String reply, Instant now) {
        if (Duration.between(mail.getDecidedAt(), now).compareTo(settings.giveUpAfter()) >= 0) {
            LOG.warn("Gave mail {} for order {} up after {} tries: {}", mail.getMailId(), mail.getOrderId(),
                    mail.getAttempt() + 1, reply);
            return delivery(mail, DeliveryOutcome.GAVE_UP, reply, now);
        }
        int attempt = mail.getAttempt() + 1;
        OutgoingMail retry = OutgoingMail.newBuilder(mail).setAttempt(attempt)
                .setNotBefore(now.plus(settings.waitAfter(attempt))).setLastReply(reply).build();
        LOG.info("The SMTP server deferred mail {} for order {} ({}); trying again at {}", mail.getMailId(),
                mail.getOrderId(), reply, retry.getNotBefore());
        producer.send(new ProducerRecord<>(settings.retryTopic(), mail.getOrderId(), retry));
        return null;
    }

    private static MailDelivery delivery(OutgoingMail mail, DeliveryOutcome outcome, String reply, Instant at) {
        return new MailDelivery(mail.getMailId(), mail.getOrderId(), mail.getKind(), mail.getTo(), outcome, reply,
                mail.getAttempt() + 1, at);
    }

    private void resumeDue() {
        Instant now = clock.instant();
        List<TopicPartition> due = pausedUntil.entrySet().stream().filter(e -> !e.getValue().isAfter(now))
                .map(Map.Entry::getKey).toList();
        if (!due.isEmpty()) {
            due.forEach(pausedUntil::remove);
            consumer.resume(due);
        }
    }

    /**
     * A record the registry could not help read is read again later (false); one that can never be read is
     * logged and stepped over (true): the outbox is the notifier's own, so this is a bug, not a customer's mail.
     */
    private boolean unreadable(RecordDeserializationException e) {
        if (isCause(e, RegistryUnavailableException.class::isInstance)) {
            LOG.warn("Cannot read the outbox while the schema registry is away: {}", e.getMessage());
            return false;
        }
        LOG.error("Skipping an unreadable outbox record at {} offset {}", e.topicPartition(), e.offset(), e);
        consumer.seek(e.topicPartition(), e.offset() + 1);
        return true;
    }

    private static boolean isCause(Throwable error, Predicate<Throwable> test) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (test.test(t)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        try {
            consumer.close(Duration.ofSeconds(10));
        } finally {
            producer.close(Duration.ofSeconds(10));
        }
    }
}
