package com.orderpipeline.tracking.page;

/**
 * The frame of every page: escaping, the document around the content, the look (a little CSS, readable on a
 * phone) and the form to look an order up. Every piece of text that comes from outside goes through
 * {@link #escape}. The support desk builds its pages on the same frame.
 */
public final class Html {
    private static final String CSS = """
            *{box-sizing:border-box}
            body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2327;background:#f4f5f7}
            main{max-width:36rem;margin:0 auto;padding:1rem}
            h1{font-size:1.4rem;margin:.5rem 0 1rem}
            h2{font-size:1.15rem;margin:0}
            .card{background:#fff;border-radius:.75rem;padding:1rem 1.25rem;margin:0 0 1rem;box-shadow:0 1px 3px rgba(0,0,0,.12)}
            form{display:flex;flex-wrap:wrap;gap:.5rem}
            label{flex-basis:100%;font-weight:600}
            input{flex:1 1 12rem;font:inherit;padding:.6rem .75rem;border:1px solid #8c8f94;border-radius:.5rem;min-width:0}
            button{font:inherit;padding:.6rem 1.1rem;border:0;border-radius:.5rem;background:#0a66c2;color:#fff;cursor:pointer}
            .hint{color:#50575e;font-size:.9rem;margin:.25rem 0 0}
            .problem{background:#fcf0f1;border-left:4px solid #d63638;padding:.75rem 1rem;border-radius:.25rem}
            .late{background:#fcf9e8;border-left:4px solid #dba617;padding:.75rem 1rem;border-radius:.25rem}
            .stale{color:#50575e;font-size:.85rem}
            .id{white-space:nowrap}
            .sub{color:#50575e;margin:.25rem 0 0}
            dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem;margin:0}
            dt{color:#50575e}dd{margin:0;overflow-wrap:anywhere}
            ol.timeline{list-style:none;margin:0;padding:0}
            .step{position:relative;padding:0 0 1rem 2rem}
            .step::before{content:"";position:absolute;left:.3rem;top:.35rem;width:.8rem;height:.8rem;border-radius:50%;border:2px solid #8c8f94;background:#fff}
            .step::after{content:"";position:absolute;left:.7rem;top:1.3rem;bottom:0;border-left:2px solid #dcdcde}
            .step:last-child::after{display:none}
            .step.done::before{background:#00a32a;border-color:#00a32a}
            .step.done::after{border-color:#00a32a}
            .step .what{font-weight:600}.step.todo .what{color:#8c8f94;font-weight:400}
            .step .when{color:#50575e;font-size:.9rem}
            .step.cancelled::before{background:#d63638;border-color:#d63638}
            .step.carrier::before{width:.6rem;height:.6rem;left:.4rem;top:.45rem}
            ol.progress{display:flex;list-style:none;margin:.75rem 0 0;padding:0;gap:.25rem;font-size:.8rem;color:#50575e}
            ol.progress li{flex:1;padding-top:.4rem;border-top:.3rem solid #dcdcde;text-align:center;overflow-wrap:anywhere}
            ol.progress li.done{border-color:#00a32a;color:#1d2327}
            ul.returns{list-style:none;margin:.5rem 0 0;padding:0}
            .return{padding:.75rem 0 0;margin:.75rem 0 0;border-top:1px solid #dcdcde}
            .return:first-child{border-top:0;margin-top:0}
            .return .what{font-weight:600;margin:0 0 .25rem}
            """;

    private Html() {
    }

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A whole page; {@code title} is escaped here, {@code body} must already be HTML. */
    static String page(String title, String body) {
        return page(title, body, "");
    }

    /** A whole page with CSS of its own after the common look, for the support desk. */
    public static String page(String title, String body, String css) {
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + "</title><style>" + CSS + css + "</style></head>"
                + "<body><main>" + body + "</main></body></html>";
    }

    /** The look-up form, holding what the person typed, if anything. */
    static String form(String typed) {
        return "<section class=\"card\"><form id=\"track-form\" method=\"get\" action=\"/track\">"
                + "<label for=\"order-id\">Order ID</label>"
                + "<input id=\"order-id\" name=\"id\" type=\"text\" inputmode=\"text\" autocomplete=\"off\""
                + " spellcheck=\"false\" placeholder=\"114-1234567-1234567\" value=\"" + escape(typed) + "\" required>"
                + "<button id=\"track-button\" type=\"submit\">Track</button>"
                + "</form><p class=\"hint\">You find it in your order confirmation, e.g. <span class=\"id\">114-1234567-1234567</span>."
                + " The hyphens are optional.</p></section>";
    }

    public static String problem(String message) {
        return "<p id=\"problem\" class=\"problem\" role=\"alert\">" + escape(message) + "</p>";
    }
}
