package fr.nogentech.events.local;

import com.sun.net.httpserver.HttpServer;
import fr.nogentech.events.email.OutboxMailSender;
import fr.nogentech.events.email.OutgoingMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the tests read the emails sent, from the local run's outbox and from moto: what cannot be read fails the test,
 * naming the file or the message, and is never left out.
 */
class MailReadingTest {

    @Test
    void readsTheOutboxAndFailsByNameOnAFileThatIsNoEmail(@TempDir Path outbox) throws Exception {
        new OutboxMailSender(outbox, "Nogentech <annonces@nogentech.fr>", "nogentech.fr", Clock.systemUTC())
                .send(new OutgoingMail("lecteur@example.org", "Bienvenue", "<p>Bonjour</p>", "Bonjour", Map.of()));
        assertEquals(
                "Bienvenue",
                LocalApi.subject(LocalApi.mailsTo(outbox, "lecteur@example.org").get(0)));
        assertEquals(0, LocalApi.mailsTo(outbox, "autre@example.org").size());

        for (Map.Entry<String, String> bad : Map.of(
                        "20231001-000000-000-9-garbage.eml", "this is not an email\n",
                        "20231001-000000-000-9-headers-only.eml",
                                "From: a@nogentech.fr\r\nTo: b@example.org\r\n\r\nno subject",
                        "20231001-000000-000-9-two.eml",
                                "From: a@nogentech.fr\r\nTo: b@example.org, c@example.org\r\n"
                                        + "Subject: deux\r\n\r\ntext",
                        "notes.txt", "a file left in the folder")
                .entrySet()) {
            Path file = Files.writeString(outbox.resolve(bad.getKey()), bad.getValue(), StandardCharsets.UTF_8);
            AssertionError e = assertThrows(
                    AssertionError.class, () -> LocalApi.mailsTo(outbox, "autre@example.org"), bad.getKey());
            assertTrue(e.getMessage().contains(bad.getKey()), e.getMessage());
            Files.delete(file);
        }
    }

    @Test
    void motoMailFailsOnAnEmailItCannotRead() throws Exception {
        // A stand-in of moto that answers /moto-api/data.json with the JSON of the case.
        AtomicReference<String> data = new AtomicReference<>();
        HttpServer moto = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        moto.createContext("/moto-api/data.json", exchange -> {
            byte[] body = data.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        moto.start();
        LocalAws standIn =
                LocalAws.at(URI.create("http://127.0.0.1:" + moto.getAddress().getPort()));
        try {
            String readable = "{\"destinations\": [\"b@example.org\", \"b@example.org\"], \"id\": \"m1\", "
                    + "\"raw_data\": \"Subject: hi\\r\\n\\r\\nbody\", \"source\": \"a@nogentech.fr\"}";
            data.set("{\"ses\": {\"RawMessage\": [" + readable + "], \"Message\": []}}");
            assertEquals(
                    List.of(new MotoMail.Sent(List.of("b@example.org"), "Subject: hi\r\n\r\nbody")),
                    MotoMail.sent(standIn, to -> true));
            data.set("{}");
            assertEquals(List.of(), MotoMail.sent(standIn, to -> true), "no SES call yet");
            for (Map.Entry<String, String> bad : Map.of(
                            "m2",
                                    "{\"ses\": {\"RawMessage\": [" + readable + ", {\"id\": \"m2\", \"destinations\": "
                                            + "[\"b@example.org\"]}]}}",
                            "Message", "{\"ses\": {\"RawMessage\": [], \"Message\": [{\"id\": \"m3\"}]}}",
                            "RawMessage", "{\"ses\": {\"Messages\": []}}")
                    .entrySet()) {
                data.set(bad.getValue());
                IllegalStateException e =
                        assertThrows(IllegalStateException.class, () -> MotoMail.sent(standIn, to -> true));
                assertTrue(e.getMessage().contains(bad.getKey()), e.getMessage());
            }
        } finally {
            moto.stop(0);
        }
    }
}
