package fr.nogentech.events.feed;

import fr.nogentech.events.event.Event;
import fr.nogentech.events.event.EventPages;
import fr.nogentech.events.event.EventStatus;
import fr.nogentech.events.event.Speaker;
import fr.nogentech.events.event.Venue;
import fr.nogentech.events.local.AtomChecks;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Atom feed as feed readers read it: valid RFC 4287, newest change first, French text, stable ids. */
class AtomFeedTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final AtomFeed ATOM =
            new AtomFeed(new EventPages("https://www.nogentech.fr/evenements/{id}"), "https://api.nogentech.fr/");

    private static Event event(String id, String title, String start, EventStatus status, String updatedAt) {
        ZonedDateTime begins = LocalDateTime.parse(start).atZone(PARIS);
        return new Event(
                id,
                title,
                "rencontres-du-jeudi",
                begins,
                begins.plusHours(2),
                PARIS,
                new Venue("Canopé", "Chaumont"),
                List.of(
                        new Speaker("Germain Chittaro", "groupe Interactions", Speaker.Role.SPEAKER),
                        new Speaker(null, "Lisi Automotive", Speaker.Role.TESTIMONY)),
                status,
                2,
                Instant.parse(updatedAt),
                "alice");
    }

    private static final List<Event> EVENTS = List.of(
            event(
                    "2026-12-10-industrie-du-futur",
                    "L’industrie du futur",
                    "2026-12-10T08:30",
                    EventStatus.SCHEDULED,
                    "2026-11-02T09:15:30.250Z"),
            event(
                    "2026-11-12-cybersecurite",
                    "Cybersécurité <en> entreprise & PME",
                    "2026-11-12T08:30",
                    EventStatus.CANCELLED,
                    "2026-11-10T17:00:00Z"),
            event(
                    "2027-01-14-recruter",
                    "Recruter sans CV",
                    "2027-01-14T08:30",
                    EventStatus.POSTPONED,
                    "2026-10-01T08:00:00Z"));

    @Test
    void aValidFeedNewestChangeFirstWithStableIdsAndLinks() {
        String xml = ATOM.write(EVENTS, new AtomFeed.Channel("rencontres-du-jeudi"), Instant.EPOCH);
        AtomChecks.Feed feed = AtomChecks.parse(xml);
        assertEquals("tag:evenements.nogentech.fr,2023:feed/series/rencontres-du-jeudi", feed.id());
        assertEquals("Nogentech – Les rencontres du jeudi", feed.title());
        assertEquals("fr", feed.language());
        assertEquals(
                "https://api.nogentech.fr/feed.atom?series=rencontres-du-jeudi",
                feed.link("self").href());
        assertEquals("https://www.nogentech.fr/", feed.link("alternate").href());
        assertEquals(
                List.of(
                        "tag:evenements.nogentech.fr,2023:event/2026-11-12-cybersecurite",
                        "tag:evenements.nogentech.fr,2023:event/2026-12-10-industrie-du-futur",
                        "tag:evenements.nogentech.fr,2023:event/2027-01-14-recruter"),
                feed.entryIds());
        assertEquals(OffsetDateTime.parse("2026-11-10T17:00:00Z"), feed.updated(), "the newest change");

        AtomChecks.Entry cancelled = feed.entries().get(0);
        assertEquals("Annulé : Cybersécurité <en> entreprise & PME", cancelled.title());
        assertTrue(xml.contains("Cybersécurité &lt;en&gt; entreprise &amp; PME"), "escaped by the library");
        assertEquals(
                "Événement annulé.\nJeudi 12 novembre 2026, de 8 h 30 à 10 h 30.\nLieu : Canopé, Chaumont.\n"
                        + "Intervenant : Germain Chittaro (groupe Interactions).\nTémoignage : Lisi Automotive.",
                cancelled.summary());
        assertEquals(
                "https://www.nogentech.fr/evenements/2026-11-12-cybersecurite",
                cancelled.link("alternate").href());
        assertEquals("text/html", cancelled.link("alternate").type());
        assertEquals(
                "https://api.nogentech.fr/events/2026-11-12-cybersecurite/calendar.ics",
                cancelled.link("related").href());
        assertEquals("text/calendar", cancelled.link("related").type());
        assertEquals(List.of("rencontres-du-jeudi"), cancelled.categories());

        AtomChecks.Entry scheduled = feed.entries().get(1);
        assertEquals("L’industrie du futur", scheduled.title());
        assertEquals(OffsetDateTime.parse("2026-11-02T09:15:30Z"), scheduled.updated());
        assertTrue(
                scheduled.summary().startsWith("Jeudi 10 décembre 2026, de 8 h 30 à 10 h 30.\n"), scheduled.summary());
        assertEquals("Reporté : Recruter sans CV", feed.entries().get(2).title());
    }

    @Test
    void theSameEventsGiveTheSameBytesAndAnyChangeOthers() {
        String once = ATOM.write(EVENTS, new AtomFeed.Channel(null), Instant.EPOCH);
        assertEquals(
                once,
                ATOM.write(
                        List.of(EVENTS.get(2), EVENTS.get(0), EVENTS.get(1)),
                        new AtomFeed.Channel(null),
                        Instant.EPOCH),
                "no clock, no order of reading in the bytes");
        Event moved = EVENTS.get(0);
        moved = new Event(
                moved.id(),
                moved.title(),
                moved.series(),
                moved.start().plusHours(1),
                moved.end().plusHours(1),
                moved.timeZone(),
                moved.venue(),
                moved.speakers(),
                moved.status(),
                3,
                Instant.parse("2026-11-20T10:00:00Z"),
                "bob");
        String after =
                ATOM.write(List.of(moved, EVENTS.get(1), EVENTS.get(2)), new AtomFeed.Channel(null), Instant.EPOCH);
        assertNotEquals(once, after);
        AtomChecks.Feed feed = AtomChecks.parse(after);
        assertEquals(
                "tag:evenements.nogentech.fr,2023:event/2026-12-10-industrie-du-futur",
                feed.entryIds().get(0),
                "the moved event comes first, with its id unchanged");
        assertEquals("tag:evenements.nogentech.fr,2023:feed", feed.id());
        assertEquals("https://api.nogentech.fr/feed.atom", feed.link("self").href());
    }

    @Test
    void anEmptyFeedIsValidAndDatedByTheWindow() {
        AtomChecks.Feed feed = AtomChecks.parse(
                ATOM.write(List.of(), new AtomFeed.Channel(null), Instant.parse("2026-09-01T00:00:00Z")));
        assertTrue(feed.entries().isEmpty());
        assertEquals(OffsetDateTime.parse("2026-09-01T00:00:00Z"), feed.updated());
    }

    @Test
    void charactersXmlCannotCarryDoNotBreakTheFeed() {
        Event odd = event(
                "2026-12-10-odd",
                "Atelier \uFFFF \uFFFE 😀",
                "2026-12-10T08:30",
                EventStatus.SCHEDULED,
                "2026-11-02T09:15:30Z");
        AtomChecks.Feed feed = AtomChecks.parse(ATOM.write(List.of(odd), new AtomFeed.Channel(null), Instant.EPOCH));
        assertEquals("Atelier \uFFFD \uFFFD 😀", feed.entries().get(0).title());
    }

    @Test
    void theCheckerCatchesWhatBreaksAtom() {
        String valid = ATOM.write(EVENTS, new AtomFeed.Channel(null), Instant.EPOCH);
        String duplicated =
                valid.replace("event/2026-11-12-cybersecurite</id>", "event/2026-12-10-industrie-du-futur</id>");
        assertTrue(assertThrows(AssertionError.class, () -> AtomChecks.parse(duplicated))
                .getMessage()
                .contains("is not unique"));
        String badDate = valid.replace("2026-11-10T17:00:00Z", "2026-11-10 17:00:00");
        assertTrue(assertThrows(AssertionError.class, () -> AtomChecks.parse(badDate))
                .getMessage()
                .contains("is not an RFC 3339 date-time"));
        String noTitle = valid.replaceFirst("<title>L’industrie du futur</title>", "");
        assertFalse(noTitle.equals(valid));
        assertTrue(assertThrows(AssertionError.class, () -> AtomChecks.parse(noTitle))
                .getMessage()
                .contains("0 title elements"));
    }
}
