package fr.nogentech.events.email;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An email ready to send: one recipient, a subject, the HTML and plain-text versions, extra headers, tags the mail
 * service reports back with its bounces and complaints (such as the mailing's month), and an optional calendar part
 * (an invitation; null when there is none).
 */
public record OutgoingMail(
        String to,
        String subject,
        String html,
        String text,
        Map<String, String> headers,
        Map<String, String> tags,
        CalendarPart calendar) {

    /**
     * An iCalendar object sent with the email as a {@code text/calendar; method=…} alternative, which mail clients
     * show as an invitation: {@code method} is its {@code METHOD} ({@code REQUEST}, {@code CANCEL}…), {@code content}
     * the calendar's text.
     */
    public record CalendarPart(String method, String content) {

        private static final Pattern METHOD = Pattern.compile("[A-Z][A-Z-]{0,31}");

        public CalendarPart {
            Objects.requireNonNull(content, "content");
            // Written into a Content-Type header: a token, nothing else.
            if (method == null || !METHOD.matcher(method).matches()) {
                throw new IllegalArgumentException("not an iTIP method: " + method);
            }
        }

        @Override
        public String toString() {
            // The content names the attendee.
            return "CalendarPart[" + method + "]";
        }
    }

    public OutgoingMail {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    public OutgoingMail(
            String to,
            String subject,
            String html,
            String text,
            Map<String, String> headers,
            Map<String, String> tags) {
        this(to, subject, html, text, headers, tags, null);
    }

    public OutgoingMail(String to, String subject, String html, String text, Map<String, String> headers) {
        this(to, subject, html, text, headers, Map.of(), null);
    }

    /** This email with {@code calendar} as its calendar part (none when null). */
    public OutgoingMail withCalendar(CalendarPart calendar) {
        return new OutgoingMail(to, subject, html, text, headers, tags, calendar);
    }

    @Override
    public String toString() {
        // Addresses stay out of logs.
        return "OutgoingMail[" + subject + (calendar == null ? "" : ", " + calendar.method()) + "]";
    }
}
