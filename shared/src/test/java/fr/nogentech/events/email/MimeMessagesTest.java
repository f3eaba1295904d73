package fr.nogentech.events.email;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The MIME that SES and the local outbox receive, read back by Jakarta Mail as a mail client would. */
class MimeMessagesTest {

    private static final String FROM = "Nogentech <annonces@nogentech.fr>";
    private static final String ICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\n"
            + "BEGIN:VEVENT\r\nSUMMARY:Petit déjeuner : l’IA\\, et après ?\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

    private final OutgoingMail plain = new OutgoingMail(
            "marie@example.fr",
            "Votre place est réservée : Petit déjeuner",
            "<p>Bonjour Marie, à jeudi !</p>",
            "Bonjour Marie, à jeudi !",
            Map.of("X-Test", "1"),
            Map.of("kind", "registration-confirmed"));

    @Test
    void anEmailWithoutCalendarHasTheTextAndHtmlParts() throws Exception {
        MimeMessage message = read(MimeMessages.write(plain, FROM, "nogentech.fr"));
        assertEquals("Votre place est réservée : Petit déjeuner", message.getSubject());
        assertEquals("marie@example.fr", message.getRecipients(Message.RecipientType.TO)[0].toString());
        assertEquals("1", message.getHeader("X-Test")[0]);
        MimeMultipart alternative = alternative(message);
        assertEquals(2, alternative.getCount());
        assertEquals("text/plain", type(alternative.getBodyPart(0)).getBaseType());
        assertEquals("text/html", type(alternative.getBodyPart(1)).getBaseType());
        assertEquals("Bonjour Marie, à jeudi !", alternative.getBodyPart(0).getContent());
    }

    @Test
    void theInvitationIsTheLastAlternativeWithItsMethod() throws Exception {
        OutgoingMail mail = plain.withCalendar(new OutgoingMail.CalendarPart("REQUEST", ICS));
        MimeMessage message = read(MimeMessages.write(mail, FROM, "nogentech.fr"));
        assertEquals("Votre place est réservée : Petit déjeuner", message.getSubject());
        assertEquals("1", message.getHeader("X-Test")[0]);
        MimeMultipart alternative = alternative(message);
        assertEquals(3, alternative.getCount());
        assertEquals("text/plain", type(alternative.getBodyPart(0)).getBaseType());
        assertEquals("text/html", type(alternative.getBodyPart(1)).getBaseType());
        assertEquals("Bonjour Marie, à jeudi !", alternative.getBodyPart(0).getContent());
        assertEquals(
                "<p>Bonjour Marie, à jeudi !</p>", alternative.getBodyPart(1).getContent());

        BodyPart calendar = alternative.getBodyPart(2);
        ContentType type = type(calendar);
        assertEquals("text/calendar", type.getBaseType());
        assertEquals("REQUEST", type.getParameter("method"));
        assertTrue("UTF-8".equalsIgnoreCase(type.getParameter("charset")), type.toString());
        assertEquals(ICS, decoded(calendar), "the calendar's bytes, CRLF and all");
    }

    @Test
    void aCancellationSaysCancelInItsContentType() throws Exception {
        OutgoingMail mail = plain.withCalendar(
                new OutgoingMail.CalendarPart("CANCEL", ICS.replace("METHOD:REQUEST", "METHOD:CANCEL")));
        MimeMultipart alternative = alternative(read(MimeMessages.write(mail, FROM, "nogentech.fr")));
        assertEquals("CANCEL", type(alternative.getBodyPart(2)).getParameter("method"));
        assertTrue(decoded(alternative.getBodyPart(2)).contains("METHOD:CANCEL\r\n"));
    }

    @Test
    void theOutboxWritesTheSameMimeWithTheInvitation(@TempDir Path folder) throws Exception {
        OutgoingMail mail = plain.withCalendar(new OutgoingMail.CalendarPart("REQUEST", ICS));
        new OutboxMailSender(
                        folder,
                        FROM,
                        "nogentech.fr",
                        Clock.fixed(Instant.parse("2023-10-01T10:00:00Z"), ZoneOffset.UTC))
                .send(mail);
        List<Path> files;
        try (var listing = Files.list(folder)) {
            files = listing.toList();
        }
        assertEquals(1, files.size());
        MimeMultipart alternative = alternative(read(Files.readAllBytes(files.getFirst())));
        assertEquals("REQUEST", type(alternative.getBodyPart(2)).getParameter("method"));
    }

    @Test
    void aMethodIsAToken() {
        assertThrows(IllegalArgumentException.class, () -> new OutgoingMail.CalendarPart("REQUEST\r\nBcc: x", ICS));
        assertThrows(IllegalArgumentException.class, () -> new OutgoingMail.CalendarPart("request", ICS));
        assertThrows(IllegalArgumentException.class, () -> new OutgoingMail.CalendarPart(null, ICS));
        assertEquals(
                "OutgoingMail[Votre place est réservée : Petit déjeuner, REQUEST]",
                plain.withCalendar(new OutgoingMail.CalendarPart("REQUEST", ICS))
                        .toString());
    }

    private static MimeMessage read(byte[] raw) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
    }

    private static MimeMultipart alternative(MimeMessage message) throws Exception {
        assertEquals("multipart/alternative", new ContentType(message.getContentType()).getBaseType());
        return assertInstanceOf(MimeMultipart.class, message.getContent());
    }

    private static ContentType type(BodyPart part) throws Exception {
        return new ContentType(part.getContentType());
    }

    private static String decoded(BodyPart part) throws Exception {
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
