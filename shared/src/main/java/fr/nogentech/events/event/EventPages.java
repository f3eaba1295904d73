package fr.nogentech.events.event;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where the association's website shows an event: a URL template with {@code {id}}, from configuration
 * ({@code EVENT_PAGE_URL}, e.g. {@code https://www.nogentech.fr/agenda/{id}}).
 */
public final class EventPages {

    private final String template;

    public EventPages(String template) {
        if (template == null || !template.contains("{id}") || !template.startsWith("http")) {
            throw new IllegalArgumentException("the event page URL must be an http(s) URL with {id}: " + template);
        }
        this.template = template;
    }

    public URI of(Event event) {
        return URI.create(template.replace("{id}", URLEncoder.encode(event.id(), StandardCharsets.UTF_8)));
    }

    /** The website's home: the scheme and host of the event pages. */
    public URI site() {
        URI sample = URI.create(template.replace("{id}", "x"));
        return URI.create(sample.getScheme() + "://" + sample.getRawAuthority() + "/");
    }
}
