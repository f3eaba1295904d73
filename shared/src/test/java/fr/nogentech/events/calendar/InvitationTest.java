package fr.nogentech.events.calendar;

import fr.nogentech.events.event.Event;
import fr.nogentech.events.event.EventDefaults;
import fr.nogentech.events.event.EventPages;
import fr.nogentech.events.event.EventStatus;
import fr.nogentech.events.event.Venue;
import fr.nogentech.events.registration.Registrant;
import fr.nogentech.events.subscription.EmailAddress;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.DtStart;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invitations as a calendar program reads them (ical4j, not the library that writes them). */
class InvitationTest {

    private static final EventPages PAGES = new EventPages("https://www.nogentech.fr/agenda/{id}");
    private static final String FROM = "Nogentech <annonces@nogentech.fr>";

    private final Invitation invitation = new Invitation(PAGES);
    private final Registrant marie = new Registrant("Marie Curie", new EmailAddress("marie@example.fr"), "Radium SA");

    @Test
    void requestsASeatForTheFeedsEventWithTheOrganizerAndTheAttendee() throws Exception {
        Event event = rencontre(3, EventStatus.SCHEDULED);
        String ics = invitation.request(event, marie, FROM);
        Calendar parsed = parse(ics);
        assertEquals("REQUEST", value(parsed.getProperty(Property.METHOD)));
        List<VEvent> events = parsed.getComponents(Component.VEVENT);
        assertEquals(1, events.size());
        VEvent vevent = events.getFirst();

        VEvent inFeed = parse(new EventCalendar(PAGES).feed(List.of(event), "Nogentech"))
                .<VEvent>getComponents(Component.VEVENT)
                .getFirst();
        assertEquals(value(inFeed.getProperty(Property.UID)), value(vevent.getProperty(Property.UID)));
        assertEquals("2023-10-12-rencontre@evenements.nogentech.fr", value(vevent.getProperty(Property.UID)));
        assertEquals("2", value(vevent.getProperty(Property.SEQUENCE)));
        assertEquals("CONFIRMED", value(vevent.getProperty(Property.STATUS)));
        assertEquals("Petit déjeuner : l’IA, et après ?", value(vevent.getProperty(Property.SUMMARY)));
        assertEquals("Canopé, Chaumont", value(vevent.getProperty(Property.LOCATION)));
        assertEquals("https://www.nogentech.fr/agenda/2023-10-12-rencontre", value(vevent.getProperty(Property.URL)));
        assertTrue(value(vevent.getProperty(Property.DESCRIPTION)).contains("Petit déjeuner"));

        Property organizer = vevent.getProperty(Property.ORGANIZER).orElseThrow();
        assertEquals("mailto:annonces@nogentech.fr", organizer.getValue());
        assertEquals("Nogentech", parameter(organizer, Parameter.CN));
        assertTrue(ics.contains("ORGANIZER;CN=Nogentech:mailto:annonces@nogentech.fr\r\n"), ics);

        Property attendee = vevent.getProperty(Property.ATTENDEE).orElseThrow();
        assertEquals("mailto:marie@example.fr", attendee.getValue());
        assertEquals("Marie Curie", parameter(attendee, Parameter.CN));
        assertEquals("REQ-PARTICIPANT", parameter(attendee, Parameter.ROLE));
        assertEquals("ACCEPTED", parameter(attendee, Parameter.PARTSTAT));
        assertEquals("FALSE", parameter(attendee, Parameter.RSVP));

        assertEquals(
                "Europe/Paris",
                parsed.<VTimeZone>getComponents(Component.VTIMEZONE)
                        .getFirst()
                        .getProperty(Property.TZID)
                        .orElseThrow()
                        .getValue());
        assertTrue(ics.contains("DTSTART;TZID=Europe/Paris:20231012T083000\r\n"), ics);
        assertTrue(ics.contains("DTEND;TZID=Europe/Paris:20231012T103000\r\n"), ics);
        assertEquals(
                ZonedDateTime.parse("2023-10-12T08:30+02:00[Europe/Paris]").toInstant(),
                Instant.from(vevent.<DtStart<Temporal>>getProperty(Property.DTSTART)
                        .orElseThrow()
                        .getDate()));
        for (String line : ics.split("\r\n")) {
            assertTrue(line.getBytes(StandardCharsets.UTF_8).length <= 75, "longer than 75 octets: " + line);
        }
    }

    @Test
    void aPostponedEventIsTentative() throws Exception {
        VEvent vevent = only(invitation.request(rencontre(4, EventStatus.POSTPONED), marie, FROM));
        assertEquals("TENTATIVE", value(vevent.getProperty(Property.STATUS)));
        assertEquals("3", value(vevent.getProperty(Property.SEQUENCE)));
    }

    @Test
    void aCancelledEventIsCancelledNotRequested() throws Exception {
        Event cancelled = rencontre(5, EventStatus.CANCELLED);
        String ics = invitation.cancel(cancelled, marie, FROM);
        Calendar parsed = parse(ics);
        assertEquals("CANCEL", value(parsed.getProperty(Property.METHOD)));
        VEvent vevent = parsed.<VEvent>getComponents(Component.VEVENT).getFirst();
        assertEquals("CANCELLED", value(vevent.getProperty(Property.STATUS)));
        assertEquals("4", value(vevent.getProperty(Property.SEQUENCE)));
        assertEquals("2023-10-12-rencontre@evenements.nogentech.fr", value(vevent.getProperty(Property.UID)));
        assertEquals("Annulé : Petit déjeuner : l’IA, et après ?", value(vevent.getProperty(Property.SUMMARY)));
        assertEquals(
                "mailto:marie@example.fr",
                vevent.getProperty(Property.ATTENDEE).orElseThrow().getValue());
        assertEquals(
                "mailto:annonces@nogentech.fr",
                vevent.getProperty(Property.ORGANIZER).orElseThrow().getValue());

        assertThrows(IllegalArgumentException.class, () -> invitation.request(cancelled, marie, FROM));
    }

    @Test
    void aCancellationOfAScheduledEventSaysCancelledAllTheSame() throws Exception {
        VEvent vevent = only(invitation.cancel(rencontre(2, EventStatus.SCHEDULED), marie, FROM));
        assertEquals("CANCELLED", value(vevent.getProperty(Property.STATUS)));
        assertTrue(value(vevent.getProperty(Property.SUMMARY)).startsWith("Annulé : "));
    }

    @Test
    void aNameWithSeparatorsQuotesAndAccentsSurvives() throws Exception {
        Registrant hostile = new Registrant(
                "Éloïse \"Zoé\" d’Aubigné; DG, Côté:Sud\r\nORGANIZER:mailto:x@evil.example",
                new EmailAddress("eloise@example.fr"),
                null);
        String ics = invitation.request(rencontre(1, EventStatus.SCHEDULED), hostile, "annonces@nogentech.fr");
        VEvent vevent = only(ics);
        Property attendee = vevent.getProperty(Property.ATTENDEE).orElseThrow();
        assertEquals(
                "Éloïse Zoé d’Aubigné; DG, Côté:Sud ORGANIZER:mailto:x@evil.example",
                parameter(attendee, Parameter.CN));
        assertEquals("mailto:eloise@example.fr", attendee.getValue());
        assertEquals(1, vevent.getProperties(Property.ORGANIZER).size(), "no property injected by the name");
        assertEquals(
                "mailto:annonces@nogentech.fr",
                vevent.getProperty(Property.ORGANIZER).orElseThrow().getValue());
        assertFalse(ics.contains("\"Zoé\""), ics);
    }

    @Test
    void takesTheAddressOfAnOrganizerWrittenWithItsName() {
        assertEquals("annonces@nogentech.fr", Invitation.address("Nogentech <annonces@nogentech.fr>"));
        assertEquals(
                "annonces@nogentech.fr", Invitation.address("\"Nogentech, les rencontres\" <annonces@nogentech.fr>"));
        assertEquals("annonces@nogentech.fr", Invitation.address(" annonces@nogentech.fr "));
        assertThrows(IllegalArgumentException.class, () -> Invitation.address("Nogentech"));
        assertThrows(IllegalArgumentException.class, () -> Invitation.address("Nogentech <annonces"));
        assertThrows(IllegalArgumentException.class, () -> Invitation.address(""));
    }

    @Test
    void aNameOfNothingButQuotesHasNoCommonName() {
        assertNull(Invitation.commonName("\"\" "));
        assertEquals("a b", Invitation.commonName(" a\t\u2028b "));
    }

    private static VEvent only(String ics) throws IOException, ParserException {
        List<VEvent> events = parse(ics).getComponents(Component.VEVENT);
        assertEquals(1, events.size());
        return events.getFirst();
    }

    private static Calendar parse(String ics) throws IOException, ParserException {
        return new CalendarBuilder().build(new StringReader(ics));
    }

    private static String value(Optional<? extends Property> property) {
        return property.orElseThrow().getValue();
    }

    private static String parameter(Property property, String name) {
        return property.getParameter(name).orElseThrow().getValue();
    }

    private static Event rencontre(long version, EventStatus status) {
        return new Event(
                "2023-10-12-rencontre",
                "Petit déjeuner : l’IA, et après ?",
                "rencontres-du-jeudi",
                LocalDateTime.parse("2023-10-12T08:30").atZone(EventDefaults.TIME_ZONE),
                LocalDateTime.parse("2023-10-12T10:30").atZone(EventDefaults.TIME_ZONE),
                EventDefaults.TIME_ZONE,
                new Venue("Canopé", "Chaumont"),
                List.of(),
                status,
                version,
                Instant.parse("2023-09-01T10:00:00Z"),
                "alice");
    }
}
