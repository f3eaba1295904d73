package fr.nogentech.events.http;

import fr.nogentech.events.email.MailTemplates;

import java.util.HashMap;
import java.util.Map;

/** The few pages people open from an email (confirm, unsubscribe): French, plain, never cached. */
public final class HtmlPages {

    private HtmlPages() {}

    public static HttpResponse page(int status, String title, String message, String siteUrl) {
        return form(status, title, message, null, null, siteUrl);
    }

    /** A page with one button that posts to {@code action}: what link scanners never press. */
    public static HttpResponse form(
            int status, String title, String message, String action, String button, String siteUrl) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", title);
        model.put("message", message);
        model.put("formAction", action);
        model.put("button", button);
        model.put("siteUrl", siteUrl);
        return HttpResponses.text(
                status,
                "text/html; charset=utf-8",
                MailTemplates.render("page.html", model),
                Map.of("Cache-Control", "no-store", "X-Robots-Tag", "noindex"));
    }
}
