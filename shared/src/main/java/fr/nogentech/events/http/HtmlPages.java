package fr.nogentech.events.http;

import fr.nogentech.events.email.MailTemplates;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The few pages people open from an email (confirm, unsubscribe, register): French, plain, never cached. */
public final class HtmlPages {

    /** A text input of a form. */
    public record Field(
            String name, String label, String value, int maxLength, boolean required, String autocomplete) {}

    private HtmlPages() {}

    public static HttpResponse page(int status, String title, String message, String siteUrl) {
        return form(status, title, message, null, null, siteUrl);
    }

    public static HttpResponse page(int status, String title, String message, List<String> details, String siteUrl) {
        return form(status, title, message, details, null, null, List.of(), siteUrl);
    }

    /** A page with one button that posts to {@code action}: what link scanners never press. */
    public static HttpResponse form(
            int status, String title, String message, String action, String button, String siteUrl) {
        return form(status, title, message, List.of(), action, button, List.of(), siteUrl);
    }

    /** A page with {@code details} under its message, and a form of {@code fields} and one button. */
    public static HttpResponse form(
            int status,
            String title,
            String message,
            List<String> details,
            String action,
            String button,
            List<Field> fields,
            String siteUrl) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", title);
        model.put("message", message);
        model.put("details", details);
        model.put("formAction", action);
        model.put("button", button);
        model.put("fields", fields);
        model.put("siteUrl", siteUrl);
        return HttpResponses.text(
                status,
                "text/html; charset=utf-8",
                MailTemplates.render("page.html", model),
                Map.of("Cache-Control", "no-store", "X-Robots-Tag", "noindex"));
    }
}
