package fr.nogentech.events.registration;

import fr.nogentech.events.email.MailLinks;
import fr.nogentech.events.email.MimeMessages;
import fr.nogentech.events.email.OutgoingMail;
import fr.nogentech.events.event.Event;
import fr.nogentech.events.event.EventDefaults;
import fr.nogentech.events.event.EventPages;
import fr.nogentech.events.event.EventStatus;
import fr.nogentech.events.event.Venue;
import fr.nogentech.events.subscription.EmailAddress;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegistrationMailsTest {

    private static final EventPages PAGES = new EventPages("https://www.nogentech.fr/agenda/{id}");
    private static final String CONFIRM = "https://api.nogentech.fr/registrations/confirm?token=c.1.x";
    private static final String CANCEL = "https://api.nogentech.fr/registrations/cancel?token=k.1.x";

    private final RegistrationMails mails = new RegistrationMails(
            new MailLinks("https://api.nogentech.fr/", PAGES), PAGES, "Nogentech <annonces@nogentech.fr>");
    private final Registrant marie = new Registrant("Marie Curie", new EmailAddress("marie@example.fr"), "Radium SA");
    private final Event event = rencontre(EventStatus.SCHEDULED, 3, new Venue("Canopé", "Chaumont"));

    @Test
    void eachKindSaysWhatHappenedWithTheDateAndThePlaceInFrench() {
        Map<String, Kind> kinds = Map.of(
                "registration-request",
                        new Kind(mails.request(event, marie, CONFIRM), "Confirmez votre inscription : ", CONFIRM),
                "registration-confirmed",
                        new Kind(mails.confirmed(event, marie, CANCEL), "Votre place est réservée : ", CANCEL),
                "registration-waitlisted",
                        new Kind(mails.waitlisted(event, marie, CANCEL), "Liste d’attente : ", CANCEL),
                "registration-promoted",
                        new Kind(mails.promoted(event, marie, CANCEL), "Une place s’est libérée : ", CANCEL),
                "registration-updated", new Kind(mails.updated(event, marie, CANCEL), "Changement : ", CANCEL),
                "registration-cancelled", new Kind(mails.cancelled(event, marie), "Annulé : ", null),
                "registration-reminder", new Kind(mails.reminder(event, marie, CANCEL), "C’est demain : ", CANCEL));
        kinds.forEach((kind, expected) -> {
            OutgoingMail mail = expected.mail();
            assertEquals("marie@example.fr", mail.to(), kind);
            assertEquals(Map.of("kind", kind), mail.tags(), kind);
            assertEquals(expected.subject() + "Petit déjeuner : l’IA & vous", mail.subject(), kind);
            for (String body : List.of(mail.text(), mail.html())) {
                assertTrue(body.contains("jeudi 12 octobre 2023, de 8 h 30 à 10 h 30"), kind + "\n" + body);
                assertTrue(body.contains("Canopé, Chaumont"), kind);
                assertTrue(body.contains("Bonjour Marie Curie,"), kind);
                if (expected.link() != null) {
                    assertTrue(body.contains(expected.link()), kind + "\n" + body);
                }
                assertFalse(body.contains("{{"), kind);
            }
            assertTrue(mail.text().contains("Petit déjeuner : l’IA & vous"), kind);
            assertTrue(mail.html().contains("Petit déjeuner : l’IA &amp; vous"), kind);
            assertTrue(mail.html().startsWith("<!doctype html>"), kind);
            assertTrue(mail.html().contains("<html lang=\"fr\">"), kind);
        });
        assertTrue(kinds.get("registration-request").mail().html().contains(">Confirmer mon inscription</a>"));
        assertTrue(kinds.get("registration-confirmed").mail().text().contains("Votre place est réservée"));
        assertTrue(kinds.get("registration-waitlisted").mail().text().contains("liste d’attente"));
        assertTrue(kinds.get("registration-promoted").mail().text().contains("une place s’est libérée"));
        assertTrue(kinds.get("registration-updated").mail().text().contains("L’événement a changé"));
        assertTrue(kinds.get("registration-cancelled").mail().text().contains("L’événement est annulé"));
        assertTrue(kinds.get("registration-reminder").mail().text().contains("C’est demain"));
        assertTrue(kinds.get("registration-reminder").mail().html().contains(">Annuler mon inscription</a>"));
    }

    @Test
    void theInvitationGoesWithASeatAChangeAndACancellation() throws Exception {
        for (OutgoingMail mail : List.of(
                mails.confirmed(event, marie, CANCEL),
                mails.promoted(event, marie, CANCEL),
                mails.updated(event, marie, CANCEL))) {
            assertNotNull(mail.calendar(), mail.subject());
            assertEquals("REQUEST", mail.calendar().method());
            Calendar calendar = parse(mail.calendar().content());
            assertEquals(
                    "REQUEST",
                    calendar.getProperty(Property.METHOD).orElseThrow().getValue());
            VEvent vevent = calendar.<VEvent>getComponents(Component.VEVENT).getFirst();
            assertEquals(
                    "2", vevent.getProperty(Property.SEQUENCE).orElseThrow().getValue());
            Property attendee = vevent.getProperty(Property.ATTENDEE).orElseThrow();
            assertEquals("mailto:marie@example.fr", attendee.getValue());
            assertEquals(
                    "Marie Curie",
                    attendee.getParameter(Parameter.CN).orElseThrow().getValue());
            assertEquals(
                    "mailto:annonces@nogentech.fr",
                    vevent.getProperty(Property.ORGANIZER).orElseThrow().getValue());
        }
        OutgoingMail cancelled = mails.cancelled(rencontre(EventStatus.CANCELLED, 4, null), marie);
        assertEquals("CANCEL", cancelled.calendar().method());
        VEvent vevent = parse(cancelled.calendar().content())
                .<VEvent>getComponents(Component.VEVENT)
                .getFirst();
        assertEquals(
                "CANCELLED", vevent.getProperty(Property.STATUS).orElseThrow().getValue());
        assertEquals("3", vevent.getProperty(Property.SEQUENCE).orElseThrow().getValue());

        assertNull(mails.request(event, marie, CONFIRM).calendar());
        assertNull(mails.waitlisted(event, marie, CANCEL).calendar());
        assertNull(mails.reminder(event, marie, CANCEL).calendar());
    }

    @Test
    void aSeatOrAChangeOfACancelledEventIsItsCancellation() {
        Event cancelled = rencontre(EventStatus.CANCELLED, 4, new Venue("Canopé", "Chaumont"));
        for (Function<Event, OutgoingMail> kind : List.<Function<Event, OutgoingMail>>of(
                e -> mails.confirmed(e, marie, CANCEL),
                e -> mails.promoted(e, marie, CANCEL),
                e -> mails.updated(e, marie, CANCEL))) {
            OutgoingMail mail = kind.apply(cancelled);
            assertEquals(Map.of("kind", "registration-cancelled"), mail.tags());
            assertEquals("CANCEL", mail.calendar().method());
        }
    }

    @Test
    void aPostponedEventSaysSoAndIsTentative() throws Exception {
        OutgoingMail mail = mails.updated(rencontre(EventStatus.POSTPONED, 5, null), marie, CANCEL);
        assertTrue(mail.text().contains("Cet événement est reporté"), mail.text());
        assertTrue(mail.html().contains("Cet événement est reporté"));
        VEvent vevent = parse(mail.calendar().content())
                .<VEvent>getComponents(Component.VEVENT)
                .getFirst();
        assertEquals(
                "TENTATIVE", vevent.getProperty(Property.STATUS).orElseThrow().getValue());
        assertFalse(mails.updated(event, marie, CANCEL).text().contains("reporté"));
    }

    @Test
    void aVenueNotKnownYetLeavesNoEmptyLine() {
        OutgoingMail mail = mails.reminder(rencontre(EventStatus.SCHEDULED, 1, null), marie, CANCEL);
        assertTrue(mail.text().contains("de 8 h 30 à 10 h 30\n\nVoir l’événement"), mail.text());
        assertFalse(mail.html().contains("<p style=\"margin:0;\"></p>"), mail.html());
    }

    @Test
    void aHostileNameIsEscapedInHtmlAndKeptOutOfTheCalendarsSyntax() throws Exception {
        Registrant hostile = new Registrant(
                "<script>alert(\"x\")</script> O'Brien; Dupont, & Cie",
                new EmailAddress("mallory@example.fr"),
                "<b>Evil</b>");
        List<OutgoingMail> all = List.of(
                mails.request(event, hostile, CONFIRM),
                mails.confirmed(event, hostile, CANCEL),
                mails.waitlisted(event, hostile, CANCEL),
                mails.promoted(event, hostile, CANCEL),
                mails.updated(event, hostile, CANCEL),
                mails.cancelled(event, hostile),
                mails.reminder(event, hostile, CANCEL));
        for (OutgoingMail mail : all) {
            assertFalse(mail.html().contains("<script>"), mail.html());
            assertTrue(
                    mail.html()
                            .contains("Bonjour &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; O&#39;Brien; Dupont,"
                                    + " &amp; Cie,"),
                    mail.html());
            assertTrue(mail.text().contains("Bonjour <script>alert(\"x\")</script> O'Brien; Dupont, & Cie,"));
            assertFalse(mail.toString().contains("mallory"));
            if (mail.calendar() != null) {
                Property attendee = parse(mail.calendar().content())
                        .<VEvent>getComponents(Component.VEVENT)
                        .getFirst()
                        .getProperty(Property.ATTENDEE)
                        .orElseThrow();
                assertEquals(
                        "<script>alert(x)</script> O'Brien; Dupont, & Cie",
                        attendee.getParameter(Parameter.CN).orElseThrow().getValue());
            }
        }
    }

    @Test
    void theMimeMessageCarriesTheInvitationAsTextCalendar() throws Exception {
        byte[] raw = MimeMessages.write(
                mails.confirmed(event, marie, CANCEL), "Nogentech <annonces@nogentech.fr>", "nogentech.fr");
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
        assertEquals("Votre place est réservée : Petit déjeuner : l’IA & vous", message.getSubject());
        MimeMultipart alternative = (MimeMultipart) message.getContent();
        assertEquals(3, alternative.getCount());
        ContentType type = new ContentType(alternative.getBodyPart(2).getContentType());
        assertEquals("text/calendar", type.getBaseType());
        assertEquals("REQUEST", type.getParameter("method"));
    }

    private record Kind(OutgoingMail mail, String subject, String link) {}

    private static Calendar parse(String ics) throws Exception {
        return new CalendarBuilder().build(new StringReader(ics));
    }

    private static Event rencontre(EventStatus status, long version, Venue venue) {
        return new Event(
                "2023-10-12-rencontre",
                "Petit déjeuner : l’IA & vous",
                "rencontres-du-jeudi",
                LocalDateTime.parse("2023-10-12T08:30").atZone(EventDefaults.TIME_ZONE),
                LocalDateTime.parse("2023-10-12T10:30").atZone(EventDefaults.TIME_ZONE),
                EventDefaults.TIME_ZONE,
                venue,
                List.of(),
                status,
                version,
                Instant.parse("2023-09-01T10:00:00Z"),
                "alice");
    }
}
