package fr.nogentech.events.mail;

import java.util.Map;

/** An email ready to send: one recipient, a subject, the HTML and plain-text versions, and extra headers. */
public record OutgoingMail(String to, String subject, String html, String text, Map<String, String> headers) {

    public OutgoingMail {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    @Override
    public String toString() {
        // Addresses stay out of logs.
        return "OutgoingMail[" + subject + "]";
    }
}
