package fr.nogentech.events.functions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.nogentech.events.config.ConfigKeys;
import fr.nogentech.events.http.HttpResponse;
import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.local.SampleEvents;
import fr.nogentech.events.local.SeededTables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The handler as Lambda runs it, replaying the payloads of events/ against moto. */
class ListEventsHandlerTest {

    private static String table;
    private static ListEventsHandler handler;

    @BeforeAll
    static void seededTableAndHandler() {
        table = SeededTables.newSeededEventsTable("list-handler");
        handler = new ListEventsHandler(Map.of(
                ConfigKeys.EVENTS_TABLE, table, ConfigKeys.CURSOR_SECRET, "list-handler-test-secret-0123456789"));
    }

    @AfterAll
    static void close() {
        handler.close();
    }

    @Test
    void listsTheSixRencontresOfTheSeasonInDateOrder() {
        HttpResponse response = handler.serve(SampleEvents.event("list-events.json"));
        assertEquals(200, response.status());
        assertEquals("application/json; charset=utf-8", response.header("Content-Type"));
        JsonNode body = json(response);
        List<String> starts = new ArrayList<>();
        body.get("items").forEach(item -> starts.add(item.get("start").asText()));
        assertEquals(List.of("2023-10-12T08:30:00+02:00", "2023-11-09T08:30:00+01:00", "2023-12-14T08:30:00+01:00",
                "2024-01-11T08:30:00+01:00", "2024-02-08T08:30:00+01:00", "2024-03-14T08:30:00+01:00"), starts);
        assertEquals("Comment utiliser les réseaux sociaux dans l’industrie ?",
                body.at("/items/0/title").asText());
        assertTrue(body.get("next").isNull());
    }

    @Test
    void pagesThroughASeriesWithTheCursor() {
        ObjectNode request = SampleEvents.event("list-events-series-page.json");
        List<String> ids = new ArrayList<>();
        JsonNode page;
        do {
            page = json(handler.serve(request));
            page.get("items").forEach(item -> ids.add(item.get("id").asText()));
            ((ObjectNode) request.get("queryStringParameters")).put("cursor", page.get("next").asText());
        } while (!page.get("next").isNull());
        assertEquals(6, ids.size());
        assertEquals(6, ids.stream().distinct().count());
        assertEquals("2024-03-14-cybersecurite-en-entreprise", ids.get(5));
    }

    @Test
    void startsAsLambdaStartsItWithItsConfigurationFromTheEnvironment() {
        // Lambda calls the no-argument constructor; Micronaut reads EVENTS_TABLE and CURSOR_SECRET from the
        // environment, or their system-property twins, as here.
        System.setProperty(ConfigKeys.EVENTS_TABLE, table);
        System.setProperty(ConfigKeys.CURSOR_SECRET, "list-handler-test-secret-0123456789");
        try (ListEventsHandler asInLambda = new ListEventsHandler()) {
            HttpResponse response =
                    asInLambda.serve(SampleEvents.event("list-events.json"));
            assertEquals(200, response.status(), response.body());
            assertEquals(6, json(response).get("items").size());
        } finally {
            System.clearProperty(ConfigKeys.EVENTS_TABLE);
            System.clearProperty(ConfigKeys.CURSOR_SECRET);
        }
    }

    @Test
    void shipsTheUrlConnectionHttpClientOnly() {
        for (String heavy : List.of("software.amazon.awssdk.http.apache.ApacheHttpClient",
                "software.amazon.awssdk.http.apache5.Apache5HttpClient",
                "software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient")) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(heavy), heavy);
        }
    }

    @Test
    void aLimitOverAHundredIsAProblemNamingTheParameter() {
        HttpResponse response =
                handler.serve(SampleEvents.event("list-events-limit-too-high.json"));
        assertEquals(400, response.status());
        assertEquals("application/problem+json; charset=utf-8", response.header("Content-Type"));
        JsonNode problem = json(response);
        assertEquals("/problems/invalid-parameter", problem.get("type").asText());
        assertEquals(400, problem.get("status").asInt());
        assertEquals("limit", problem.get("parameter").asText());
        assertTrue(problem.get("detail").asText().contains("from 1 to 100"));
    }

    @Test
    void toBeforeFromIsAProblem() {
        JsonNode problem = json(handler.serve(SampleEvents.event("list-events-to-before-from.json")));
        assertEquals(400, problem.get("status").asInt());
        assertEquals("to", problem.get("parameter").asText());
    }

    private static JsonNode json(HttpResponse response) {
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }
}
