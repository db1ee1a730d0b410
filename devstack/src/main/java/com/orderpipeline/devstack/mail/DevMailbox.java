package com.orderpipeline.devstack.mail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.orderpipeline.runtime.http.Health;
import com.orderpipeline.runtime.http.ProblemException;
import com.orderpipeline.runtime.http.ServiceHttp;
import com.orderpipeline.runtime.http.access.Access;
import com.orderpipeline.runtime.lifecycle.Lifecycle;
import com.orderpipeline.runtime.metrics.ServiceMetrics;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * devstack's mail: a real SMTP server in this JVM (GreenMail) that the notifier sends to, and its mailbox at
 * {@code http://<host>:<port>/}: every mail newest first, readable as its recipient sees it, and
 * {@code GET /api/messages} with the same list as JSON ({@code to}, {@code subject}, {@code text}, {@code sentAt}).
 * Local only: it takes mail for any address and delivers none onwards.
 */
public final class DevMailbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DevMailbox.class);
    private static final int SHOWN = 200;
    /** A mail's HTML is shown as a document of its own origin-less sandbox: no script, no form, nothing fetched. */
    private static final String MAIL_POLICY = "sandbox allow-popups allow-popups-to-escape-sandbox; default-src 'none';"
            + " style-src 'unsafe-inline'; img-src data:";
    private static final String PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self';"
            + " form-action 'none'; base-uri 'none'";

    private final GreenMail smtp;
    private final MailboxStore store;
    private final ServiceMetrics metrics = new ServiceMetrics("devstack-mailbox");
    private final ServiceHttp http;
    private final String host;

    private DevMailbox(String host, int smtpPort, int httpPort) {
        this.host = host;
        smtp = new GreenMail(new ServerSetup(smtpPort, host, ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        store = new MailboxStore(smtp);
        ObjectMapper json = new ObjectMapper();
        http = ServiceHttp.start(host, httpPort, 64 * 1024, metrics, () -> new Health(true, Map.of()), config -> {
            config.routes.get("/", ctx -> page(ctx), Access.PUBLIC);
            config.routes.get("/api/messages", ctx -> messages(json, ctx), Access.PUBLIC);
            config.routes.get("/messages/{id}/html", this::mailHtml, Access.PUBLIC);
        });
        LOG.info("Mailbox: SMTP on {}:{}, page on port {}", host, smtp.getSmtp().getPort(), http.port());
    }

    /** Starts the SMTP server on {@code smtpPort} and the mailbox page on {@code httpPort} (0 for free ones). */
    public static DevMailbox start(String host, int smtpPort, int httpPort) {
        return new DevMailbox(host, smtpPort, httpPort);
    }

    /** What the notifier's {@code SMTP_URL} is. */
    public String smtpUrl() {
        return "smtp://" + host + ":" + smtp.getSmtp().getPort();
    }

    public String pageUrl() {
        return "http://" + host + ":" + http.port() + "/";
    }

    private void page(Context ctx) {
        ctx.header("Content-Security-Policy", PAGE_POLICY).header("Cache-Control", "no-store")
                .contentType("text/html; charset=utf-8")
                .result(MailboxPage.render(store.newest(SHOWN), MailboxStore.MAX_MAILS));
    }

    private void messages(ObjectMapper json, Context ctx) {
        List<MailView> mails = store.newest(MailboxStore.MAX_MAILS);
        ArrayNode list = json.createArrayNode();
        for (MailView mail : mails) {
            list.addObject().put("id", mail.id()).put("to", mail.to()).put("subject", mail.subject())
                    .put("text", mail.text()).put("sentAt", mail.sentAt().toString()).put("messageId", mail.messageId());
        }
        ctx.header("Cache-Control", "no-store").contentType("application/json").result(list.toString());
    }

    private void mailHtml(Context ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ProblemException.notFound("No mail " + ctx.pathParam("id"));
        }
        MailView mail = store.get(id);
        if (mail == null) {
            throw ProblemException.notFound("No mail " + id + " in the mailbox (it keeps the newest "
                    + MailboxStore.MAX_MAILS + ")");
        }
        // links in a mail open a new tab rather than inside the frame
        ctx.header("Content-Security-Policy", MAIL_POLICY).header("X-Content-Type-Options", "nosniff")
                .contentType("text/html; charset=utf-8").result("<base target=\"_blank\">" + mail.html());
    }

    @Override
    public void close() {
        Lifecycle.closeQuietly(http);
        Lifecycle.closeQuietly(store);
        smtp.stop();
        Lifecycle.closeQuietly(metrics);
    }
}
