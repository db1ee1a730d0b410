package com.orderpipeline.devstack.mail;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Flags;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mails devstack's SMTP server received, newest first, at most {@value #MAX_MAILS}: every half second the
 * new ones are moved out of GreenMail's inboxes (read, then expunged there) into this bounded list, so a
 * devstack that runs for days keeps a steady heap. Thread-safe.
 */
final class MailboxStore implements AutoCloseable {
    static final int MAX_MAILS = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(MailboxStore.class);

    private final GreenMail server;
    private final Deque<MailView> mails = new ArrayDeque<>();
    private final ScheduledExecutorService collector = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "devstack-mailbox");
        thread.setDaemon(true);
        return thread;
    });
    private long lastId;

    MailboxStore(GreenMail server) {
        this.server = server;
        collector.scheduleWithFixedDelay(this::collect, 500, 500, TimeUnit.MILLISECONDS);
    }

    /** The newest {@code limit} mails, newest first. */
    synchronized List<MailView> newest(int limit) {
        return mails.stream().limit(limit).toList();
    }

    synchronized MailView get(long id) {
        return mails.stream().filter(mail -> mail.id() == id).findFirst().orElse(null);
    }

    private void collect() {
        try {
            for (GreenMailUser user : server.getUserManager().listUser()) {
                MailFolder inbox = server.getManagers().getImapHostManager().getInbox(user);
                List<StoredMessage> stored = new ArrayList<>(inbox.getMessages());
                if (stored.isEmpty()) {
                    continue;
                }
                for (StoredMessage message : stored) {
                    add(message);
                    message.setFlag(Flags.Flag.DELETED, true);
                }
                inbox.expunge();
            }
        } catch (FolderException | RuntimeException e) {
            LOG.warn("Could not collect the mailbox's new mails", e);
        }
    }

    private synchronized void add(StoredMessage message) {
        try {
            Instant received = message.getReceivedDate() == null ? Instant.now() : message.getReceivedDate().toInstant();
            mails.addFirst(MailView.of(++lastId, message.getMimeMessage(), received));
            while (mails.size() > MAX_MAILS) {
                mails.removeLast();
            }
        } catch (Exception e) {
            LOG.warn("Skipping a mail the mailbox cannot read", e);
        }
    }

    @Override
    public void close() {
        collector.shutdownNow();
    }
}
