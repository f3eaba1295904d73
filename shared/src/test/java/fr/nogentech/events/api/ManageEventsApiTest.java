package fr.nogentech.events.api;

import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.event.Event;
import fr.nogentech.events.http.HttpRequest;
import fr.nogentech.events.http.HttpResponse;
import fr.nogentech.events.http.HttpResponses;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.local.SdkCalls;
import fr.nogentech.events.local.TestStack;
import fr.nogentech.events.store.EventStore;
import fr.nogentech.events.store.RegistrationStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ManageEventsApi} with plain requests, on a real store (moto): the paths a race is needed to reach in AWS,
 * such as a change that runs out of retries, are reached by answering the store's writes with what DynamoDB would.
 */
class ManageEventsApiTest {

    private static final String EVENT = """
            {"title": "Rencontre du jeudi", "start": "2023-10-12T08:30", "end": "2023-10-12T10:30",
             "venue": {"name": "Salle des fêtes", "city": "Nogent"}}""";

    private static DynamoDbClient dynamoDb;
    private static EventStore store;
    private static ManageEventsApi api;

    @BeforeAll
    static void store() {
        dynamoDb = TestStack.moto().dynamoDb();
        String table = TestStack.newEventsTable(TestStack.moto(), "manage-api");
        store = new EventStore(dynamoDb, table, Clock.systemUTC());
        api = new ManageEventsApi(store, new RegistrationListApi(store, new RegistrationStore(dynamoDb, table)));
    }

    @AfterAll
    static void close() {
        dynamoDb.close();
    }

    @Test
    void aChangeThatMeetsANewerVersionOnEveryAttemptIsA409AndWritesNothing() {
        String id = created("2023-10-12-rencontre-du-jeudi");
        List<SdkCalls.Call> calls = new ArrayList<>();
        // Each attempt reads version 1 and writes on condition of it; another writer always got there first.
        try (AutoCloseable race = SdkCalls.fail("DynamoDb.PutItem", request -> versionMoved());
                AutoCloseable recording = SdkCalls.record(calls)) {
            HttpResponse response = serve(request("PATCH /events/{id}", id, "{\"status\": \"cancelled\"}", Map.of()));
            assertEquals(409, response.status(), response.body());
            assertEquals(
                    "/problems/concurrent-change", json(response).get("type").asText());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertEquals(
                3,
                calls.stream()
                        .filter(call -> call.operation().equals("PutItem"))
                        .count(),
                "three attempts, each on the version it read");
        Event stored = store.find(id).orElseThrow();
        assertEquals(1, stored.version());
        assertEquals("scheduled", stored.status().name().toLowerCase());
    }

    @Test
    void aChangeThatMeetsANewerVersionOnceIsRedoneOnIt() {
        String id = created("2023-11-09-rencontre-du-jeudi");
        int[] refusals = {0};
        try (AutoCloseable once =
                SdkCalls.fail("DynamoDb.PutItem", request -> refusals[0]++ == 0 ? versionMoved() : null)) {
            HttpResponse response = serve(request("PATCH /events/{id}", id, "{\"status\": \"cancelled\"}", Map.of()));
            assertEquals(200, response.status(), response.body());
            assertEquals("\"v2\"", response.header("ETag"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertEquals("cancelled", store.find(id).orElseThrow().status().name().toLowerCase());
    }

    @Test
    void withIfMatchAStaleVersionIsA412NamingTheCurrentTagAndIsNotRetried() {
        String id = created("2023-12-14-rencontre-du-jeudi");
        HttpResponse response =
                serve(request("PATCH /events/{id}", id, "{\"title\": \"Autre titre\"}", Map.of("if-match", "\"v7\"")));
        assertEquals(412, response.status(), response.body());
        assertEquals("\"v1\"", json(response).get("currentETag").asText());
        assertEquals("Rencontre du jeudi", store.find(id).orElseThrow().title());
    }

    @Test
    void aRequestWithoutAnAdministratorIsRefusedBeforeAnythingIsRead() {
        List<SdkCalls.Call> calls = new ArrayList<>();
        try (AutoCloseable recording = SdkCalls.record(calls)) {
            HttpResponse response = HttpResponses.serve(
                    api,
                    new HttpRequest(
                            "POST /events",
                            Map.of(),
                            Map.of(),
                            Map.of("content-type", "application/json"),
                            EVENT.getBytes(StandardCharsets.UTF_8),
                            null));
            assertEquals(403, response.status());
            assertEquals("application/problem+json; charset=utf-8", response.header("Content-Type"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertEquals(List.of(), calls);
    }

    @Test
    void aRetriedPostWithItsIdempotencyKeyGetsTheFirstAnswerAgain() {
        String body = EVENT.replace("2023-10-12", "2024-01-11");
        HttpRequest post = new HttpRequest(
                "POST /events",
                Map.of(),
                Map.of(),
                Map.of("content-type", "application/json", "idempotency-key", "retry-1"),
                body.getBytes(StandardCharsets.UTF_8),
                "alice");
        HttpResponse first = serve(post);
        assertEquals(201, first.status(), first.body());
        assertEquals(first, serve(post));
        HttpResponse other = serve(new HttpRequest(
                "POST /events",
                Map.of(),
                Map.of(),
                post.headers(),
                body.replace("Rencontre", "Autre").getBytes(StandardCharsets.UTF_8),
                "alice"));
        assertEquals(422, other.status(), other.body());
        assertTrue(other.body().contains("idempotency-key-reused"), other.body());
    }

    /** DynamoDB's answer to a write whose condition on the version no longer holds. */
    private static ConditionalCheckFailedException versionMoved() {
        return (ConditionalCheckFailedException) ConditionalCheckFailedException.builder()
                .statusCode(400)
                .message("The conditional request failed")
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("ConditionalCheckFailedException")
                        .serviceName("DynamoDb")
                        .build())
                .build();
    }

    private static String created(String id) {
        HttpResponse response = serve(new HttpRequest(
                "POST /events",
                Map.of(),
                Map.of(),
                Map.of("content-type", "application/json"),
                EVENT.replace("2023-10-12", id.substring(0, 10)).getBytes(StandardCharsets.UTF_8),
                "alice"));
        assertEquals(201, response.status(), response.body());
        assertEquals(id, json(response).get("id").asText());
        return id;
    }

    private static HttpRequest request(String route, String id, String body, Map<String, String> headers) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("content-type", "application/json");
        return new HttpRequest(route, Map.of("id", id), Map.of(), all, body.getBytes(StandardCharsets.UTF_8), "alice");
    }

    private static HttpResponse serve(HttpRequest request) {
        return HttpResponses.serve(api, request);
    }

    private static JsonNode json(HttpResponse response) {
        return Json.read(response.body());
    }
}
