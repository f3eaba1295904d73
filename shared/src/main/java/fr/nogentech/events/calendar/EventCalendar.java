package fr.nogentech.events.calendar;

import fr.nogentech.events.event.Event;
import fr.nogentech.events.event.EventDefaults;
import fr.nogentech.events.event.EventPages;
import fr.nogentech.events.event.EventStatus;
import fr.nogentech.events.event.FrenchText;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Events as an RFC 5545 calendar, written by ical4j: a {@code VTIMEZONE} for each zone used, {@code DTSTART} with
 * its {@code TZID}, a {@code UID} made of the event's id (which never changes, even when the event moves),
 * {@code SEQUENCE} from its version, {@code STATUS:CANCELLED} for cancelled events, and text in French.
 */
public final class EventCalendar {

    private static final String UID_DOMAIN = "@evenements.nogentech.fr";

    private final EventPages pages;
    private final TimeZoneRegistry zones = TimeZoneRegistryFactory.getInstance().createRegistry();

    public EventCalendar(EventPages pages) {
        this.pages = pages;
    }

    /** A subscribable feed of the events. */
    public String feed(List<Event> events, String name) {
        Calendar calendar = calendar(events);
        calendar.add(new XProperty("X-WR-CALNAME", name));
        calendar.add(new XProperty("X-WR-TIMEZONE", "Europe/Paris"));
        return write(calendar);
    }

    /** One event, for an "add to my calendar" link. */
    public String single(Event event) {
        Calendar calendar = calendar(List.of(event));
        calendar.add(new Method(Method.VALUE_PUBLISH));
        return write(calendar);
    }

    private Calendar calendar(List<Event> events) {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId("-//Nogentech//Evenements 1.0//FR"));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        // Paris's VTIMEZONE always: RFC 5545 wants at least one component, even in a feed with no event yet.
        Set<ZoneId> used = new LinkedHashSet<>(List.of(EventDefaults.TIME_ZONE));
        List<VEvent> components = new ArrayList<>();
        for (Event event : events) {
            used.add(event.timeZone());
            components.add(component(event));
        }
        for (ZoneId zone : used) {
            calendar.add(zones.getTimeZone(zone.getId()).getVTimeZone());
        }
        components.forEach(calendar::add);
        return calendar;
    }

    private VEvent component(Event event) {
        String summary = event.status() == EventStatus.CANCELLED ? "Annulé : " + event.title() : event.title();
        // Without ical4j's own DTSTAMP (the time of writing): the event's is its last change, so that the feed's
        // bytes, and its ETag, change only when an event does.
        VEvent component = new VEvent(false);
        component.add(new DtStamp(event.updatedAt()));
        component.add(new DtStart<>(event.start()));
        component.add(new DtEnd<>(event.end()));
        component.add(new Summary(summary));
        component.add(new Uid(event.id() + UID_DOMAIN));
        component.add(new Sequence((int) Math.min(Integer.MAX_VALUE, event.version() - 1)));
        component.add(new Status(switch (event.status()) {
            case CANCELLED -> Status.VALUE_CANCELLED;
            case POSTPONED -> Status.VALUE_TENTATIVE;
            case SCHEDULED -> Status.VALUE_CONFIRMED;
        }));
        String place = FrenchText.place(event.venue());
        if (place != null) {
            component.add(new Location(place));
        }
        component.add(new Description(description(event)));
        component.add(new Url(pages.of(event)));
        return component;
    }

    private String description(Event event) {
        List<String> lines = new ArrayList<>();
        String note = FrenchText.statusNote(event.status());
        if (note != null) {
            lines.add("Événement " + note + ".");
        }
        lines.add(event.title());
        lines.addAll(FrenchText.speakerLines(event));
        lines.add(pages.of(event).toString());
        return String.join("\n", lines);
    }

    private static String write(Calendar calendar) {
        StringWriter out = new StringWriter();
        try {
            // ical4j folds at 75 characters; RFC 5545 says 75 octets, which French text exceeds: its lines are
            // unfolded here and foldLines() folds them by octets. Not validating: it costs start-up time.
            new CalendarOutputter(false, Integer.MAX_VALUE).output(calendar, out);
        } catch (IOException e) {
            throw new IllegalStateException("a calendar could not be written", e);
        }
        return foldLines(out.toString().replace("\r\n ", "").replace("\r\n\t", ""));
    }

    /** Folds each content line to at most 75 octets of UTF-8, never inside a character (RFC 5545 §3.1). */
    static String foldLines(String unfolded) {
        StringBuilder folded = new StringBuilder(unfolded.length() + unfolded.length() / 60);
        for (String line : unfolded.split("\r\n")) {
            int octets = 0;
            for (int i = 0; i < line.length(); ) {
                int codePoint = line.codePointAt(i);
                int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
                if (octets + size > 75) {
                    folded.append("\r\n ");
                    octets = 1;
                }
                folded.appendCodePoint(codePoint);
                octets += size;
                i += Character.charCount(codePoint);
            }
            folded.append("\r\n");
        }
        return folded.toString();
    }
}
