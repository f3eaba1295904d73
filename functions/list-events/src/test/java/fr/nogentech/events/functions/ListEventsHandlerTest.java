package fr.nogentech.events.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.nogentech.events.http.HttpResponse;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.lambda.FunctionHandler;
import fr.nogentech.events.local.LocalAws;
import fr.nogentech.events.local.OtherSeries;
import fr.nogentech.events.local.ProjectRoot;
import fr.nogentech.events.local.SampleEvents;
import fr.nogentech.events.local.Seeds;
import fr.nogentech.events.local.TestStack;
import fr.nogentech.events.store.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The handler as Lambda runs it, replaying the payloads of events/ against moto. */
class ListEventsHandlerTest {

    private static String table;
    private static ListEventsHandler handler;

    @BeforeAll
    static void seededTableAndHandler() {
        LocalAws moto = TestStack.moto();
        table = TestStack.newEventsTable(moto, "list-handler");
        try (var dynamoDb = moto.dynamoDb()) {
            Seeds.load(
                    new EventStore(dynamoDb, table, Clock.systemUTC()),
                    Seeds.read(ProjectRoot.find().resolve("seeds")));
            // Every seed is a rencontre: an event of another series tells a series filter from none.
            Seeds.load(new EventStore(dynamoDb, table, Clock.systemUTC()), Seeds.read(OtherSeries.folder()));
        }
        handler = new ListEventsHandler(FunctionHandler.configured(
                Map.of("events.table", table, "cursor.secret", "list-handler-test-secret-0123456789")));
    }

    @AfterAll
    static void close() {
        handler.close();
    }

    @Test
    void listsTheSixRencontresOfTheSeasonAndTheOtherSeriesEventInDateOrder() {
        HttpResponse response = handler.serve(SampleEvents.event("list-events.json"));
        assertEquals(200, response.status());
        assertEquals("application/json; charset=utf-8", response.header("Content-Type"));
        JsonNode body = json(response);
        List<String> starts = new ArrayList<>();
        body.get("items").forEach(item -> starts.add(item.get("start").asText()));
        assertEquals(
                List.of(
                        "2023-10-12T08:30:00+02:00",
                        "2023-11-09T08:30:00+01:00",
                        "2023-11-23T14:00:00+01:00",
                        "2023-12-14T08:30:00+01:00",
                        "2024-01-11T08:30:00+01:00",
                        "2024-02-08T08:30:00+01:00",
                        "2024-03-14T08:30:00+01:00"),
                starts);
        assertEquals(
                "Comment utiliser les réseaux sociaux dans l’industrie ?",
                body.at("/items/0/title").asText());
        assertEquals(OtherSeries.EVENT_ID, body.at("/items/2/id").asText(), "no filter: every series");
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
            ((ObjectNode) request.get("queryStringParameters"))
                    .put("cursor", page.get("next").asText());
        } while (!page.get("next").isNull());
        assertEquals(6, ids.size());
        assertEquals(6, ids.stream().distinct().count());
        assertEquals("2024-03-14-cybersecurite-en-entreprise", ids.get(5));
        assertFalse(ids.contains(OtherSeries.EVENT_ID), "the other series' event is filtered out: " + ids);
    }

    @Test
    void startsAsLambdaStartsItWithItsConfigurationFromTheEnvironment() {
        // Lambda calls the no-argument constructor; Micronaut reads EVENTS_TABLE and CURSOR_SECRET from the
        // environment, which this module's pom.xml gives the test JVM once, for the whole run (the other tests
        // configure their handlers explicitly, which takes precedence).
        String fromTheEnvironment = TestStack.eventsTable(
                TestStack.moto(),
                Objects.requireNonNull(
                        System.getenv("EVENTS_TABLE"), "EVENTS_TABLE: the module's pom.xml sets it for the test JVM"));
        try (var dynamoDb = TestStack.moto().dynamoDb()) {
            EventStore store = new EventStore(dynamoDb, fromTheEnvironment, Clock.systemUTC());
            Seeds.load(store, Seeds.read(ProjectRoot.find().resolve("seeds")));
            Seeds.load(store, Seeds.read(OtherSeries.folder()));
        }
        try (ListEventsHandler asInLambda = new ListEventsHandler()) {
            HttpResponse response = asInLambda.serve(SampleEvents.event("list-events.json"));
            assertEquals(200, response.status(), response.body());
            assertEquals(7, json(response).get("items").size());
        }
    }

    @Test
    void shipsTheUrlConnectionHttpClientOnly() {
        for (String heavy : List.of(
                "software.amazon.awssdk.http.apache.ApacheHttpClient",
                "software.amazon.awssdk.http.apache5.Apache5HttpClient",
                "software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient")) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(heavy), heavy);
        }
    }

    @Test
    void aLimitOverAHundredIsAProblemNamingTheParameter() {
        HttpResponse response = handler.serve(SampleEvents.event("list-events-limit-too-high.json"));
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
