package fr.nogentech.events.announcement;

import fr.nogentech.events.email.MailLinks;
import fr.nogentech.events.email.MailTemplates;
import fr.nogentech.events.email.OutgoingMail;
import fr.nogentech.events.event.Event;
import fr.nogentech.events.event.EventStatus;
import fr.nogentech.events.event.FrenchText;
import fr.nogentech.events.series.SeriesCatalog;

import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A month's announcement: its rencontre du jeudi (if one is published) and the month's other events, rendered in
 * French from the {@code announcement.html} and {@code announcement.txt} templates for one subscriber.
 */
public final class Announcement {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM uuuu", Locale.FRENCH);

    private final YearMonth month;
    private final Event rencontre;
    private final List<Event> others;

    private Announcement(YearMonth month, Event rencontre, List<Event> others) {
        this.month = month;
        this.rencontre = rencontre;
        this.others = others;
    }

    /** The announcement of the month's events, or none when the month has no event. */
    public static Optional<Announcement> of(YearMonth month, List<Event> events) {
        if (events.isEmpty()) {
            return Optional.empty();
        }
        Event rencontre = events.stream()
                .filter(e -> SeriesCatalog.RENCONTRES_DU_JEUDI.id().equals(e.series()))
                .findFirst()
                .orElse(null);
        List<Event> others = events.stream().filter(e -> e != rencontre).toList();
        return Optional.of(new Announcement(month, rencontre, others));
    }

    /** {@code de novembre 2023}, {@code d’octobre 2023}: French elides before a vowel. */
    static String ofMonth(YearMonth month) {
        String name = MONTH.format(month);
        return ("aeiouy".indexOf(Character.toLowerCase(name.charAt(0))) >= 0 ? "d’" : "de ") + name;
    }

    public YearMonth month() {
        return month;
    }

    public String subject() {
        if (rencontre == null) {
            return "Les événements Nogentech " + ofMonth(month);
        }
        String day = FrenchText.day(rencontre.start().toLocalDate());
        return switch (rencontre.status()) {
            case CANCELLED -> "Annulée : la rencontre du " + day;
            case POSTPONED -> "Reportée : la rencontre du " + day;
            case SCHEDULED -> "Rencontre du " + day + " : " + rencontre.title();
        };
    }

    /** The email for one address, with its personal unsubscribe link and the one-click headers (RFC 8058). */
    public OutgoingMail mailTo(String address, String unsubscribeUrl, MailLinks links, boolean test) {
        return mailTo(address, unsubscribeUrl, links, test, event -> null);
    }

    /**
     * The email for one address, with, for each event {@code registerUrl} gives a link for (those open for
     * registration), its "Je m'inscris" link signed for that subscriber.
     */
    public OutgoingMail mailTo(
            String address, String unsubscribeUrl, MailLinks links, boolean test, Function<Event, String> registerUrl) {
        Map<String, Object> model = model(unsubscribeUrl, links, registerUrl);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<" + unsubscribeUrl + ">");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        headers.put("List-Id", "Annonces Nogentech <annonces.evenements.nogentech.fr>");
        return new OutgoingMail(
                address,
                (test ? "[Essai] " : "") + subject(),
                MailTemplates.render("announcement.html", model),
                MailTemplates.render("announcement.txt", model),
                // SES reports this tag with a bounce or complaint: the mailing's status counts them.
                headers,
                test ? Map.of("kind", "test") : Map.of("kind", "announcement", "mailing", month.toString()));
    }

    Map<String, Object> model(String unsubscribeUrl, MailLinks links) {
        return model(unsubscribeUrl, links, event -> null);
    }

    Map<String, Object> model(String unsubscribeUrl, MailLinks links, Function<Event, String> registerUrl) {
        Map<String, Object> model = new HashMap<>();
        model.put("subject", subject());
        model.put("ofMonth", ofMonth(month));
        model.put("rencontre", rencontre == null ? null : event(rencontre, links, registerUrl));
        List<Map<String, Object>> list = new ArrayList<>();
        others.forEach(e -> list.add(event(e, links, registerUrl)));
        model.put("others", list);
        model.put("hasOthers", !list.isEmpty());
        model.put("unsubscribeUrl", unsubscribeUrl);
        model.put("feedUrl", links.calendarFeed());
        model.put("siteUrl", links.site());
        return model;
    }

    private static Map<String, Object> event(Event event, MailLinks links, Function<Event, String> registerUrl) {
        Map<String, Object> model = new HashMap<>();
        model.put("registerUrl", registerUrl.apply(event));
        model.put("title", event.title());
        model.put("when", FrenchText.when(event));
        model.put("place", FrenchText.place(event.venue()));
        model.put("speakers", FrenchText.speakerLines(event));
        model.put("hasSpeakers", !event.speakers().isEmpty());
        model.put("cancelled", event.status() == EventStatus.CANCELLED);
        model.put("postponed", event.status() == EventStatus.POSTPONED);
        model.put("url", links.event(event));
        model.put("calendarUrl", links.calendar(event));
        return model;
    }
}
