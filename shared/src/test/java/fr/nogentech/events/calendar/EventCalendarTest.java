package fr.nogentech.events.calendar;

import fr.nogentech.events.event.Event;
import fr.nogentech.events.event.EventDefaults;
import fr.nogentech.events.event.EventPages;
import fr.nogentech.events.event.EventStatus;
import fr.nogentech.events.event.Speaker;
import fr.nogentech.events.event.Venue;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.DtStart;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What biweekly writes, read back by another library (ical4j) as a calendar program would. */
class EventCalendarTest {

    private final EventCalendar calendar = new EventCalendar(new EventPages("https://www.nogentech.fr/agenda/{id}"));

    @Test
    void writesAFeedThatAnotherParserReadsBack() throws Exception {
        String ics = calendar.feed(
                List.of(
                        rencontre("2023-10-12", 1, EventStatus.SCHEDULED),
                        rencontre("2023-11-09", 3, EventStatus.CANCELLED)),
                "Nogentech, les rencontres");
        Calendar parsed = parse(ics);
        assertEquals("Nogentech, les rencontres", value(parsed.getProperty("X-WR-CALNAME")));
        List<VTimeZone> zones = parsed.getComponents(Component.VTIMEZONE);
        assertEquals(1, zones.size());
        assertEquals("Europe/Paris", value(zones.get(0).getProperty(Property.TZID)));
        List<VEvent> events = parsed.getComponents(Component.VEVENT);
        assertEquals(2, events.size());

        VEvent october = events.get(0);
        assertEquals("2023-10-12-rencontre@evenements.nogentech.fr", value(october.getProperty(Property.UID)));
        assertEquals(ZonedDateTime.parse("2023-10-12T08:30+02:00[Europe/Paris]").toInstant(), start(october));
        assertEquals("0", value(october.getProperty(Property.SEQUENCE)));
        assertEquals("CONFIRMED", value(october.getProperty(Property.STATUS)));
        assertEquals("Canopé, Chaumont", value(october.getProperty(Property.LOCATION)));
        assertEquals("https://www.nogentech.fr/agenda/2023-10-12-rencontre", value(october.getProperty(Property.URL)));
        String description = value(october.getProperty(Property.DESCRIPTION));
        assertTrue(description.contains("Intervenant : Germain Chittaro (groupe Interactions)\n"), description);
        assertTrue(description.contains("Témoignage : Lisi"));
        assertTrue(value(october.getProperty(Property.SUMMARY)).contains("réseaux sociaux, l’industrie; et ça"));
        assertEquals("20230901T100000Z", value(october.getProperty(Property.DTSTAMP)));

        VEvent november = events.get(1);
        assertEquals("CANCELLED", value(november.getProperty(Property.STATUS)));
        assertEquals("2", value(november.getProperty(Property.SEQUENCE)));
        assertTrue(value(november.getProperty(Property.SUMMARY)).startsWith("Annulé : "));
        assertEquals(ZonedDateTime.parse("2023-11-09T08:30+01:00[Europe/Paris]").toInstant(), start(november));
    }

    @Test
    void describesEachZoneUsedAsTheJdkKnowsIt() throws Exception {
        List<ZoneId> zones = List.of(
                ZoneId.of("America/New_York"),
                ZoneId.of("Asia/Tokyo"),
                ZoneId.of("America/Sao_Paulo"),
                ZoneId.of("Asia/Kolkata"));
        List<Event> events = zones.stream()
                .map(zone -> new Event(
                        "2024-07-04-" + zone.getId().replace('/', '-'),
                        "Rencontre",
                        null,
                        LocalDateTime.parse("2024-07-04T08:30").atZone(zone),
                        LocalDateTime.parse("2024-07-04T10:30").atZone(zone),
                        zone,
                        null,
                        List.of(),
                        EventStatus.SCHEDULED,
                        1,
                        Instant.parse("2024-06-01T10:00:00Z"),
                        "alice"))
                .toList();
        String ics = calendar.feed(events, "Nogentech");
        Calendar parsed = parse(ics);
        List<VTimeZone> definitions = parsed.getComponents(Component.VTIMEZONE);
        assertEquals(
                List.of("Europe/Paris", "America/New_York", "Asia/Tokyo", "America/Sao_Paulo", "Asia/Kolkata"),
                definitions.stream()
                        .map(zone -> value(zone.getProperty(Property.TZID)))
                        .toList());
        assertEquals(ics, calendar.feed(events, "Nogentech"), "the zones in the same order each time");
        for (VTimeZone definition : definitions) {
            ZoneId zone = ZoneId.of(value(definition.getProperty(Property.TZID)));
            TimeZone read = new TimeZone(definition);
            // Mid-month, away from the changes: the offset the VTIMEZONE gives is the JDK's, past changes and rules.
            for (int year = 1971; year <= 2060; year++) {
                for (int month = 1; month <= 12; month++) {
                    Instant instant =
                            ZonedDateTime.of(year, month, 15, 12, 0, 0, 0, zone).toInstant();
                    assertEquals(
                            zone.getRules().getOffset(instant).getTotalSeconds() * 1000,
                            read.getOffset(instant.toEpochMilli()),
                            zone + " at " + instant);
                }
            }
        }
        for (VEvent event : parsed.<VEvent>getComponents(Component.VEVENT)) {
            assertTrue(
                    ics.contains("DTSTART;TZID="
                            + event.getProperty(Property.DTSTART)
                                    .orElseThrow()
                                    .getParameter("TZID")
                                    .orElseThrow()
                                    .getValue()
                            + ":20240704T083000\r\n"),
                    ics);
        }
    }

    @Test
    void namesTheZoneFoldsLongLinesAndEscapesText() {
        String ics = calendar.single(rencontre("2023-10-12", 1, EventStatus.SCHEDULED));
        assertTrue(ics.contains("DTSTART;TZID=Europe/Paris:20231012T083000\r\n"), ics);
        assertTrue(ics.contains("BEGIN:VTIMEZONE\r\n"), ics);
        assertTrue(ics.contains("METHOD:PUBLISH\r\n"), ics);
        assertTrue(ics.contains("réseaux sociaux\\, l’industrie\\; et ça"), ics);
        for (String line : ics.split("\r\n")) {
            assertTrue(line.getBytes(StandardCharsets.UTF_8).length <= 75, "longer than 75 octets: " + line);
        }
    }

    @Test
    void theSameEventsGiveTheSameBytesWhateverTheTimeOfWriting() throws InterruptedException {
        List<Event> events = List.of(rencontre("2023-10-12", 2, EventStatus.SCHEDULED));
        String first = calendar.feed(events, "Nogentech");
        Thread.sleep(1_100);
        assertEquals(first, calendar.feed(events, "Nogentech"), "a feed's ETag must not change by itself");
        assertEquals(1, first.split("DTSTAMP").length - 1);
        assertTrue(first.contains("DTSTAMP:20230901T100000Z\r\n"), "the time of the event's last change");
    }

    private static Calendar parse(String ics) throws IOException, ParserException {
        return new CalendarBuilder().build(new StringReader(ics));
    }

    private static String value(java.util.Optional<? extends Property> property) {
        return property.orElseThrow().getValue();
    }

    private static Instant start(VEvent event) {
        return Instant.from(event.<DtStart<Temporal>>getProperty(Property.DTSTART)
                .orElseThrow()
                .getDate());
    }

    private static Event rencontre(String date, long version, EventStatus status) {
        return new Event(
                date + "-rencontre",
                "Les réseaux sociaux, l’industrie; et ça : une très longue question "
                        + "qu’il faudra plier sur plusieurs lignes ?",
                "rencontres-du-jeudi",
                LocalDateTime.parse(date + "T08:30").atZone(EventDefaults.TIME_ZONE),
                LocalDateTime.parse(date + "T10:30").atZone(EventDefaults.TIME_ZONE),
                EventDefaults.TIME_ZONE,
                new Venue("Canopé", "Chaumont"),
                List.of(
                        new Speaker("Germain Chittaro", "groupe Interactions", Speaker.Role.SPEAKER),
                        new Speaker(null, "Lisi", Speaker.Role.TESTIMONY)),
                status,
                version,
                Instant.parse("2023-09-01T10:00:00Z"),
                "alice");
    }
}
