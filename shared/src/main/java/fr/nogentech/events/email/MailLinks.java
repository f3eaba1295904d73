package fr.nogentech.events.email;

import fr.nogentech.events.event.Event;
import fr.nogentech.events.event.EventPages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The links that emails carry: to the website's event pages, and to the API (calendar, confirm, unsubscribe). */
public record MailLinks(String apiUrl, EventPages pages) {

    public MailLinks {
        apiUrl = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
    }

    public String event(Event event) {
        return pages.of(event).toString();
    }

    public String calendar(Event event) {
        return apiUrl + "/events/" + URLEncoder.encode(event.id(), StandardCharsets.UTF_8) + "/calendar.ics";
    }

    public String calendarFeed() {
        return apiUrl + "/calendar.ics";
    }

    public String confirm(String token) {
        return apiUrl + "/subscriptions/confirm?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    public String unsubscribe(String token) {
        return apiUrl + "/subscriptions/unsubscribe?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    /** The page that confirms a registration (from its email) or registers a subscriber (from the announcement). */
    public String registrationConfirm(String token) {
        return apiUrl + "/registrations/confirm?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    /** The page that cancels a registration. */
    public String registrationCancel(String token) {
        return apiUrl + "/registrations/cancel?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    public String site() {
        return pages.site().toString();
    }
}
