package com.orderpipeline.tracking.desk;

import static com.orderpipeline.tracking.page.Html.escape;

import com.orderpipeline.tracking.page.Html;
import java.util.Optional;

/**
 * The frame of every desk page, on the tracking page's look: the bar saying who is logged in with the logout
 * button, the one search box (an order ID or a customer ID), notices and problems. Wider than the tracking page
 * for the tables, still one column on a phone. No script anywhere.
 */
final class DeskPage {
    static final String HOME = "/support/";
    static final String SEARCH = "/support/desk/search";
    private static final String CSS = """
            main{max-width:60rem}
            header.bar{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem;margin:0 0 1rem}
            header.bar a{color:inherit;text-decoration:none;font-weight:700}
            header.bar form{display:inline-flex;align-items:center;gap:.5rem}
            .who{color:#50575e;font-size:.9rem}
            button.quiet{background:#fff;color:#0a66c2;border:1px solid #0a66c2;padding:.35rem .8rem}
            button.danger{background:#d63638}
            .notice{background:#edfaef;border-left:4px solid #00a32a;padding:.75rem 1rem;border-radius:.25rem}
            .warning{background:#fcf9e8;border-left:4px solid #dba617;padding:.75rem 1rem;border-radius:.25rem}
            .table{overflow-x:auto}
            table{border-collapse:collapse;width:100%;font-size:.95rem}
            th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #dcdcde;vertical-align:top}
            th{color:#50575e;font-weight:600}
            td.num,th.num{text-align:right;white-space:nowrap}
            h2{margin:0 0 .5rem}
            address{font-style:normal;white-space:pre-line}
            select,textarea{font:inherit;padding:.5rem;border:1px solid #8c8f94;border-radius:.5rem;flex:1 1 12rem;min-width:0}
            textarea{flex-basis:100%}
            input[type=number]{flex:0 0 5rem}
            fieldset{border:0;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:.5rem;flex-basis:100%}
            a{color:#0a66c2}
            """;

    private DeskPage() {
    }

    /** A desk page; {@code body} must already be HTML, and the bar shows the session's agent when there is one. */
    static String render(String title, Optional<Session> session, String body) {
        StringBuilder page = new StringBuilder("<header class=\"bar\"><a href=\"").append(HOME)
                .append("\">Support desk</a>");
        session.ifPresent(s -> page.append("<form method=\"post\" action=\"/support/logout\"><span class=\"who\" id=\"who\">")
                .append(escape(s.who())).append("</span>").append(csrf(s))
                .append("<button id=\"logout\" class=\"quiet\" type=\"submit\">Log out</button></form>"));
        page.append("</header>").append(body);
        return Html.page(title + " · Support desk", page.toString(), CSS);
    }

    /** The search box, holding what the agent typed. */
    static String search(String typed) {
        return "<section class=\"card\"><form id=\"search-form\" method=\"get\" action=\"" + SEARCH + "\">"
                + "<label for=\"q\">Order ID or customer ID</label>"
                + "<input id=\"q\" name=\"q\" type=\"text\" autocomplete=\"off\" spellcheck=\"false\""
                + " placeholder=\"114-1234567-1234567 or C-1001\" value=\"" + escape(typed) + "\" required>"
                + "<button id=\"search-button\" type=\"submit\">Look up</button></form></section>";
    }

    static String notice(String text) {
        return "<p id=\"notice\" class=\"notice\" role=\"status\">" + escape(text) + "</p>";
    }

    static String problem(String text) {
        return Html.problem(text);
    }

    /** The hidden field that proves a form was served to this session. */
    static String csrf(Session session) {
        return "<input type=\"hidden\" name=\"" + FormGuard.FIELD + "\" value=\"" + escape(session.csrfToken()) + "\">";
    }

    /** The desk page of an order. */
    static String orderHref(String orderId) {
        return "/support/desk/order/" + DeskApi.segment(orderId);
    }

    /** The desk page of a customer's orders, from {@code before} (an order ID) on when given. */
    static String customerHref(String customerId, Optional<String> before) {
        return "/support/desk/customer?id=" + DeskApi.segment(customerId)
                + before.map(cursor -> "&before=" + DeskApi.segment(cursor)).orElse("");
    }
}
