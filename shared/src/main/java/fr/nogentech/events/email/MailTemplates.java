package fr.nogentech.events.email;

import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The emails' and pages' templates ({@code src/main/resources/templates/*.mustache}), rendered by JMustache: HTML
 * templates escape every value, text templates write values as they are.
 */
public final class MailTemplates {

    /** HTML's five special characters; JMustache's default also rewrites '=' and '`', which URLs do not need. */
    private static final Mustache.Compiler HTML = Mustache.compiler()
            .defaultValue("")
            .withEscaper(Escapers.simple(
                    new String[][] {{"&", "&amp;"}, {"'", "&#39;"}, {"\"", "&quot;"}, {"<", "&lt;"}, {">", "&gt;"}}));

    private static final Mustache.Compiler TEXT =
            Mustache.compiler().escapeHTML(false).defaultValue("");
    private static final Map<String, Template> CACHE = new ConcurrentHashMap<>();

    private MailTemplates() {}

    public static String render(String name, Object model) {
        return CACHE.computeIfAbsent(name, MailTemplates::compile).execute(model);
    }

    private static Template compile(String name) {
        try (InputStream in = MailTemplates.class.getResourceAsStream("/templates/" + name + ".mustache")) {
            if (in == null) {
                throw new IllegalStateException("no template " + name);
            }
            String source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return (name.endsWith(".html") ? HTML : TEXT).compile(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
