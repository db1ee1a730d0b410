package com.orderpipeline.notifier.sender;

import com.orderpipeline.notifier.avro.MailDelivery;
import com.orderpipeline.notifier.avro.OutgoingMail;
import com.orderpipeline.notifier.smtp.SmtpMailer;
import com.orderpipeline.runtime.http.Health;
import com.orderpipeline.runtime.lifecycle.Backoff;
import com.orderpipeline.runtime.streams.HeadlessStreamsApp;
import com.orderpipeline.runtime.kafka.KafkaSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.Serde;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the outbox on a thread of its own, so that no SMTP server, slow or down, ever holds up a stream
 * thread: reads {@code notifier.outbox} and {@code notifier.outbox.retry} (read_committed), sends each mail,
 * and records what became of it on {@code notifier.deliveries} in the same Kafka transaction that commits its
 * offset. A mail is therefore sent at most once, except when the process stops between the SMTP server's
 * acceptance and that commit: then it is sent again after the restart (docs/notifications.md).
 *
 * <p>A server that cannot be reached is waited for with backoff (0.5 s doubling to 30 s), the mail tried again,
 * nothing skipped. A mail refused for good (5xx) is recorded and skipped; one deferred (4xx) goes to the retry
 * topic with the time of its next try, so the mails behind it go on.
 */
public final class OutboxSender implements HeadlessStreamsApp.Worker {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);

    private final SenderSettings settings;
    private final KafkaSettings kafka;
    private final Serde<OutgoingMail> mails;
    private final Serde<MailDelivery> deliveries;
    private final SmtpMailer mailer;
    private final DeliveryListener listener;
    private final Clock clock;
    private final Backoff restartBackoff = Backoff.of(Duration.ofSeconds(1), Duration.ofSeconds(30));
    private final Thread thread;
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile boolean polling;
    private volatile String smtp = "UP: no mail sent yet";

    public OutboxSender(SenderSettings settings, KafkaSettings kafka, Serde<OutgoingMail> mails,
                        Serde<MailDelivery> deliveries, SmtpMailer mailer,
                        DeliveryListener listener, Clock clock) {
        this.settings = settings;
        this.kafka = kafka;
        this.mails = mails;
        this.deliveries = deliveries;
        this.mailer = mailer;
        this.listener = new RememberingServerState(listener);
        this.clock = clock;
        this.thread = new Thread(this::run, "notifier-sender");
    }

    public OutboxSender start() {
        thread.start();
        return this;
    }

    /** Passes everything on, and keeps the SMTP server's last state for {@link #readiness}. */
    private final class RememberingServerState implements DeliveryListener {
        private final DeliveryListener next;

        RememberingServerState(DeliveryListener next) {
            this.next = next;
        }

        @Override
        public void delivered(MailDelivery delivery) {
            next.delivered(delivery);
        }

        @Override
        public void retried(Retry why) {
            next.retried(why);
        }

        @Override
        public void serverUp(boolean up, String detail) {
            smtp = (up ? "UP: " : "DOWN: ") + detail;
            next.serverUp(up, detail);
        }
    }

    /** Alive while its thread runs; it only stops when closed. */
    @Override
    public Health liveness() {
        boolean alive = thread.isAlive() || !running;
        return new Health(alive, Map.of("sender", alive ? "UP" : "DOWN: its thread stopped"));
    }

    /**
     * Ready while it reads the outbox. An SMTP server that is down delays mail but is no reason to take the
     * service out: it shows in the details and in notifier_mails_retried_total.
     */
    @Override
    public Health readiness() {
        return new Health(polling, Map.of("sender", polling ? "UP" : "DOWN: not reading the outbox", "smtp", smtp));
    }

    private void run() {
        try {
            while (running) {
                try (SenderSession session = new SenderSession(settings, kafka, mails, deliveries, mailer, listener,
                        clock, this::sleep)) {
                    polling = true;
                    session.run(() -> running);
                } catch (KafkaException | IllegalStateException e) {
                    polling = false;
                    if (running) {
                        Duration wait = restartBackoff.next();
                        LOG.warn("The sender lost its Kafka clients; starting them again in {} ms", wait.toMillis(), e);
                        sleep(wait);
                    }
                }
            }
        } finally {
            polling = false;
            mailer.close();
        }
    }

    /** Waits, or less when closed; answers whether it is still running. */
    private boolean sleep(Duration wait) {
        try {
            closing.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return running;
    }

    /** The topics it reads, for the checks at start. */
    public List<String> inputTopics() {
        return List.of(settings.outboxTopic(), settings.retryTopic());
    }

    /** Stops after the mail in hand (its offset committed), within 30 seconds. */
    @Override
    public void close() {
        running = false;
        closing.countDown();
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("The sender did not stop within 30 s");
        }
    }
}
