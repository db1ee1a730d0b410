package com.orderpipeline.notifier.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.orderpipeline.notifier.avro.OutgoingMail;
import jakarta.mail.internet.InternetAddress;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the mailer makes of a server's replies: sent, refused for good, deferred, or no server at all. */
class SmtpMailerTest {
    private final ScriptedSmtpServer server = new ScriptedSmtpServer();
    private final SmtpMailer mailer = mailer(server.port());

    @AfterEach
    void stop() {
        mailer.close();
        server.close();
    }

    @Test
    void sendsTextAndHtmlWithTheMessageIdOfTheEvent() throws Exception {
        SendResult result = mailer.send(mail("ada@example.com"));

        assertThat(result.outcome()).isEqualTo(SendResult.Outcome.SENT);
        assertThat(server.accepted()).containsExactly("ada@example.com");
        assertThat(server.messages().get(0)).contains("Message-ID: <114-1.confirmation.placed@notifier.orderpipeline>",
                "multipart/alternative", "text/plain; charset=UTF-8", "text/html; charset=UTF-8",
                "Subject: Your order 114-1 is confirmed");
    }

    @Test
    void aPermanentRefusalIsRefusedAndTheNextMailStillGoes() throws Exception {
        server.replyTo("nobody@example.com", "550 5.1.1 No such user");

        SendResult refused = mailer.send(mail("nobody@example.com"));
        SendResult next = mailer.send(mail("ada@example.com"));

        assertThat(refused.outcome()).isEqualTo(SendResult.Outcome.REFUSED);
        assertThat(refused.reply()).contains("550 5.1.1 No such user");
        assertThat(next.outcome()).isEqualTo(SendResult.Outcome.SENT);
        assertThat(server.accepted()).containsExactly("ada@example.com");
    }

    @Test
    void aTemporaryRefusalIsDeferred() throws Exception {
        server.replyTo("full@example.com", "452 4.2.2 Mailbox full");

        assertThat(mailer.send(mail("full@example.com")).outcome()).isEqualTo(SendResult.Outcome.DEFERRED);
        assertThat(mailer.send(mail("full@example.com")).outcome()).isEqualTo(SendResult.Outcome.SENT);
    }

    @Test
    void anAddressThatIsNoAddressIsRefusedWithoutAsking() throws Exception {
        assertThat(mailer.send(mail("not an address")).outcome()).isEqualTo(SendResult.Outcome.REFUSED);
        assertThat(server.accepted()).isEmpty();
    }

    @Test
    void aServerThatIsNotThereIsUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = free.getLocalPort();
        }
        try (SmtpMailer nowhere = mailer(closedPort)) {
            assertThatThrownBy(() -> nowhere.send(mail("ada@example.com")))
                    .isInstanceOf(SmtpUnavailableException.class);
        }
    }

    private static SmtpMailer mailer(int port) {
        try {
            return new SmtpMailer(SmtpSettings.parse("SMTP_URL", "smtp://127.0.0.1:" + port),
                    new InternetAddress("Shop <orders@shop.example>"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static OutgoingMail mail(String to) {
        return OutgoingMail.newBuilder().setMailId("114-1.confirmation.placed").setOrderId("114-1")
                .setKind("confirmation").setTo(to).setSubject("Your order 114-1 is confirmed").setText("Thank you")
                .setHtml("<p>Thank you</p>").setDecidedAt(Instant.EPOCH).setNotBefore(Instant.EPOCH).build();
    }
}
