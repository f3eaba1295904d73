package fr.nogentech.events.local;

import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.json.Json;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A subscriber's life as a person lives it with {@code make run}: subscribe, confirm from the link of the {@code .eml}
 * in the outbox, receive October's announcement once, unsubscribe in one click, and miss November's.
 */
class SubscriptionFlowEndToEndTest {

    private static LocalApi api;

    @BeforeAll
    static void start() {
        api = LocalApi.start("mail-admin", "subscriptions");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void subscribeConfirmReceiveOctoberOnceUnsubscribeInOneClickAndMissNovember() throws Exception {
        assertEquals(0, announcements("jeudi").size());
        HttpResponse<String> subscribed =
                send("POST", "/subscriptions", "{\"email\": \"Marie.Dupont@Example.org\"}", Map.of());
        assertEquals(202, subscribed.statusCode(), subscribed.body());
        api.settle();
        MimeMessage confirmation = single(mailsTo("marie.dupont@example.org"));
        assertEquals("Confirmez votre inscription aux annonces de Nogentech", confirmation.getSubject());
        String confirm = LocalApi.link(LocalApi.text(confirmation), "/subscriptions/confirm");

        HttpResponse<String> page = get(confirm);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<form method=\"post\""), "the link shows a button: " + page.body());
        assertEquals(
                0,
                Json.MAPPER
                        .readTree(
                                send("GET", "/admin/subscribers", null, admin()).body())
                        .at("/count/confirmed")
                        .asInt(),
                "opening the link confirms nothing");
        HttpResponse<String> confirmed =
                send("POST", confirm, "", Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertEquals(200, confirmed.statusCode());
        assertTrue(confirmed.body().contains("Inscription confirmée"));
        assertEquals(
                "text/html; charset=utf-8",
                confirmed.headers().firstValue("Content-Type").orElseThrow());

        HttpResponse<String> sent = send("POST", "/admin/mailings/2023-10/send?force=true", null, admin());
        assertEquals(202, sent.statusCode(), sent.body());
        api.settle();
        JsonNode status = Json.MAPPER.readTree(
                send("GET", "/admin/mailings/2023-10", null, admin()).body());
        assertEquals("finished", status.get("state").asText());
        List<MimeMessage> october = announcements("jeudi 12 octobre 2023");
        MimeMessage announcement = single(october);
        String text = LocalApi.text(announcement);
        assertTrue(text.contains("jeudi 12 octobre 2023, de 8 h 30 à 10 h 30"), text);
        assertTrue(text.contains("Canopé, Chaumont"), text);

        assertEquals(
                200,
                send("POST", "/admin/mailings/2023-10/send?force=true", null, admin())
                        .statusCode());
        api.settle();
        assertEquals(1, announcements("jeudi 12 octobre 2023").size(), "sending October again adds nothing");

        String unsubscribeUrl = announcement.getHeader("List-Unsubscribe")[0].replaceAll("[<>]", "");
        String unsubscribe = unsubscribeUrl.substring(unsubscribeUrl.indexOf("/subscriptions"));
        HttpResponse<String> unsubscribePage = get(unsubscribe);
        assertEquals(200, unsubscribePage.statusCode());
        assertTrue(unsubscribePage.body().contains("<form method=\"post\""), "a GET only shows the button");
        JsonNode stillThere = Json.MAPPER.readTree(
                send("GET", "/admin/subscribers", null, admin()).body());
        assertEquals(1, stillThere.at("/count/confirmed").asInt());

        HttpResponse<String> oneClick = send(
                "POST",
                unsubscribe,
                "List-Unsubscribe=One-Click",
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertEquals(200, oneClick.statusCode(), oneClick.body());
        assertTrue(oneClick.body().contains("désinscrit"));

        assertEquals(
                202,
                send("POST", "/admin/mailings/2023-11/send?force=true", null, admin())
                        .statusCode());
        api.settle();
        assertEquals(0, announcements("jeudi 9 novembre 2023").size(), "November's mailing does not reach her");
        JsonNode november = Json.MAPPER.readTree(
                send("GET", "/admin/mailings/2023-11", null, admin()).body());
        assertEquals(0, november.get("sent").asInt());
        assertEquals("finished", november.get("state").asText());
    }

    @Test
    void fivePostsForOneAddressPutOneEmailInItsInbox() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertEquals(
                    202,
                    send("POST", "/subscriptions", "{\"email\": \"cible@example.org\"}", Map.of())
                            .statusCode());
        }
        api.settle();
        assertEquals(1, mailsTo("cible@example.org").size());
    }

    @Test
    void badInputGetsAClearAnswerAndChangesNothing() throws Exception {
        HttpResponse<String> invalid = send("POST", "/subscriptions", "{\"email\": \"pas une adresse\"}", Map.of());
        assertEquals(400, invalid.statusCode());
        assertEquals("email", Json.MAPPER.readTree(invalid.body()).get("field").asText());
        assertEquals(
                400,
                send("POST", "/subscriptions", "{\"mail\": \"a@b.fr\"}", Map.of())
                        .statusCode());

        for (String token : List.of("forged", "c.0000.0.AAAA", "")) {
            HttpResponse<String> page = get("/subscriptions/confirm?token=" + token);
            assertEquals(400, page.statusCode());
            assertTrue(page.body().contains("Lien non valable"));
            assertEquals(
                    400,
                    send("POST", "/subscriptions/unsubscribe?token=" + token, "", Map.of())
                            .statusCode());
        }
        assertEquals(
                400, send("POST", "/admin/mailings/2023-1/send", null, admin()).statusCode());
        assertEquals(
                400,
                send("GET", "/admin/mailings/octobre/preview", null, admin()).statusCode());
        assertEquals(
                409, send("POST", "/admin/mailings/2031-01/send", null, admin()).statusCode());
        HttpResponse<String> past = send("POST", "/admin/mailings/2023-10/send", null, admin());
        assertEquals(409, past.statusCode());
        assertTrue(past.body().contains("/problems/past-month"), past.body());
        assertEquals(
                415,
                send(
                                "POST",
                                "/subscriptions",
                                "email=a%40b.fr",
                                Map.of("Content-Type", "application/x-www-form-urlencoded"))
                        .statusCode(),
                "no cross-site form can send mail");
        assertEquals(401, send("GET", "/admin/subscribers", null, Map.of()).statusCode());
    }

    @Test
    void previewsTestsListsAndErases() throws Exception {
        HttpResponse<String> html = send("GET", "/admin/mailings/2023-10/preview", null, admin());
        assertEquals(200, html.statusCode());
        assertTrue(html.body().contains("jeudi 12 octobre 2023, de 8 h 30 à 10 h 30"));
        assertTrue(html.body().contains("Les événements d’octobre 2023"));
        HttpResponse<String> text = send("GET", "/admin/mailings/2023-10/preview?format=text", null, admin());
        assertTrue(text.body().startsWith("Objet : Rencontre du jeudi 12 octobre 2023"));

        assertEquals(
                202,
                send("POST", "/admin/mailings/2023-11/test", "{\"to\": \"relecteur@example.org\"}", admin())
                        .statusCode());
        assertTrue(LocalApi.subject(single(mailsTo("relecteur@example.org")))
                .startsWith("[Essai] Rencontre du jeudi 9 novembre"));

        assertEquals(
                202,
                send("POST", "/subscriptions", "{\"email\": \"a-effacer@example.org\"}", Map.of())
                        .statusCode());
        api.settle();
        JsonNode pending = Json.MAPPER.readTree(
                send("GET", "/admin/subscribers?state=pending", null, admin()).body());
        assertTrue(pending.toString().contains("a-effacer@example.org"));
        assertEquals(
                200,
                send("DELETE", "/admin/subscribers/a-effacer@example.org", null, admin())
                        .statusCode());
        assertFalse(send("GET", "/admin/subscribers?state=pending", null, admin())
                .body()
                .contains("a-effacer@example.org"));
        assertEquals(
                404,
                send("DELETE", "/admin/subscribers/a-effacer@example.org", null, admin())
                        .statusCode());
    }

    private static Map<String, String> admin() {
        return api.admin();
    }

    private static List<MimeMessage> mailsTo(String address) throws IOException {
        return api.mailsTo(address);
    }

    private static List<MimeMessage> announcements(String day) throws IOException {
        return mailsTo("marie.dupont@example.org").stream()
                .filter(m -> LocalApi.subject(m).startsWith("Rencontre du " + day))
                .toList();
    }

    private static MimeMessage single(List<MimeMessage> messages) {
        assertEquals(1, messages.size());
        return messages.get(0);
    }

    private static HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return api.get(pathAndQuery);
    }

    private static HttpResponse<String> send(String method, String path, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        return api.send(method, path, body, headers);
    }
}
