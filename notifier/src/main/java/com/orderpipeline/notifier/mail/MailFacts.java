package com.orderpipeline.notifier.mail;

import com.orderpipeline.notifier.avro.MailLine;
import com.orderpipeline.notifier.avro.ParkedMail;
import java.util.List;
import java.util.Map;

/**
 * What one event says for its mail, before the order is known: the kind, the key that makes the mail one per
 * event, the event's own placeholders and the item lines it names (their titles come from the order).
 *
 * @param eventKey unique among the order's mails of this kind: the fulfillment sequence, the carrier's eventId,
 *                 the returnId, the refundId
 */
public record MailFacts(MailKind kind, String eventKey, Map<String, String> values, List<MailLine> lines) {

    public MailFacts {
        values = Map.copyOf(values);
        lines = List.copyOf(lines);
    }

    /**
     * {@code <orderId>.<kind>.<eventKey>}, with any character a Message-ID may not hold replaced: the mail's
     * identity in the outbox, in the store of decided mails and in its Message-ID.
     */
    public String mailId(String orderId) {
        return safe(orderId) + "." + kind.templateName() + "." + safe(eventKey);
    }

    private static String safe(String part) {
        return part.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    public ParkedMail parked() {
        return new ParkedMail(kind.name(), eventKey, values, lines);
    }

    public static MailFacts of(ParkedMail parked) {
        return new MailFacts(MailKind.valueOf(parked.getKind()), parked.getEventKey(), parked.getValues(),
                parked.getLines());
    }
}
