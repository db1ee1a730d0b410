package com.orderpipeline.devstack.mail;

import com.orderpipeline.notifier.NotifierApp;
import com.orderpipeline.notifier.NotifierConfig;
import com.orderpipeline.runtime.config.Env;
import com.orderpipeline.runtime.streams.RestoreProgress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * devstack's part for the customer's e-mails, kept apart from the rest of its start-up: the options, the
 * in-process SMTP server with its mailbox page, and the notifier pointed at it.
 */
public final class MailSetup {
    @Option(names = "--smtp-port", paramLabel = "PORT", defaultValue = "2525",
            description = "The port of the SMTP server the notifier sends to (default: ${DEFAULT-VALUE}).")
    int smtpPort;

    @Option(names = "--mailbox-port", paramLabel = "PORT", defaultValue = "8025",
            description = "The port of the mailbox page, every e-mail sent (default: ${DEFAULT-VALUE}).")
    int mailboxPort;

    @Option(names = "--notifier-port", paramLabel = "PORT", defaultValue = "8085",
            description = "The notifier's port, health and metrics (default: ${DEFAULT-VALUE}).")
    int notifierPort;

    private DevMailbox mailbox;
    private NotifierApp notifier;

    /** The options as picocli leaves them unset: for a devstack made without its command line, as tests do. */
    public static MailSetup onPorts(int smtpPort, int mailboxPort, int notifierPort) {
        MailSetup setup = new MailSetup();
        setup.smtpPort = smtpPort;
        setup.mailboxPort = mailboxPort;
        setup.notifierPort = notifierPort;
        return setup;
    }

    /** The mailbox page's address, once started. */
    public String mailboxUrl() {
        return mailbox.pageUrl();
    }

    /**
     * Starts the SMTP server and the mailbox page, and points the services' {@code SMTP_URL} at it unless the
     * environment names another server.
     */
    public DevMailbox startMailbox(String host, Map<String, String> env) {
        mailbox = DevMailbox.start(host, smtpPort, mailboxPort);
        env.putIfAbsent("SMTP_URL", mailbox.smtpUrl());
        env.putIfAbsent("MAIL_FROM", "Order pipeline <orders@" + host + ">");
        return mailbox;
    }

    public NotifierApp startNotifier(Map<String, String> env, Path dataDir) {
        Map<String, String> own = new HashMap<>(env);
        own.put("HTTP_PORT", Integer.toString(notifierPort));
        own.put("STATE_DIR", dataDir.resolve("state/notifier").toString());
        notifier = NotifierApp.start(NotifierConfig.fromEnv(new Env(own)));
        return notifier;
    }

    /** The lines devstack prints for the mail. */
    public String urls(String host) {
        return "  Mailbox          " + (mailbox == null ? "(off)" : mailbox.pageUrl()
                + "   (GET /api/messages for JSON; SMTP on port " + smtpPort + ")") + System.lineSeparator()
                + "  Notifier         " + (notifier == null ? "(not in this JVM)"
                : "http://" + host + ":" + notifier.httpPort() + "/health/ready");
    }

    /** How far the notifier has restored its store; null when it does not run here. */
    public RestoreProgress.Figures restoreProgress() {
        return notifier == null ? null : notifier.restoreProgress();
    }
}
