package fr.nogentech.events.local;

import fr.nogentech.events.auth.AdminTokens;
import fr.nogentech.events.config.ConfigKeys;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local run as a test drives it: a development server on its own seeded table and outbox, one administrator's
 * token, an HTTP client, and the emails of the outbox.
 */
final class LocalApi implements AutoCloseable {

    final String adminToken = AdminTokens.newToken();
    final String eventsTable;
    final Path outbox;
    final DevServer server;

    private LocalApi(String admin, String purpose, Clock clock) {
        try {
            String table = SeededTables.newSeededEventsTable(purpose);
            eventsTable = table;
            int port;
            try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            Map<String, String> references = new HashMap<>(LocalRun.parameters(
                    AdminTokens.entry(admin, adminToken), LocalRunTables.SITE, URI.create("http://127.0.0.1:" + port)));
            references.put("EventsTable", table);
            references.putAll(TestStack.newQueues(TestStack.moto(), purpose));
            outbox = Files.createTempDirectory("outbox");
            server = DevServer.start(
                    ProjectRoot.template(), references, port, Map.of(ConfigKeys.OUTBOX_DIR, outbox.toString()), clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A development server with the seeds, whose administrator {@code admin} holds {@link #adminToken}. */
    static LocalApi start(String admin, String purpose) {
        return new LocalApi(admin, purpose, null);
    }

    /** As {@link #start(String, String)}, with every function on {@code clock} instead of the system's. */
    static LocalApi start(String admin, String purpose, Clock clock) {
        return new LocalApi(admin, purpose, clock);
    }

    /** Waits until the queues are drained and the asynchronous invocations done, as after a moment in AWS. */
    void settle() {
        server.awaitIdle(Duration.ofSeconds(20));
    }

    Map<String, String> admin() {
        return Map.of("Authorization", "Bearer " + adminToken);
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return send("GET", pathAndQuery, null, Map.of());
    }

    /** A request; a body without a {@code Content-Type} is sent as JSON, an empty one with no type at all. */
    HttpResponse<String> send(String method, String path, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        Map<String, String> all = new LinkedHashMap<>(headers);
        if (body != null && !body.isEmpty()) {
            all.putIfAbsent("Content-Type", "application/json");
        }
        return HttpCalls.exchange(server.baseUri(), method, path, body, all);
    }

    /**
     * Subscribes {@code address} as a person does: posts it, waits for the confirmation email in the outbox, opens its
     * link and presses the button, each step answered with success. The path and query of the link pressed.
     */
    String subscribeAndConfirm(String address) throws Exception {
        HttpResponse<String> subscribed = send("POST", "/subscriptions", "{\"email\": \"" + address + "\"}", Map.of());
        assertEquals(202, subscribed.statusCode(), subscribed.body());
        settle();
        List<MimeMessage> mails = mailsTo(address.toLowerCase(Locale.ROOT));
        assertFalse(mails.isEmpty(), "no confirmation email to " + address);
        String confirm = link(text(mails.get(mails.size() - 1)), "/subscriptions/confirm");
        assertEquals(200, get(confirm).statusCode());
        HttpResponse<String> confirmed =
                send("POST", confirm, "", Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertEquals(200, confirmed.statusCode(), confirmed.body());
        return confirm;
    }

    /** The emails of the outbox to one address, oldest first; a file that is not a readable email fails the test. */
    List<MimeMessage> mailsTo(String address) throws IOException {
        return mailsTo(outbox, address);
    }

    /**
     * The emails of an outbox folder to one address, oldest first. Every file is read whole, whoever it is to: one
     * that is not an {@code .eml} email with a sender, one recipient, a subject and a readable body fails the test
     * with its name, rather than being left out.
     */
    static List<MimeMessage> mailsTo(Path outbox, String address) throws IOException {
        List<MimeMessage> mails = new ArrayList<>();
        try (Stream<Path> files = Files.list(outbox)) {
            for (Path file : files.sorted().toList()) {
                MimeMessage mail = read(file);
                if (recipient(file, mail).equals(address)) {
                    mails.add(mail);
                }
            }
        }
        return mails;
    }

    private static MimeMessage read(Path file) {
        if (!file.getFileName().toString().endsWith(".eml")) {
            throw new AssertionError(file + " is in the outbox, which holds .eml files only");
        }
        try (InputStream in = Files.newInputStream(file)) {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), in);
            if (message.getFrom() == null || message.getFrom().length != 1 || message.getSubject() == null) {
                throw new AssertionError(file + " is not an email of the outbox: it has no From or no Subject");
            }
            readWhole(message.getContent());
            return message;
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(file + " is not an email: " + e.getMessage(), e);
        }
    }

    /** Reads every part of a body, so that a part that cannot be read fails here. */
    private static void readWhole(Object content) throws Exception {
        if (content instanceof Multipart parts) {
            for (int i = 0; i < parts.getCount(); i++) {
                var part = parts.getBodyPart(i);
                if (part.isMimeType("text/calendar")) {
                    // Jakarta Mail has no text/calendar handler: the invitation is read as the bytes it is.
                    String calendar = new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    if (!calendar.startsWith("BEGIN:VCALENDAR")) {
                        throw new IllegalStateException("a text/calendar part that is not an iCalendar object");
                    }
                } else {
                    readWhole(part.getContent());
                }
            }
        } else if (!(content instanceof String)) {
            throw new IllegalStateException("a part of " + content.getClass().getSimpleName() + ", not text");
        }
    }

    private static String recipient(Path file, MimeMessage message) {
        try {
            Address[] recipients = message.getAllRecipients();
            if (recipients == null || recipients.length != 1) {
                throw new AssertionError(file + " is not an email of the outbox: one recipient expected, not "
                        + (recipients == null ? "none" : recipients.length));
            }
            return recipients[0].toString();
        } catch (MessagingException e) {
            throw new AssertionError(file + ": its recipient cannot be read: " + e.getMessage(), e);
        }
    }

    static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static String text(MimeMessage message) throws Exception {
        Multipart parts = (Multipart) message.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            Part part = parts.getBodyPart(i);
            if (part.isMimeType("text/plain")) {
                return (String) part.getContent();
            }
        }
        throw new AssertionError("no text part");
    }

    /** The path and query of the first link in {@code text} to {@code path}. */
    static String link(String text, String path) {
        Matcher matcher =
                Pattern.compile("http\\S+" + Pattern.quote(path) + "\\S+").matcher(text);
        assertTrue(matcher.find(), text);
        String url = matcher.group();
        return url.substring(url.indexOf(path));
    }

    @Override
    public void close() {
        server.close();
    }
}
