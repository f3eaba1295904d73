package fr.nogentech.events.local;

import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.auth.AdminTokens;
import fr.nogentech.events.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What feed readers get from {@code GET /feed.atom}, end to end through the development server against moto. */
class AtomFeedEndToEndTest {

    private static final String TOKEN = AdminTokens.newToken();
    private static final String WEBSITE = LocalRunTables.SITE.toString();
    private static DevServer server;

    @BeforeAll
    static void start() {
        server = DevServer.start(
                ProjectRoot.template(),
                LocalRunTables.parameters(
                        SeededTables.newSeededEventsTable("atom-feed"), AdminTokens.entry("web", TOKEN)),
                0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aNewRencontreAppearsInTheFeedThenItsCancellationChangesTheEntryAndTheTagButNotTheId() throws Exception {
        HttpResponse<String> before = get("/feed.atom?series=rencontres-du-jeudi", Map.of());
        assertEquals(200, before.statusCode(), before.body());
        assertEquals(
                "application/atom+xml; charset=utf-8",
                before.headers().firstValue("Content-Type").orElseThrow());
        AtomChecks.parse(before.body());

        LocalDate day = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(40);
        HttpResponse<String> created = send(
                "POST",
                "/events",
                "{\"title\": \"Numérique responsable\", \"series\": "
                        + "\"rencontres-du-jeudi\", \"start\": \"" + day + "T08:30\", \"end\": \"" + day + "T10:30\", "
                        + "\"venue\": {\"name\": \"UTT\", \"city\": \"Nogent\"}, \"speakers\": [{\"name\": \"Marie Curie\", "
                        + "\"role\": \"speaker\"}]}",
                Map.of("Authorization", "Bearer " + TOKEN));
        assertEquals(201, created.statusCode(), created.body());
        String id = Json.MAPPER.readTree(created.body()).get("id").asText();

        HttpResponse<String> after = get("/feed.atom?series=rencontres-du-jeudi", Map.of());
        assertNotEquals(before.headers().firstValue("ETag"), after.headers().firstValue("ETag"));
        AtomChecks.Feed feed = AtomChecks.parse(after.body());
        AtomChecks.Entry entry = feed.entries().get(0);
        assertEquals("tag:evenements.nogentech.fr,2023:event/" + id, entry.id());
        assertEquals("Numérique responsable", entry.title());
        assertTrue(entry.summary().contains("Lieu : UTT, Nogent.\nIntervenant : Marie Curie."), entry.summary());
        assertEquals(WEBSITE + "/#" + id, entry.link("alternate").href());
        assertEquals(
                LocalRunTables.API + "/events/" + id + "/calendar.ics",
                entry.link("related").href());
        assertEquals(
                LocalRunTables.API + "/feed.atom?series=rencontres-du-jeudi",
                feed.link("self").href());

        String tag = after.headers().firstValue("ETag").orElseThrow();
        assertEquals(
                304,
                get("/feed.atom?series=rencontres-du-jeudi", Map.of("If-None-Match", tag))
                        .statusCode());
        assertEquals(
                200,
                send(
                                "PATCH",
                                "/events/" + id,
                                "{\"status\": \"cancelled\"}",
                                Map.of("Authorization", "Bearer " + TOKEN))
                        .statusCode());
        HttpResponse<String> cancelled = get("/feed.atom?series=rencontres-du-jeudi", Map.of("If-None-Match", tag));
        assertEquals(200, cancelled.statusCode(), "the tag changed with the entry");
        AtomChecks.Entry now = AtomChecks.parse(cancelled.body()).entries().get(0);
        assertEquals(entry.id(), now.id(), "an entry's id never changes");
        assertEquals("Annulé : Numérique responsable", now.title());
        assertTrue(now.summary().startsWith("Événement annulé.\n"), now.summary());
        assertTrue(now.updated().isAfter(entry.updated()) || now.updated().isEqual(entry.updated()));
    }

    @Test
    void aBrowserOnTheWebsiteMayReadTheFeedAndProblemsAreProblems() throws Exception {
        HttpResponse<String> read = get("/feed.atom", Map.of("Origin", WEBSITE));
        assertEquals(200, read.statusCode());
        assertEquals(
                WEBSITE,
                read.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertTrue(read.headers().firstValue("Cache-Control").orElseThrow().contains("max-age="));
        HttpResponse<String> stranger = get("/feed.atom", Map.of("Origin", "https://evil.example"));
        assertTrue(stranger.headers().firstValue("Access-Control-Allow-Origin").isEmpty());

        assertProblem(get("/feed.atom?series=inconnue", Map.of()), 404, null);
        assertProblem(get("/feed.atom?series=Pas%20un%20nom", Map.of()), 400, "series");
        assertProblem(get("/feed.atom", Map.of("Accept", "application/json")), 406, null);
        assertEquals(
                200, get("/feed.atom", Map.of("Accept", "application/atom+xml")).statusCode());
        assertEquals(200, get("/feed.atom?unknown=1", Map.of()).statusCode(), "other parameters are ignored");
    }

    private static void assertProblem(HttpResponse<String> response, int status, String parameter) throws IOException {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(
                "application/problem+json; charset=utf-8",
                response.headers().firstValue("Content-Type").orElseThrow());
        JsonNode problem = Json.MAPPER.readTree(response.body());
        assertEquals(status, problem.get("status").asInt());
        if (parameter != null) {
            assertEquals(parameter, problem.get("parameter").asText());
        }
    }

    private static HttpResponse<String> get(String path, Map<String, String> headers)
            throws IOException, InterruptedException {
        return HttpCalls.get(server.baseUri(), path, headers);
    }

    private static HttpResponse<String> send(String method, String path, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        return HttpCalls.send(server.baseUri(), method, path, body, headers);
    }
}
