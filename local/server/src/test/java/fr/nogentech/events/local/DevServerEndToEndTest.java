package fr.nogentech.events.local;

import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP API end to end: a real HTTP client, the development server, the handlers, moto. */
class DevServerEndToEndTest {

    private static DevServer server;

    @BeforeAll
    static void start() {
        String table = SeededTables.newSeededEventsTable("e2e");
        server = DevServer.start(ProjectRoot.template(), LocalRunTables.parameters(table, ""), 0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void listsTheSixRencontresOfTheSeasonWithTopicsSpeakersVenuesAndOffsets() throws Exception {
        HttpResponse<String> response = get("/events?from=2023-09-01&to=2024-04-01");
        assertEquals(200, response.statusCode());
        assertEquals(
                "application/json; charset=utf-8",
                response.headers().firstValue("content-type").orElseThrow());
        JsonNode items = Json.MAPPER.readTree(response.body()).get("items");
        assertEquals(6, items.size());
        List<String> lines = new ArrayList<>();
        for (JsonNode item : items) {
            StringBuilder speakers = new StringBuilder();
            item.get("speakers")
                    .forEach(s -> speakers.append(s.path("name").asText("-"))
                            .append(" (")
                            .append(s.path("organization").asText("-"))
                            .append(", ")
                            .append(s.get("role").asText())
                            .append(") "));
            lines.add(item.get("start").asText() + " | " + item.get("title").asText() + " | "
                    + item.at("/venue/name").asText() + ", "
                    + item.at("/venue/city").asText() + " | "
                    + speakers.toString().trim());
        }
        assertEquals(
                List.of(
                        "2023-10-12T08:30:00+02:00 | Comment utiliser les réseaux sociaux dans l’industrie ? | Canopé, "
                                + "Chaumont | Germain Chittaro (groupe Interactions, speaker) José Sanchez (MS Pétanque, "
                                + "testimony)",
                        "2023-11-09T08:30:00+01:00 | Attractivité – Comment attirer les talents ? | UTT, antenne de Nogent, "
                                + "Nogent | Thomas Corvasce (Agence d’attractivité, speaker)",
                        "2023-12-14T08:30:00+01:00 | Recruter sans CV | Lisi, site de Plein Est, Chaumont | - (Lisi, "
                                + "testimony)",
                        "2024-01-11T08:30:00+01:00 | Les diagnostics Climat | UTT, antenne de Nogent, Nogent | - "
                                + "(Bpifrance, speaker)",
                        "2024-02-08T08:30:00+01:00 | Contexte économique – Emprunter à quel taux ? | CRITT MI, Nogent | "
                                + "Laurence Kin-Ropers (Banque de France, speaker)",
                        "2024-03-14T08:30:00+01:00 | La cybersécurité en entreprise | Gillet Group, Nogent | Franck Kwasiak "
                                + "(Gillet Group, testimony)"),
                lines);
        items.forEach(item -> assertTrue(item.get("end").asText().contains("T10:30:00+0")));
    }

    @Test
    void pagingTwoAtATimeWalksAllSixWithNoRepeat() throws Exception {
        List<String> ids = new ArrayList<>();
        String query = "/events?from=2023-09-01&to=2024-04-01&limit=2";
        String next = null;
        int pages = 0;
        do {
            String url = next == null ? query : query + "&cursor=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
            JsonNode page = Json.MAPPER.readTree(get(url).body());
            assertTrue(page.get("items").size() <= 2);
            page.get("items").forEach(item -> ids.add(item.get("id").asText()));
            next = page.get("next").isNull() ? null : page.get("next").asText();
            pages++;
        } while (next != null);
        assertEquals(3, pages);
        assertEquals(6, ids.size());
        assertEquals(6, ids.stream().distinct().count());
    }

    @Test
    void getsOneEventByIdAndSaysWhenThereIsNone() throws Exception {
        HttpResponse<String> found = get("/events/2024-02-08-contexte-economique-emprunter-a-quel-taux");
        assertEquals(200, found.statusCode());
        assertEquals(
                "Banque de France",
                Json.MAPPER
                        .readTree(found.body())
                        .at("/speakers/0/organization")
                        .asText());

        HttpResponse<String> missing = get("/events/2024-02-09-nothing");
        assertProblem(missing, 404, "/problems/not-found", "2024-02-09-nothing");
    }

    @Test
    void badParametersAreProblemsSayingWhatToFix() throws Exception {
        assertProblem(get("/events?from=hier"), 400, "/problems/invalid-parameter", "`from` must be an ISO date");
        assertProblem(
                get("/events?from=2024-04-01&to=2023-09-01"),
                400,
                "/problems/invalid-parameter",
                "must be after `from`");
        assertProblem(get("/events?limit=0"), 400, "/problems/invalid-parameter", "from 1 to 100");
        assertProblem(get("/events?limit=101"), 400, "/problems/invalid-parameter", "from 1 to 100");
        assertProblem(
                get("/events?cursor=forged.cursor"), 400, "/problems/invalid-parameter", "not one this API issued");

        JsonNode page =
                Json.MAPPER.readTree(get("/events?from=2023-09-01&limit=2").body());
        String cursor = URLEncoder.encode(page.get("next").asText(), StandardCharsets.UTF_8);
        assertProblem(
                get("/events?from=2023-10-01&limit=2&cursor=" + cursor),
                400,
                "/problems/invalid-parameter",
                "another query");
    }

    @Test
    void anUndeclaredRouteIsNotFoundAsApiGatewaySaysIt() throws Exception {
        HttpResponse<String> response = get("/nothing-here");
        assertEquals(404, response.statusCode());
        assertEquals("{\"message\":\"Not Found\"}", response.body());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type, String detailPart)
            throws IOException {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(
                "application/problem+json; charset=utf-8",
                response.headers().firstValue("content-type").orElseThrow());
        JsonNode problem = Json.MAPPER.readTree(response.body());
        assertEquals(type, problem.get("type").asText());
        assertEquals(status, problem.get("status").asInt());
        assertTrue(problem.get("title").asText().length() > 3);
        assertTrue(
                problem.get("detail").asText().contains(detailPart),
                problem.get("detail").asText());
    }

    private static HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return HttpCalls.get(server.baseUri(), pathAndQuery);
    }
}
