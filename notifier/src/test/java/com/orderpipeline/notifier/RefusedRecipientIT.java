package com.orderpipeline.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.orderpipeline.embedded.testing.SharedKafka;
import com.orderpipeline.notifier.avro.DeliveryOutcome;
import com.orderpipeline.notifier.avro.MailDelivery;
import com.orderpipeline.notifier.smtp.ScriptedSmtpServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One address refused for good and one deferred, both before two good ones on the same partition: the good ones
 * go at once, the refusal is recorded and skipped, the deferred one is tried again and sent.
 */
@ExtendWith(SharedKafka.class)
class RefusedRecipientIT {
    @TempDir
    Path stateDir;

    @Test
    void aRefusedAddressIsRecordedAndSkippedAndADeferredOneIsTriedAgain() {
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer()
                .replyTo("nobody@example.com", "550 5.1.1 No such user")
                .replyTo("full@example.com", "452 4.2.2 Mailbox full", "452 4.2.2 Mailbox full");
             RunningNotifier notifier = new RunningNotifier("refused-recipient", stateDir, smtp.port()).start()) {
            String refused = Mails.orderId(801);
            String deferred = Mails.orderId(802);
            String first = Mails.orderId(803);
            String second = Mails.orderId(804);

            notifier.place(refused, "nobody@example.com");
            notifier.place(deferred, "full@example.com");
            notifier.place(first, "ada@example.com");
            notifier.place(second, "grace@example.com");

            await().atMost(Duration.ofSeconds(60)).until(() -> notifier.deliveries().size() == 4);
            assertThat(notifier.deliveries()).extracting(MailDelivery::getOrderId, MailDelivery::getOutcome,
                    MailDelivery::getAttempts).containsExactlyInAnyOrder(
                    tuple(refused, DeliveryOutcome.REJECTED, 1),
                    tuple(deferred, DeliveryOutcome.SENT, 3),
                    tuple(first, DeliveryOutcome.SENT, 1),
                    tuple(second, DeliveryOutcome.SENT, 1));
            assertThat(notifier.deliveries()).filteredOn(d -> d.getOrderId().equals(refused))
                    .extracting(MailDelivery::getReply).containsExactly("550 5.1.1 No such user");
            // the deferred mail did not hold the others up: they were accepted before it
            assertThat(smtp.accepted()).containsExactlyInAnyOrder("ada@example.com", "grace@example.com",
                    "full@example.com").endsWith("full@example.com");
        }
    }
}
