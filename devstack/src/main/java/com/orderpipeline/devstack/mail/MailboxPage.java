package com.orderpipeline.devstack.mail;

import static com.orderpipeline.notifier.mail.Template.escapeHtml;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The mailbox as a page: every mail newest first, its subject, recipient and time, and its HTML part shown in a
 * sandboxed frame (no scripts, no same origin, no forms) exactly as the recipient's mail program would, with the
 * text part beneath. No script, no external resource.
 */
final class MailboxPage {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private MailboxPage() {
    }

    static String render(List<MailView> mails, int kept) {
        StringBuilder page = new StringBuilder(8192).append("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>devstack mailbox</title>
                <style>
                body{font-family:system-ui,sans-serif;margin:0;background:#eef0f2;color:#222}
                header{background:#223;color:#fff;padding:12px 24px}header a{color:#9cf}
                main{max-width:900px;margin:0 auto;padding:16px}
                article{background:#fff;border-radius:6px;margin:0 0 16px;padding:12px 16px;box-shadow:0 1px 2px #0002}
                h2{font-size:17px;margin:0 0 4px}.meta{color:#666;font-size:13px;margin:0 0 8px}
                iframe{width:100%;height:460px;border:1px solid #ddd;border-radius:4px;background:#fff}
                pre{white-space:pre-wrap;background:#f7f7f7;padding:8px;font-size:13px}
                </style></head><body>
                <header><strong>devstack mailbox</strong> &middot; what the notifier sent, newest first
                &middot; <a href="/">reload</a> &middot; <a href="/api/messages">JSON</a></header><main>
                """);
        if (mails.isEmpty()) {
            page.append("<p>No mail yet. Place an order with a <code>contactEmail</code>, or let the simulated shopper"
                    + " do it.</p>");
        }
        page.append("<p class=\"meta\">").append(mails.size()).append(" shown; the mailbox keeps the newest ")
                .append(kept).append(".</p>");
        for (MailView mail : mails) {
            page.append("<article id=\"mail-").append(mail.id()).append("\" class=\"mail\">")
                    .append("<h2 class=\"subject\">").append(escapeHtml(mail.subject())).append("</h2>")
                    .append("<p class=\"meta\">To <span class=\"to\">").append(escapeHtml(mail.to()))
                    .append("</span> &middot; ").append(TIME.format(mail.sentAt())).append(" &middot; ")
                    .append(escapeHtml(mail.messageId() == null ? "" : mail.messageId())).append("</p>");
            if (!mail.html().isEmpty()) {
                page.append("<iframe class=\"body\" title=\"").append(escapeHtml(mail.subject()))
                        .append("\" sandbox=\"allow-popups allow-popups-to-escape-sandbox\" src=\"/messages/")
                        .append(mail.id()).append("/html\" loading=\"lazy\"></iframe>");
            }
            page.append("<details><summary>Text part</summary><pre class=\"text\">").append(escapeHtml(mail.text()))
                    .append("</pre></details></article>");
        }
        return page.append("</main></body></html>").toString();
    }
}
