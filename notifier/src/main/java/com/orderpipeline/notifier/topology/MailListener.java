package com.orderpipeline.notifier.topology;

import com.orderpipeline.notifier.avro.OutgoingMail;
import com.orderpipeline.notifier.mail.MailKind;

/** What the decider tells the metrics: a mail decided, or one not sent and why. */
public interface MailListener {
    /** Why an event's mail is not sent. */
    enum Skip { NO_CONTACT_EMAIL, ALREADY_DECIDED }

    void decided(OutgoingMail mail);

    void skipped(MailKind kind, Skip why);

    MailListener NONE = new MailListener() {
        @Override
        public void decided(OutgoingMail mail) {
        }

        @Override
        public void skipped(MailKind kind, Skip why) {
        }
    };
}
