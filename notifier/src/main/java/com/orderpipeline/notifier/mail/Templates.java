package com.orderpipeline.notifier.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The templates of every kind of mail: {@code <kind>.subject}, {@code <kind>.txt} and {@code <kind>.html}, each
 * taken from the shop's directory ({@code NOTIFIER_TEMPLATES}) when it has that file, else the built-in one on
 * the class path ({@code /templates/}). Loaded and checked once at start: a template that names a placeholder
 * its kind does not fill is refused with the file and the name.
 */
public final class Templates {
    /** The subject, text and HTML templates of one kind of mail. */
    public record Parts(Template subject, Template text, Template html) {
    }

    private static final String BUILT_IN = "/templates/";

    private final Map<MailKind, Parts> byKind;

    private Templates(Map<MailKind, Parts> byKind) {
        this.byKind = byKind;
    }

    public static Templates builtIn() {
        return load(Optional.empty());
    }

    /** Reads every template, the directory's first; throws naming the file that is missing or wrong. */
    public static Templates load(Optional<Path> directory) {
        Map<MailKind, Parts> byKind = new EnumMap<>(MailKind.class);
        for (MailKind kind : MailKind.values()) {
            Parts templates = new Parts(read(directory, kind.templateName() + ".subject", false),
                    read(directory, kind.templateName() + ".txt", false),
                    read(directory, kind.templateName() + ".html", true));
            for (Template template : new Template[]{templates.subject(), templates.text(), templates.html()}) {
                Set<String> unknown = new TreeSet<>(template.placeholders());
                unknown.removeAll(Placeholders.of(kind));
                if (!unknown.isEmpty()) {
                    throw new IllegalArgumentException("NOTIFIER_TEMPLATES: " + template.source() + " names " + unknown
                            + ", which a " + kind.templateName() + " mail does not fill; it may use "
                            + Placeholders.of(kind));
                }
            }
            byKind.put(kind, templates);
        }
        return new Templates(byKind);
    }

    public Parts of(MailKind kind) {
        return byKind.get(kind);
    }

    private static Template read(Optional<Path> directory, String name, boolean html) {
        if (directory.isPresent()) {
            Path file = directory.get().resolve(name);
            if (Files.isRegularFile(file)) {
                try {
                    return new Template(file.toString(), Files.readString(file, StandardCharsets.UTF_8), html);
                } catch (IOException e) {
                    throw new UncheckedIOException("NOTIFIER_TEMPLATES: cannot read " + file, e);
                }
            }
        }
        try (InputStream in = Templates.class.getResourceAsStream(BUILT_IN + name)) {
            if (in == null) {
                throw new IllegalStateException("The built-in template " + name + " is missing from the jar");
            }
            return new Template("built-in " + name, new String(in.readAllBytes(), StandardCharsets.UTF_8), html);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the built-in template " + name, e);
        }
    }
}
