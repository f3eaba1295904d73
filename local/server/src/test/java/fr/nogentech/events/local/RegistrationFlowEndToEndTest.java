package fr.nogentech.events.local;

import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.json.Json;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Registering as people do with {@code make run}: a subscriber registers from next month's announcement with one
 * button (no second email), the breakfast is then full and a second person goes on the waiting list from the public
 * form's email, and when the first cancels from her confirmation email the second gets the seat and is told.
 */
class RegistrationFlowEndToEndTest {

    private static LocalApi api;

    @BeforeAll
    static void start() {
        api = LocalApi.start("registration-admin", "registrations");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void oneClickFromTheAnnouncementThenTheWaitingListThenACancellationFreesTheSeat() throws Exception {
        api.subscribeAndConfirm("abonnee@inscription.example");
        YearMonth month = YearMonth.now(ZoneId.of("Europe/Paris")).plusMonths(1);
        LocalDate day = month.atDay(14);
        HttpResponse<String> created = api.send(
                "POST",
                "/events",
                "{\"id\": \"petit-dejeuner-inscriptions\", \"title\": \"Petit-déjeuner à places comptées\", "
                        + "\"series\": \"rencontres-du-jeudi\", \"start\": \"" + day + "T08:30\", \"end\": \"" + day
                        + "T10:30\", \"venue\": {\"name\": \"Canopé\", \"city\": \"Chaumont\"}, "
                        + "\"registration\": {\"capacity\": 1}}",
                api.admin());
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(1, registration().get("remaining").asInt());
        assertTrue(registration().get("open").asBoolean());

        HttpResponse<String> sent = api.send("POST", "/admin/mailings/" + month + "/send", null, api.admin());
        assertEquals(202, sent.statusCode(), sent.body());
        api.settle();
        List<MimeMessage> toSubscriber = api.mailsTo("abonnee@inscription.example");
        MimeMessage announcement = toSubscriber.get(toSubscriber.size() - 1);
        String text = LocalApi.text(announcement);
        assertTrue(text.contains("Je m’inscris : "), text);
        String register = LocalApi.link(text, "/registrations/confirm");

        HttpResponse<String> page = api.get(register);
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("abonnee@inscription.example"), "filled in: " + page.body());
        assertEquals(1, registration().get("remaining").asInt(), "opening the link registers no one");
        HttpResponse<String> registered = api.send(
                "POST",
                register,
                "name=" + URLEncoder.encode("Anne Abonnée", StandardCharsets.UTF_8) + "&organization=",
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertEquals(200, registered.statusCode(), registered.body());
        assertTrue(registered.body().contains("Inscription confirmée"), registered.body());
        assertEquals(0, registration().get("remaining").asInt());
        List<MimeMessage> after = api.mailsTo("abonnee@inscription.example");
        assertEquals(toSubscriber.size() + 1, after.size(), "one email: the confirmation, no link to click first");
        MimeMessage confirmation = after.get(after.size() - 1);
        assertTrue(
                LocalApi.subject(confirmation).startsWith("Votre place est réservée"), LocalApi.subject(confirmation));

        HttpResponse<String> second = api.send(
                "POST",
                "/events/petit-dejeuner-inscriptions/registrations",
                "{\"name\": \"Bruno Second\", \"email\": \"bruno@inscription.example\"}",
                Map.of());
        assertEquals(202, second.statusCode(), second.body());
        String confirm = LocalApi.link(
                LocalApi.text(single(api.mailsTo("bruno@inscription.example"))), "/registrations/confirm");
        HttpResponse<String> waiting =
                api.send("POST", confirm, "", Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertTrue(waiting.body().contains("liste d’attente"), waiting.body());

        String cancel = LocalApi.link(LocalApi.text(confirmation), "/registrations/cancel");
        assertEquals(200, api.get(cancel).statusCode());
        HttpResponse<String> cancelled =
                api.send("POST", cancel, "", Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertEquals(200, cancelled.statusCode(), cancelled.body());
        List<MimeMessage> toSecond = api.mailsTo("bruno@inscription.example");
        assertEquals(3, toSecond.size());
        assertTrue(
                LocalApi.subject(toSecond.get(2)).startsWith("Une place s’est libérée"),
                LocalApi.subject(toSecond.get(2)));
        assertEquals(0, registration().get("remaining").asInt(), "the seat went to him");
        assertFalse(api.get("/events/petit-dejeuner-inscriptions").body().contains("bruno"), "never who registered");
    }

    private static JsonNode registration() throws Exception {
        HttpResponse<String> event = api.get("/events/petit-dejeuner-inscriptions");
        assertEquals(200, event.statusCode(), event.body());
        return Json.MAPPER.readTree(event.body()).get("registration");
    }

    private static MimeMessage single(List<MimeMessage> mails) {
        assertEquals(1, mails.size());
        return mails.get(0);
    }
}
