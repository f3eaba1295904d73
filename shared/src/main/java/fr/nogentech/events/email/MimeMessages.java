package fr.nogentech.events.email;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;
import java.util.UUID;

/**
 * Writes an email as MIME (RFC 5322): multipart/alternative with the text and HTML parts, in UTF-8, by Jakarta Mail,
 * and the calendar part last when the email has one ({@code text/calendar; charset=UTF-8; method=REQUEST}, RFC 6047),
 * which Gmail and Outlook show as an invitation.
 */
public final class MimeMessages {

    private static final Session SESSION = Session.getInstance(new Properties());

    private MimeMessages() {}

    /** The recipient as MIME can write it; one it cannot is refused for good, like a bounce. */
    private static InternetAddress recipient(String to) {
        try {
            return new InternetAddress(to, false);
        } catch (AddressException e) {
            throw new MailSender.Rejected("address not writable in MIME");
        }
    }

    /** The iCalendar part; its Content-Type's {@code method} must be the calendar's {@code METHOD} (RFC 6047 §2.4). */
    private static MimeBodyPart calendar(OutgoingMail.CalendarPart calendar) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        String type = "text/calendar; charset=UTF-8; method=" + calendar.method();
        part.setDataHandler(
                new DataHandler(new ByteArrayDataSource(calendar.content().getBytes(StandardCharsets.UTF_8), type)));
        part.setHeader("Content-Type", type);
        return part;
    }

    public static byte[] write(OutgoingMail mail, String from, String messageIdDomain) {
        try {
            MimeMessage message = new MimeMessage(SESSION) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", "<" + UUID.randomUUID() + "@" + messageIdDomain + ">");
                }
            };
            message.setFrom(new InternetAddress(from, true));
            message.setRecipient(Message.RecipientType.TO, recipient(mail.to()));
            message.setSubject(mail.subject(), "UTF-8");
            message.setSentDate(new Date());
            message.setHeader("Content-Language", "fr");
            for (var header : mail.headers().entrySet()) {
                message.setHeader(header.getKey(), header.getValue());
            }
            MimeBodyPart text = new MimeBodyPart();
            text.setText(mail.text(), "UTF-8", "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(mail.html(), "UTF-8", "html");
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            if (mail.calendar() != null) {
                alternative.addBodyPart(calendar(mail.calendar()));
            }
            message.setContent(alternative);
            message.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalArgumentException(
                    "the email could not be written as MIME: " + e.getClass().getSimpleName());
        }
    }
}
