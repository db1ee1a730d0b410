package com.orderpipeline.notifier.mail;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One template: text with {@code {{placeholder}}} marks, filled with values that are always plain text. In an
 * HTML template every value is escaped and its line breaks become {@code <br>}, so nothing a customer typed or
 * a carrier reported can add markup to a mail.
 */
public final class Template {
    private static final Pattern MARK = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9]*)\\s*}}");

    private final String source;
    private final String text;
    private final boolean html;

    public Template(String source, String text, boolean html) {
        this.source = source;
        this.text = text;
        this.html = html;
    }

    /** Where it came from, for the messages that name it. */
    public String source() {
        return source;
    }

    /** The placeholders it names. */
    public Set<String> placeholders() {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = MARK.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** The template with every mark replaced by its value; a mark without a value becomes empty. */
    public String render(Map<String, String> values) {
        Matcher matcher = MARK.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 256);
        while (matcher.find()) {
            String value = values.getOrDefault(matcher.group(1), "");
            matcher.appendReplacement(out, Matcher.quoteReplacement(html ? escapeHtml(value) : value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** Escapes the five characters that mean something in HTML text and attributes; line breaks become br. */
    public static String escapeHtml(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;").replace("\r\n", "\n").replace("\n", "<br>");
    }
}
