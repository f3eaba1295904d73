package fr.nogentech.events.calendar;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import fr.nogentech.events.event.Event;
import fr.nogentech.events.event.EventDefaults;
import fr.nogentech.events.event.EventPages;
import fr.nogentech.events.event.EventStatus;
import fr.nogentech.events.event.Speaker;
import fr.nogentech.events.event.Venue;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What ical4j writes, read back by another library (biweekly) as a calendar program would. */
class EventCalendarTest {

    private final EventCalendar calendar = new EventCalendar(new EventPages("https://www.nogentech.fr/agenda/{id}"));

    @Test
    void writesAFeedThatAnotherParserReadsBack() {
        String ics = calendar.feed(List.of(rencontre("2023-10-12", 1, EventStatus.SCHEDULED),
                rencontre("2023-11-09", 3, EventStatus.CANCELLED)), "Nogentech");
        ICalendar parsed = Biweekly.parse(ics).first();
        assertNotNull(parsed, ics);
        assertEquals(1, parsed.getTimezoneInfo().getComponents().size());
        assertEquals("Europe/Paris", parsed.getTimezoneInfo().getComponents().iterator().next().getTimezoneId()
                .getValue());
        List<VEvent> events = parsed.getEvents();
        assertEquals(2, events.size());

        VEvent october = events.get(0);
        assertEquals("2023-10-12-rencontre@evenements.nogentech.fr", october.getUid().getValue());
        assertEquals(ZonedDateTime.parse("2023-10-12T08:30+02:00[Europe/Paris]").toInstant(),
                october.getDateStart().getValue().toInstant());
        assertEquals(0, october.getSequence().getValue());
        assertEquals("CONFIRMED", october.getStatus().getValue());
        assertEquals("Canopé, Chaumont", october.getLocation().getValue());
        assertEquals("https://www.nogentech.fr/agenda/2023-10-12-rencontre", october.getUrl().getValue());
        assertTrue(october.getDescription().getValue().contains("Intervenant : Germain Chittaro (groupe "
                + "Interactions)"), october.getDescription().getValue());
        assertTrue(october.getDescription().getValue().contains("Témoignage : Lisi"));
        assertTrue(october.getSummary().getValue().contains("réseaux sociaux, l’industrie; et ça"));

        VEvent november = events.get(1);
        assertEquals("CANCELLED", november.getStatus().getValue());
        assertEquals(2, november.getSequence().getValue());
        assertEquals(ZonedDateTime.parse("2023-11-09T08:30+01:00[Europe/Paris]").toInstant(),
                november.getDateStart().getValue().toInstant());
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

    private static Event rencontre(String date, long version, EventStatus status) {
        return new Event(date + "-rencontre", "Les réseaux sociaux, l’industrie; et ça : une très longue question "
                + "qu’il faudra plier sur plusieurs lignes ?", "rencontres-du-jeudi",
                LocalDateTime.parse(date + "T08:30").atZone(EventDefaults.TIME_ZONE), LocalDateTime.parse(date + "T10:30").atZone(EventDefaults.TIME_ZONE), EventDefaults.TIME_ZONE,
                new Venue("Canopé", "Chaumont"),
                List.of(new Speaker("Germain Chittaro", "groupe Interactions", Speaker.Role.SPEAKER),
                        new Speaker(null, "Lisi", Speaker.Role.TESTIMONY)),
                status, version, Instant.parse("2023-09-01T10:00:00Z"), "alice");
    }
}
