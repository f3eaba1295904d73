package fr.nogentech.events.email;

import java.util.Map;

/**
 * An email ready to send: one recipient, a subject, the HTML and plain-text versions, extra headers, and tags the
 * mail service reports back with its bounces and complaints (such as the mailing's month).
 */
public record OutgoingMail(
        String to, String subject, String html, String text, Map<String, String> headers, Map<String, String> tags) {

    public OutgoingMail {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    public OutgoingMail(String to, String subject, String html, String text, Map<String, String> headers) {
        this(to, subject, html, text, headers, Map.of());
    }

    @Override
    public String toString() {
        // Addresses stay out of logs.
        return "OutgoingMail[" + subject + "]";
    }
}
