package fr.nogentech.events.api;

import fr.nogentech.events.event.EventPages;
import fr.nogentech.events.http.HttpRequest;
import fr.nogentech.events.http.HttpResponse;
import fr.nogentech.events.http.HttpResponses;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.local.SdkCalls;
import fr.nogentech.events.local.TestStack;
import fr.nogentech.events.registration.Registrant;
import fr.nogentech.events.store.EventStore;
import fr.nogentech.events.store.RegistrationStore;
import fr.nogentech.events.subscription.EmailAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** {@link GetEventApi} with plain requests: negotiation, conditional requests, and ids that cannot exist. */
class GetEventApiTest {

    private static DynamoDbClient dynamoDb;
    private static GetEventApi api;
    private static RegistrationStore registrations;

    @BeforeAll
    static void oneEvent() {
        dynamoDb = TestStack.moto().dynamoDb();
        String table = TestStack.newEventsTable(TestStack.moto(), "get-api");
        EventStore store = new EventStore(dynamoDb, table, Clock.systemUTC());
        HttpResponse created = HttpResponses.serve(
                new ManageEventsApi(store, new RegistrationListApi(store, new RegistrationStore(dynamoDb, table))),
                new HttpRequest(
                        "POST /events",
                        Map.of(),
                        Map.of(),
                        Map.of("content-type", "application/json"),
                        """
                {"id": "rencontre", "title": "Rencontre du jeudi", "start": "2023-10-12T08:30",
                 "end": "2023-10-12T10:30", "venue": {"name": "Salle des fêtes", "city": "Nogent"}}""".getBytes(StandardCharsets.UTF_8),
                        "alice"));
        assertEquals(201, created.status(), created.body());
        String future = java.time.LocalDate.now().plusDays(30).toString();
        HttpResponse registered = HttpResponses.serve(
                new ManageEventsApi(store),
                new HttpRequest(
                        "POST /events",
                        Map.of(),
                        Map.of(),
                        Map.of("content-type", "application/json"),
                        ("{\"id\": \"avec-inscription\", \"title\": \"Petit-déjeuner\", \"start\": \"" + future
                                        + "T08:30\", \"end\": \"" + future
                                        + "T10:30\", \"registration\": {\"capacity\": 2}}")
                                .getBytes(StandardCharsets.UTF_8),
                        "alice"));
        assertEquals(201, registered.status(), registered.body());
        registrations = new RegistrationStore(dynamoDb, table);
        api = new GetEventApi(
                store, registrations, new EventPages("https://www.nogentech.fr/evenements/{id}"), Clock.systemUTC());
    }

    @AfterAll
    static void close() {
        dynamoDb.close();
    }

    @Test
    void theTagOfTheAnswerMakesTheNextRequestA304WithoutABody() {
        HttpResponse first = get("rencontre", Map.of());
        assertEquals(200, first.status());
        assertEquals("\"v1\"", first.header("ETag"));
        assertEquals("Accept", first.header("Vary"));
        HttpResponse again = get("rencontre", Map.of("if-none-match", "W/\"v1\""));
        assertEquals(304, again.status());
        assertNull(again.body());
        assertNull(again.header("Content-Type"));
        assertEquals("\"v1\"", again.header("ETag"));
        assertEquals(200, get("rencontre", Map.of("if-none-match", "\"v0\"")).status());
    }

    @Test
    void anEventTakingRegistrationsShowsItsRemainingSeatsAndItsTagChangesWithThem() {
        HttpResponse before = get("avec-inscription", Map.of());
        assertEquals(200, before.status(), before.body());
        var registration = Json.read(before.body()).get("registration");
        assertEquals(2, registration.get("capacity").asInt());
        assertEquals(2, registration.get("remaining").asInt());
        assertEquals(true, registration.get("open").asBoolean());
        assertEquals(
                java.time.LocalDate.now().plusDays(29) + "T18:00:00",
                registration.get("closesAt").asText().substring(0, 19),
                "by default, the day before at 18:00");

        java.time.Instant end = java.time.Instant.now().plus(java.time.Duration.ofDays(31));
        registrations.register(
                "avec-inscription",
                new Registrant("Jeanne", EmailAddress.parse("jeanne@get.example", "email"), null),
                2,
                java.time.Instant.now(),
                end);
        HttpResponse after = get("avec-inscription", Map.of("if-none-match", before.header("ETag")));
        assertEquals(200, after.status(), "a seat taken changes the answer, so its tag too");
        assertEquals(
                1, Json.read(after.body()).get("registration").get("remaining").asInt());
        assertEquals(-1, after.body().indexOf("jeanne"), "never who registered");
    }

    @Test
    void jsonLdIsAnotherDocumentWithItsOwnTag() {
        HttpResponse ld = get("rencontre", Map.of("accept", "application/ld+json"));
        assertEquals(200, ld.status());
        assertEquals("application/ld+json; charset=utf-8", ld.header("Content-Type"));
        assertEquals("Event", Json.read(ld.body()).get("@type").asText());
        assertEquals(406, get("rencontre", Map.of("accept", "text/html")).status());
    }

    @Test
    void anIdThatCannotExistIsA404WithoutReadingTheTable() {
        List<SdkCalls.Call> calls = new ArrayList<>();
        try (AutoCloseable recording = SdkCalls.record(calls)) {
            HttpResponse response = get("Not An Id", Map.of());
            assertEquals(404, response.status());
            assertEquals(
                    "/problems/not-found",
                    Json.read(response.body()).get("type").asText());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertEquals(List.of(), calls);
    }

    private static HttpResponse get(String id, Map<String, String> headers) {
        return HttpResponses.serve(
                api, new HttpRequest("GET /events/{id}", Map.of("id", id), Map.of(), headers, null, null));
    }
}
