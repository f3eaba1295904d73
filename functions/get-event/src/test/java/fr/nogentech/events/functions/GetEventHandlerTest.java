package fr.nogentech.events.functions;

import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.http.HttpResponse;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.lambda.FunctionHandler;
import fr.nogentech.events.local.LocalAws;
import fr.nogentech.events.local.ProjectRoot;
import fr.nogentech.events.local.SampleEvents;
import fr.nogentech.events.local.SdkCalls;
import fr.nogentech.events.local.Seeds;
import fr.nogentech.events.local.TestStack;
import fr.nogentech.events.store.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The handler as Lambda runs it, replaying the payloads of events/ against moto. */
class GetEventHandlerTest {

    private static final String PAGES = "https://www.nogentech.fr/evenements/{id}";
    private static String table;
    private static GetEventHandler handler;

    @BeforeAll
    static void seededTableAndHandler() {
        LocalAws moto = TestStack.moto();
        table = TestStack.newEventsTable(moto, "get-handler");
        try (var dynamoDb = moto.dynamoDb()) {
            Seeds.load(
                    new EventStore(dynamoDb, table, Clock.systemUTC()),
                    Seeds.read(ProjectRoot.find().resolve("seeds")));
        }
        handler =
                new GetEventHandler(FunctionHandler.configured(Map.of("events.table", table, "event.page.url", PAGES)));
    }

    @AfterAll
    static void close() {
        handler.close();
    }

    @Test
    void answersTheEventInTheShapeOfTheDesign() {
        HttpResponse response = handler.serve(SampleEvents.event("get-event.json"));
        assertEquals(200, response.status());
        JsonNode event = json(response);
        assertEquals(
                "2023-10-12-reseaux-sociaux-dans-l-industrie", event.get("id").asText());
        assertEquals("2023-10-12T08:30:00+02:00", event.get("start").asText());
        assertEquals("2023-10-12T10:30:00+02:00", event.get("end").asText());
        assertEquals("Canopé", event.at("/venue/name").asText());
        assertEquals("Chaumont", event.at("/venue/city").asText());
        assertEquals("Germain Chittaro", event.at("/speakers/0/name").asText());
        assertEquals("groupe Interactions", event.at("/speakers/0/organization").asText());
        assertEquals("speaker", event.at("/speakers/0/role").asText());
        assertEquals("José Sanchez", event.at("/speakers/1/name").asText());
        assertEquals("testimony", event.at("/speakers/1/role").asText());
        assertEquals("scheduled", event.get("status").asText());
        assertEquals(1, event.get("version").asInt());
    }

    @Test
    void startsAsLambdaStartsItWithItsConfigurationFromTheEnvironment() {
        // Lambda calls the no-argument constructor; Micronaut reads EVENTS_TABLE and EVENT_PAGE_URL from the
        // environment, which this module's pom.xml gives the test JVM once, for the whole run (the other tests
        // configure their handlers explicitly, which takes precedence).
        String fromTheEnvironment = TestStack.eventsTable(
                TestStack.moto(),
                Objects.requireNonNull(
                        System.getenv("EVENTS_TABLE"), "EVENTS_TABLE: the module's pom.xml sets it for the test JVM"));
        try (var dynamoDb = TestStack.moto().dynamoDb()) {
            Seeds.load(
                    new EventStore(dynamoDb, fromTheEnvironment, Clock.systemUTC()),
                    Seeds.read(ProjectRoot.find().resolve("seeds")));
        }
        try (GetEventHandler asInLambda = new GetEventHandler()) {
            HttpResponse response = asInLambda.serve(SampleEvents.event("get-event.json"));
            assertEquals(200, response.status(), response.body());
            assertEquals(
                    System.getenv("EVENT_PAGE_URL").replace("{id}", "2023-10-12-reseaux-sociaux-dans-l-industrie"),
                    json(asInLambda.serve(SampleEvents.event("get-event-json-ld.json")))
                            .get("url")
                            .asText());
        }
    }

    @Test
    void answersJsonLdWhenAskedFor() {
        HttpResponse response = handler.serve(SampleEvents.event("get-event-json-ld.json"));
        assertEquals(200, response.status());
        assertEquals("application/ld+json; charset=utf-8", response.header("Content-Type"));
        JsonNode event = json(response);
        assertEquals("Event", event.get("@type").asText());
        assertEquals(
                "https://www.nogentech.fr/evenements/2023-10-12-reseaux-sociaux-dans-l-industrie",
                event.get("url").asText());
    }

    @Test
    void anUnknownIdIsANotFoundProblem() {
        HttpResponse response = handler.serve(SampleEvents.event("get-event-unknown.json"));
        assertEquals(404, response.status());
        assertEquals("application/problem+json; charset=utf-8", response.header("Content-Type"));
        JsonNode problem = json(response);
        assertEquals("/problems/not-found", problem.get("type").asText());
        assertTrue(problem.get("detail").asText().contains("2099-01-01-nothing-here"));
    }

    @Test
    void anUnreachableStoreIsAServiceUnavailableProblemWithoutInternals() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        // The handler's DynamoDB calls go to a closed port, as in a network fault; the JVM's endpoint stays moto's.
        AutoCloseable unreachable = SdkCalls.redirect("DynamoDb", URI.create("http://127.0.0.1:" + closedPort));
        try (GetEventHandler offline = new GetEventHandler(
                FunctionHandler.configured(Map.of("events.table", table, "event.page.url", PAGES)))) {
            HttpResponse response = offline.serve(SampleEvents.event("get-event.json"));
            assertEquals(503, response.status());
            assertEquals("5", response.header("Retry-After"));
            JsonNode problem = json(response);
            assertEquals("/problems/service-unavailable", problem.get("type").asText());
            assertFalse(response.body().contains("Exception"), response.body());
            assertFalse(response.body().contains("127.0.0.1"), response.body());
        } finally {
            unreachable.close();
        }
    }

    private static JsonNode json(HttpResponse response) {
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }
}
