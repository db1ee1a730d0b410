package com.orderpipeline.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.orderpipeline.embedded.testing.SharedKafka;
import com.orderpipeline.notifier.avro.DeliveryOutcome;
import com.orderpipeline.notifier.avro.MailDelivery;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SMTP server down for the first 30 seconds: the mails wait and none is lost; once it is up every order gets
 * its confirmation once, and neither a restart of the notifier nor a replay of the orders sends any again.
 */
@ExtendWith(SharedKafka.class)
class SmtpOutageIT {
    private static final int ORDERS = 5;

    @TempDir
    Path stateDir;

    @Test
    void mailWaitsForTheServerAndIsSentOnceWhenItIsBack() throws Exception {
        int port = freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        List<String> orders = IntStream.rangeClosed(1, ORDERS).mapToObj(n -> Mails.orderId(700 + n)).toList();
        try (RunningNotifier notifier = new RunningNotifier("smtp-outage", stateDir, port).start()) {
            orders.forEach(id -> notifier.place(id, "buyer" + id.substring(16) + "@example.com"));

            // the server is down: for 30 s nothing is marked sent, and nothing given up
            await().during(Duration.ofSeconds(30)).atMost(Duration.ofSeconds(40))
                    .until(() -> notifier.deliveries().isEmpty());

            smtp.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> smtp.getReceivedMessages().length == ORDERS);
            assertThat(subjects(smtp)).containsExactlyInAnyOrderElementsOf(
                    orders.stream().map(id -> "Your order " + id + " is confirmed").toList());
            await().atMost(Duration.ofSeconds(10)).until(() -> notifier.deliveries().size() == ORDERS);
            assertThat(notifier.deliveries()).extracting(MailDelivery::getOutcome).containsOnly(DeliveryOutcome.SENT);

            // a restart and a replay of every order: nothing is sent again, and a new order still gets its mail
            notifier.stop();
            notifier.start();
            orders.forEach(id -> notifier.place(id, "buyer" + id.substring(16) + "@example.com"));
            String late = Mails.orderId(799);
            notifier.place(late, "late@example.com");
            await().atMost(Duration.ofSeconds(60)).until(() -> smtp.getReceivedMessages().length == ORDERS + 1);
            await().atMost(Duration.ofSeconds(30)).until(notifier::readEveryOrder);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> smtp.getReceivedMessages().length == ORDERS + 1);
            assertThat(subjects(smtp)).contains("Your order " + late + " is confirmed").doesNotHaveDuplicates();
        } finally {
            smtp.stop();
        }
    }

    private static List<String> subjects(GreenMail smtp) {
        return Arrays.stream(smtp.getReceivedMessages()).map(SmtpOutageIT::subject).toList();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
