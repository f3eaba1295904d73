package fr.nogentech.events.feed;

import com.rometools.rome.feed.atom.Category;
import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import fr.nogentech.events.event.Event;
import fr.nogentech.events.event.EventPages;
import fr.nogentech.events.event.EventStatus;
import fr.nogentech.events.event.FrenchText;
import fr.nogentech.events.series.SeriesCatalog;
import org.jdom2.Document;
import org.jdom2.Namespace;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;

/**
 * Events as an RFC 4287 Atom feed, written by ROME: newest change first, one entry an event with an {@code id} that
 * never changes (a {@code tag:} URI of the event's id, RFC 4151), {@code updated} from the event's last change, the
 * title ("Annulé : …" for a cancelled event), a French summary (date, time, venue, speakers), a link to the event's
 * web page and one to its {@code .ics}. The bytes depend only on the events and the feed's description, so that the
 * feed's {@code ETag} changes when, and only when, an entry does.
 */
public final class AtomFeed {

    /** Feed and entry ids: {@code tag:} URIs (RFC 4151) under the association's domain, minted in 2023. */
    static final String TAG = "tag:evenements.nogentech.fr,2023:";

    public static final String MEDIA_TYPE = "application/atom+xml";

    private final EventPages pages;
    private final String api;

    /**
     * @param pages where the website shows an event
     * @param api   the API's public base URL (the {@code .ics} links and the feed's own address start with it)
     */
    public AtomFeed(EventPages pages, String api) {
        this.pages = pages;
        this.api = api.endsWith("/") ? api.substring(0, api.length() - 1) : api;
    }

    /** What a feed is: all events, or one series' (its name, or null). */
    public record Channel(String series) {

        String title() {
            return series == null
                    ? "Nogentech – événements"
                    : "Nogentech – "
                            + SeriesCatalog.find(series).map(s -> s.name()).orElse(series);
        }

        String id() {
            return series == null ? TAG + "feed" : TAG + "feed/series/" + series;
        }

        String query() {
            return series == null ? "" : "?series=" + series;
        }
    }

    /**
     * The feed of these events, newest change first; {@code whenEmpty} is the feed's {@code updated} when there is
     * no entry (Atom requires one).
     */
    public String write(List<Event> events, Channel channel, Instant whenEmpty) {
        List<Event> byChange = new ArrayList<>(events);
        byChange.sort(Comparator.comparing(Event::updatedAt).reversed().thenComparing(Event::id));

        Feed feed = new Feed("atom_1.0");
        feed.setEncoding("UTF-8");
        feed.setId(channel.id());
        feed.setTitle(clean(channel.title()));
        feed.setSubtitle(text("Les événements de Nogentech, association d’entreprises de Haute-Marne : à venir, et "
                + "ceux des trois derniers mois."));
        feed.setUpdated(
                Date.from(byChange.isEmpty() ? whenEmpty : byChange.get(0).updatedAt()));
        Person association = new Person();
        association.setName("Nogentech");
        association.setUri(pages.site().toString());
        feed.setAuthors(List.<SyndPerson>of(association));
        feed.setAlternateLinks(
                List.of(link("alternate", "text/html", pages.site().toString(), null)));
        feed.setOtherLinks(List.of(link("self", MEDIA_TYPE, api + "/feed.atom" + channel.query(), null)));
        List<Entry> entries = new ArrayList<>();
        for (Event event : byChange) {
            entries.add(entry(event));
        }
        feed.setEntries(entries);
        try {
            // ROME writes no xml:lang for Atom: it goes on the document ROME built, which JDOM then writes.
            Document document = new WireFeedOutput().outputJDom(feed);
            document.getRootElement().setAttribute("lang", "fr", Namespace.XML_NAMESPACE);
            return new XMLOutputter(Format.getPrettyFormat().setEncoding("UTF-8")).outputString(document);
        } catch (FeedException e) {
            throw new IllegalStateException("the Atom feed could not be written", e);
        }
    }

    /** An event's entry id: it never changes, even when the event moves or is cancelled. */
    public static String entryId(String eventId) {
        return TAG + "event/" + eventId;
    }

    private Entry entry(Event event) {
        Entry entry = new Entry();
        entry.setId(entryId(event.id()));
        String note = FrenchText.statusNote(event.status());
        entry.setTitle(clean(note == null ? event.title() : capitalized(note) + " : " + event.title()));
        entry.setUpdated(Date.from(event.updatedAt()));
        entry.setSummary(text(summary(event)));
        entry.setAlternateLinks(
                List.of(link("alternate", "text/html", pages.of(event).toString(), null)));
        entry.setOtherLinks(List.of(link(
                "related",
                "text/calendar",
                api + "/events/" + URLEncoder.encode(event.id(), StandardCharsets.UTF_8) + "/calendar.ics",
                "Ajouter à mon agenda (iCalendar)")));
        if (event.series() != null) {
            Category category = new Category();
            category.setTerm(event.series());
            category.setLabel(
                    clean(SeriesCatalog.find(event.series()).map(s -> s.name()).orElse(event.series())));
            entry.setCategories(List.of(category));
        }
        return entry;
    }

    /**
     * {@code Jeudi 12 octobre 2023, de 8 h 30 à 10 h 30. Lieu : Canopé, Chaumont. Intervenant : …}, one sentence a
     * line, so that it reads well whether a reader keeps the line breaks or not.
     */
    static String summary(Event event) {
        List<String> lines = new ArrayList<>();
        if (event.status() != EventStatus.SCHEDULED) {
            lines.add("Événement " + FrenchText.statusNote(event.status()) + ".");
        }
        lines.add(capitalized(FrenchText.when(event)) + ".");
        String place = FrenchText.place(event.venue());
        lines.add(place == null ? "Lieu à préciser." : "Lieu : " + place + ".");
        for (String speaker : FrenchText.speakerLines(event)) {
            lines.add(speaker + ".");
        }
        return String.join("\n", lines);
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static Content text(String value) {
        Content content = new Content();
        content.setType(Content.TEXT);
        content.setValue(clean(value));
        return content;
    }

    private static Link link(String rel, String type, String href, String title) {
        Link link = new Link();
        link.setRel(rel);
        link.setType(type);
        link.setHref(href);
        if (title != null) {
            link.setTitle(title);
        }
        return link;
    }

    /**
     * The text with each character XML 1.0 cannot carry (U+FFFE, U+FFFF; controls and lone surrogates never pass
     * the input rules) replaced by U+FFFD, so that no stored event can break the feed.
     */
    static String clean(String value) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed;
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                if (out != null) {
                    out.append(c).append(value.charAt(i + 1));
                }
                i++;
                continue;
            }
            allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            if (!allowed && out == null) {
                out = new StringBuilder(value.length()).append(value, 0, i);
            }
            if (out != null) {
                out.append(allowed ? c : '\uFFFD');
            }
        }
        return out == null ? value : out.toString();
    }
}
