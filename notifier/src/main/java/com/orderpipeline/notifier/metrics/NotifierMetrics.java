package com.orderpipeline.notifier.metrics;

import com.orderpipeline.notifier.avro.DeliveryOutcome;
import com.orderpipeline.notifier.avro.MailDelivery;
import com.orderpipeline.notifier.avro.OutgoingMail;
import com.orderpipeline.notifier.mail.MailKind;
import com.orderpipeline.notifier.sender.DeliveryListener;
import com.orderpipeline.notifier.topology.MailListener;
import com.orderpipeline.runtime.streams.DeadLetterCounter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The notifier's own counters on {@code /metrics}: {@code notifier_mails_decided_total{kind}},
 * {@code notifier_mails_skipped_total{kind,reason}}, {@code notifier_mails_sent_total{kind}},
 * {@code notifier_mails_retried_total{reason}} (DEFERRED: a 4xx, UNAVAILABLE: the server could not be reached),
 * {@code notifier_mails_failed_total{kind,reason}} (REJECTED: a 5xx, GAVE_UP: deferred for too long) and
 * {@code notifier_dead_letters_total{cause}}, every series from the start, at zero; and {@code notifier_smtp_up}, 1
 * when the SMTP server took the last mail, 0 while it cannot be reached.
 */
public final class NotifierMetrics implements MailListener, DeliveryListener, DeadLetterCounter {
    private final Map<MailKind, Counter> decided = new EnumMap<>(MailKind.class);
    private final Map<String, Counter> skipped = new HashMap<>();
    private final Map<String, Counter> sent = new HashMap<>();
    private final Map<String, Counter> failed = new HashMap<>();
    private final Map<Retry, Counter> retried = new EnumMap<>(Retry.class);
    private final Map<Cause, Counter> deadLetters = new EnumMap<>(Cause.class);
    private final AtomicInteger smtpUp = new AtomicInteger(1);

    public NotifierMetrics(MeterRegistry registry) {
        for (MailKind kind : MailKind.values()) {
            String name = kind.templateName();
            decided.put(kind, Counter.builder("notifier.mails.decided").tag("kind", name)
                    .description("Mails decided and written to the outbox").register(registry));
            for (Skip why : Skip.values()) {
                skipped.put(name + why, Counter.builder("notifier.mails.skipped").tag("kind", name)
                        .tag("reason", why.name()).description("Events whose mail is not sent").register(registry));
            }
            sent.put(name, Counter.builder("notifier.mails.sent").tag("kind", name)
                    .description("Mails the SMTP server accepted").register(registry));
            for (DeliveryOutcome outcome : new DeliveryOutcome[]{DeliveryOutcome.REJECTED, DeliveryOutcome.GAVE_UP}) {
                failed.put(name + outcome, Counter.builder("notifier.mails.failed").tag("kind", name)
                        .tag("reason", outcome.name()).description("Mails not sent, recorded and skipped")
                        .register(registry));
            }
        }
        for (Retry why : Retry.values()) {
            retried.put(why, Counter.builder("notifier.mails.retried").tag("reason", why.name())
                    .description("Tries of a mail that will be tried again").register(registry));
        }
        registry.gauge("notifier.smtp.up", smtpUp);
        for (Cause cause : Cause.values()) {
            deadLetters.put(cause, Counter.builder("notifier.dead.letters").tag("cause", cause.name())
                    .description("Records sent to the dead-letter topic").register(registry));
        }
    }

    @Override
    public void decided(OutgoingMail mail) {
        MailKind.fromTemplateName(mail.getKind()).ifPresent(kind -> decided.get(kind).increment());
    }

    @Override
    public void skipped(MailKind kind, Skip why) {
        skipped.get(kind.templateName() + why).increment();
    }

    @Override
    public void delivered(MailDelivery delivery) {
        Counter counter = delivery.getOutcome() == DeliveryOutcome.SENT ? sent.get(delivery.getKind())
                : failed.get(delivery.getKind() + delivery.getOutcome());
        if (counter != null) {
            counter.increment();
        }
    }

    @Override
    public void retried(Retry why) {
        retried.get(why).increment();
    }

    @Override
    public void serverUp(boolean up, String detail) {
        smtpUp.set(up ? 1 : 0);
    }

    @Override
    public void deadLettered(Cause cause) {
        deadLetters.get(cause).increment();
    }
}
