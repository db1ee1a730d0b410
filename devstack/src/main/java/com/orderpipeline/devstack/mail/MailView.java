package com.orderpipeline.devstack.mail;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * One e-mail of the mailbox as its recipient reads it: to whom, the subject, the text and HTML parts, when it
 * was sent.
 *
 * @param id the mailbox's own number for it, 1 for the first mail since devstack started
 */
public record MailView(long id, String to, String subject, String text, String html, Instant sentAt,
                       String messageId) {

    static MailView of(long id, MimeMessage message, Instant receivedAt) throws MessagingException, IOException {
        Address[] to = message.getRecipients(Message.RecipientType.TO);
        Parts parts = new Parts();
        parts.read(message);
        return new MailView(id, to == null ? "" : Arrays.stream(to).map(Address::toString).collect(Collectors.joining(", ")),
                message.getSubject() == null ? "" : message.getSubject(), parts.text, parts.html,
                message.getSentDate() == null ? receivedAt : message.getSentDate().toInstant(), message.getMessageID());
    }

    /** The first text/plain and text/html parts, however deep in multipart/alternative or mixed they are. */
    private static final class Parts {
        String text = "";
        String html = "";

        void read(Part part) throws MessagingException, IOException {
            if (part.isMimeType("text/plain") && text.isEmpty()) {
                text = part.getContent().toString();
            } else if (part.isMimeType("text/html") && html.isEmpty()) {
                html = part.getContent().toString();
            } else if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart body = multipart.getBodyPart(i);
                    read(body);
                }
            }
        }
    }
}
