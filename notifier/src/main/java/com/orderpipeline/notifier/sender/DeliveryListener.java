package com.orderpipeline.notifier.sender;

import com.orderpipeline.notifier.avro.MailDelivery;

/** What the sender tells the metrics. */
public interface DeliveryListener {
    /** Why a mail is tried again. */
    enum Retry { DEFERRED, UNAVAILABLE }

    /** A mail is done: sent, refused or given up. */
    void delivered(MailDelivery delivery);

    void retried(Retry why);

    /** Whether the SMTP server took the last mail, or could not be reached: for health. */
    void serverUp(boolean up, String detail);
}
