package com.orderpipeline.notifier.smtp;

import com.orderpipeline.notifier.avro.OutgoingMail;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one mail at a time over one SMTP connection, kept open between mails and opened again after a failure:
 * multipart/alternative with the text and HTML parts, the Message-ID {@code <mailId@notifier.orderpipeline>}.
 * Tells a refusal of this mail (5xx, 4xx) from a server that cannot take any (see {@link SendResult}). Not
 * thread-safe: the sender's one thread uses it.
 */
public final class SmtpMailer implements AutoCloseable {
    public static final String MESSAGE_ID_DOMAIN = "notifier.orderpipeline";
    private static final Logger LOG = LoggerFactory.getLogger(SmtpMailer.class);

    private final SmtpSettings settings;
    private final InternetAddress from;
    private final Session session;
    private Transport transport;

    public SmtpMailer(SmtpSettings settings, InternetAddress from) {
        this.settings = settings;
        this.from = from;
        this.session = Session.getInstance(settings.sessionProperties());
    }

    public static String messageId(String mailId) {
        return "<" + mailId + "@" + MESSAGE_ID_DOMAIN + ">";
    }

    public SendResult send(OutgoingMail mail) throws SmtpUnavailableException {
        InternetAddress to;
        try {
            to = new InternetAddress(mail.getTo(), true);
        } catch (AddressException e) {
            return new SendResult(SendResult.Outcome.REFUSED, "not an e-mail address: " + e.getMessage());
        }
        MimeMessage message;
        try {
            message = message(mail, to);
        } catch (MessagingException e) {
            return new SendResult(SendResult.Outcome.REFUSED, "cannot be written as a message: " + e.getMessage());
        }
        try {
            connected().sendMessage(message, new Address[]{to});
            return SendResult.sent();
        } catch (MessagingException e) {
            return classify(e);
        }
    }

    private SendResult classify(MessagingException failure) throws SmtpUnavailableException {
        for (Exception e = failure; e != null; e = next(e)) {
            if (e instanceof SMTPAddressFailedException address) {
                return result(address.getReturnCode(), address.getMessage(), failure);
            }
            if (e instanceof SMTPSendFailedException send && send.getReturnCode() > 0) {
                return result(send.getReturnCode(), send.getMessage(), failure);
            }
        }
        disconnect();
        throw new SmtpUnavailableException("The SMTP server at " + settings.host() + ":" + settings.port()
                + " cannot take mail: " + failure.getMessage(), failure);
    }

    private SendResult result(int code, String reply, MessagingException failure) throws SmtpUnavailableException {
        if (code == 421 || code == 530 || code == 535) {
            // the server is closing or will not let this client send at all: no mail can go out now
            disconnect();
            throw new SmtpUnavailableException("The SMTP server refuses every mail now: " + reply, failure);
        }
        resetAfterRefusal();
        return new SendResult(code >= 500 ? SendResult.Outcome.REFUSED : SendResult.Outcome.DEFERRED, reply.strip());
    }

    private static Exception next(Exception e) {
        if (e instanceof MessagingException messaging && messaging.getNextException() != null) {
            return messaging.getNextException();
        }
        return e.getCause() instanceof Exception cause && cause != e ? cause : null;
    }

    private MimeMessage message(OutgoingMail mail, InternetAddress to) throws MessagingException {
        String messageId = messageId(mail.getMailId());
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(from);
        message.setRecipient(Message.RecipientType.TO, to);
        message.setSubject(mail.getSubject(), StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.getText(), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(mail.getHtml(), StandardCharsets.UTF_8.name(), "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        message.saveChanges();
        return message;
    }

    private Transport connected() throws MessagingException {
        if (transport == null || !transport.isConnected()) {
            disconnect();
            Transport fresh = session.getTransport(settings.protocol());
            fresh.connect(settings.host(), settings.port(), settings.user().orElse(null),
                    settings.password().orElse(null));
            transport = fresh;
        }
        return transport;
    }

    /** After a refusal the server may have left the transaction half open: start the next mail on a new one. */
    private void resetAfterRefusal() {
        disconnect();
    }

    private void disconnect() {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException e) {
                LOG.debug("Closing the SMTP connection failed", e);
            }
            transport = null;
        }
    }

    @Override
    public void close() {
        disconnect();
    }
}
