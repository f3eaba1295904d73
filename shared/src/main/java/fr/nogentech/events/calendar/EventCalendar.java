package fr.nogentech.events.calendar;

import biweekly.ICalVersion;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.component.VTimezone;
import biweekly.io.TimezoneAssignment;
import biweekly.io.TimezoneInfo;
import biweekly.io.text.ICalWriter;
import biweekly.property.CalendarScale;
import biweekly.property.DateEnd;
import biweekly.property.DateStart;
import biweekly.property.Method;
import biweekly.property.Status;
import fr.nogentech.events.event.Event;
import fr.nogentech.events.event.EventDefaults;
import fr.nogentech.events.event.EventPages;
import fr.nogentech.events.event.EventStatus;
import fr.nogentech.events.event.FrenchText;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

/**
 * Events as an RFC 5545 calendar, written by biweekly: a {@code VTIMEZONE} for each zone used (from the JDK's
 * time-zone database, {@link ZoneDefinitions}), {@code DTSTART} with its {@code TZID}, a {@code UID} made of the
 * event's id (which never changes, even when the event moves), {@code SEQUENCE} from its version,
 * {@code STATUS:CANCELLED} for cancelled events, and text in French.
 */
public final class EventCalendar {

    /** What follows an event's id in its {@code UID}: the same in the feed, the single event and the invitations. */
    static final String UID_DOMAIN = "@evenements.nogentech.fr";

    private final EventPages pages;

    public EventCalendar(EventPages pages) {
        this.pages = pages;
    }

    /** A subscribable feed of the events. */
    public String feed(List<Event> events, String name) {
        ICalendar calendar = calendar(events);
        calendar.setExperimentalProperty("X-WR-CALNAME", escape(name));
        calendar.setExperimentalProperty("X-WR-TIMEZONE", "Europe/Paris");
        return write(calendar);
    }

    /** One event, for an "add to my calendar" link. */
    public String single(Event event) {
        ICalendar calendar = calendar(List.of(event));
        calendar.setMethod(Method.publish());
        return write(calendar);
    }

    /**
     * A calendar of {@code events} without its {@code METHOD}: the zones' definitions, then one {@code VEVENT} for each
     * event in the given order (which {@link Invitation} completes).
     */
    ICalendar calendar(List<Event> events) {
        ICalendar calendar = new ICalendar();
        calendar.setProductId("-//Nogentech//Evenements 1.0//FR");
        calendar.setCalendarScale(CalendarScale.gregorian());
        // Paris's VTIMEZONE always: RFC 5545 wants at least one component, even in a feed with no event yet.
        Map<ZoneId, TimezoneAssignment> zones = new LinkedHashMap<>();
        zones.put(EventDefaults.TIME_ZONE, assignment(EventDefaults.TIME_ZONE));
        for (Event event : events) {
            zones.computeIfAbsent(event.timeZone(), EventCalendar::assignment);
        }
        // The components in this order (biweekly's own list of zones is a set, whose order changes between runs).
        zones.values().forEach(zone -> calendar.addComponent(zone.getComponent()));
        for (Event event : events) {
            calendar.addEvent(component(event, zones.get(event.timeZone()), calendar.getTimezoneInfo()));
        }
        return calendar;
    }

    private static TimezoneAssignment assignment(ZoneId zone) {
        VTimezone definition = ZoneDefinitions.of(zone);
        return new TimezoneAssignment(TimeZone.getTimeZone(zone), definition);
    }

    private VEvent component(Event event, TimezoneAssignment zone, TimezoneInfo zones) {
        String summary = event.status() == EventStatus.CANCELLED ? "Annulé : " + event.title() : event.title();
        VEvent component = new VEvent();
        // Not the time of writing (biweekly's default): the event's last change, so that the feed's bytes, and its
        // ETag, change only when an event does.
        component.setDateTimeStamp(Date.from(event.updatedAt()));
        component.setUid(event.id() + UID_DOMAIN);
        DateStart start = component.setDateStart(date(event.start()), true);
        DateEnd end = component.setDateEnd(date(event.end()), true);
        zones.setTimezone(start, zone);
        zones.setTimezone(end, zone);
        component.setSummary(summary);
        component.setSequence((int) Math.min(Integer.MAX_VALUE, event.version() - 1));
        component.setStatus(
                switch (event.status()) {
                    case CANCELLED -> Status.cancelled();
                    case POSTPONED -> Status.tentative();
                    case SCHEDULED -> Status.confirmed();
                });
        String place = FrenchText.place(event.venue());
        if (place != null) {
            component.setLocation(place);
        }
        component.setDescription(description(event));
        component.setUrl(pages.of(event).toString());
        return component;
    }

    private static Date date(ZonedDateTime time) {
        return Date.from(time.toInstant());
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

    /** TEXT escaping (RFC 5545 §3.3.11), which biweekly leaves to the caller in properties it does not know. */
    private static String escape(String text) {
        return text.replace("\\", "\\\\")
                .replace(";", "\\;")
                .replace(",", "\\,")
                .replace("\n", "\\n");
    }

    /** The calendar as RFC 5545 text: CRLF line ends, lines folded at 75 octets. */
    static String write(ICalendar calendar) {
        StringWriter out = new StringWriter();
        try (ICalWriter writer = new ICalWriter(out, ICalVersion.V2_0)) {
            // biweekly folds at 75 characters; RFC 5545 says 75 octets, which French text exceeds: foldLines() folds
            // by octets instead.
            writer.getVObjectWriter().getFoldedLineWriter().setLineLength(null);
            writer.write(calendar);
        } catch (IOException e) {
            throw new IllegalStateException("a calendar could not be written", e);
        }
        return foldLines(out.toString());
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
