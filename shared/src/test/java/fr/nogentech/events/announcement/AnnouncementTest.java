package fr.nogentech.events.announcement;

import fr.nogentech.events.email.MailLinks;
import fr.nogentech.events.email.OutgoingMail;
import fr.nogentech.events.event.Event;
import fr.nogentech.events.event.EventDefaults;
import fr.nogentech.events.event.EventPages;
import fr.nogentech.events.event.EventStatus;
import fr.nogentech.events.event.Speaker;
import fr.nogentech.events.event.Venue;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The announcement's French text and its rendering, without AWS. */
class AnnouncementTest {

    private final MailLinks links =
            new MailLinks("https://api.nogentech.fr/", new EventPages("https://www.nogentech.fr/evenements/{id}"));

    @Test
    void announcesTheRencontreAsFrenchReadersWriteIt() {
        OutgoingMail mail = Announcement.of(
                        YearMonth.of(2023, 10),
                        List.of(
                                event(
                                        "2023-10-12-rencontre",
                                        "Comment utiliser les réseaux sociaux ?",
                                        "rencontres-du-jeudi",
                                        "2023-10-12T08:30",
                                        EventStatus.SCHEDULED),
                                event(
                                        "2023-10-20-visite",
                                        "Visite de l’usine Usi 2",
                                        null,
                                        "2023-10-20T14:00",
                                        EventStatus.SCHEDULED)))
                .orElseThrow()
                .mailTo(
                        "marie@example.org",
                        "https://api.nogentech.fr/subscriptions/unsubscribe?token=t",
                        links,
                        false);
        assertEquals("Rencontre du jeudi 12 octobre 2023 : Comment utiliser les réseaux sociaux ?", mail.subject());
        for (String body : List.of(mail.text(), mail.html())) {
            assertTrue(body.contains("Les événements d’octobre 2023"), body);
            assertTrue(body.contains("jeudi 12 octobre 2023, de 8 h 30 à 10 h 30"), body);
            assertTrue(body.contains("Canopé, Chaumont"));
            assertTrue(body.contains("Intervenant : Germain Chittaro (groupe Interactions)"));
            assertTrue(body.contains("vendredi 20 octobre 2023, de 14 h à 16 h"), "the month's other events");
            assertTrue(body.contains("https://api.nogentech.fr/events/2023-10-12-rencontre/calendar.ics"));
            assertTrue(body.contains("https://www.nogentech.fr/evenements/2023-10-12-rencontre"));
            assertTrue(body.contains("https://api.nogentech.fr/subscriptions/unsubscribe?token=t"));
        }
        assertEquals(
                "<https://api.nogentech.fr/subscriptions/unsubscribe?token=t>",
                mail.headers().get("List-Unsubscribe"));
        assertEquals("List-Unsubscribe=One-Click", mail.headers().get("List-Unsubscribe-Post"));
    }

    @Test
    void saysWhenTheRencontreIsCancelled() {
        OutgoingMail mail = Announcement.of(
                        YearMonth.of(2023, 11),
                        List.of(event(
                                "2023-11-09-r",
                                "Attractivité",
                                "rencontres-du-jeudi",
                                "2023-11-09T08:30",
                                EventStatus.CANCELLED)))
                .orElseThrow()
                .mailTo("marie@example.org", "https://u", links, false);
        assertEquals("Annulée : la rencontre du jeudi 9 novembre 2023", mail.subject());
        assertTrue(mail.text().contains("Cette rencontre est annulée."));
        assertTrue(mail.html().contains("Cette rencontre est annulée."));
        assertTrue(mail.text().contains("Les événements de novembre 2023"));
        assertFalse(mail.text().contains("venez avec vos questions"), "no invitation to a cancelled breakfast");
    }

    @Test
    void escapesEveryTextFromTheStoreInHtml() {
        OutgoingMail mail = Announcement.of(
                        YearMonth.of(2023, 10),
                        List.of(event(
                                "2023-10-12-x",
                                "<script>alert('x')</script> & \"co\"",
                                "rencontres-du-jeudi",
                                "2023-10-12T08:30",
                                EventStatus.SCHEDULED)))
                .orElseThrow()
                .mailTo("m@example.org", "https://u", links, false);
        assertFalse(mail.html().contains("<script>"));
        assertTrue(mail.html().contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;"));
        assertTrue(mail.text().contains("<script>alert('x')</script> & \"co\""), "plain text stays as written");
    }

    @Test
    void aMonthWithoutEventsHasNoAnnouncementAndOneWithoutRencontreStillHasOne() {
        assertTrue(Announcement.of(YearMonth.of(2025, 6), List.of()).isEmpty());
        Announcement visits = Announcement.of(
                        YearMonth.of(2024, 4),
                        List.of(event("2024-04-18-visite", "Visite", null, "2024-04-18T14:00", EventStatus.SCHEDULED)))
                .orElseThrow();
        assertEquals("Les événements Nogentech d’avril 2024", visits.subject());
    }

    private static Event event(String id, String title, String series, String start, EventStatus status) {
        LocalDateTime at = LocalDateTime.parse(start);
        return new Event(
                id,
                title,
                series,
                at.atZone(EventDefaults.TIME_ZONE),
                at.plusHours(2).atZone(EventDefaults.TIME_ZONE),
                EventDefaults.TIME_ZONE,
                new Venue("Canopé", "Chaumont"),
                List.of(new Speaker("Germain Chittaro", "groupe Interactions", Speaker.Role.SPEAKER)),
                status,
                1,
                Instant.parse("2023-09-01T10:00:00Z"),
                "alice");
    }
}
