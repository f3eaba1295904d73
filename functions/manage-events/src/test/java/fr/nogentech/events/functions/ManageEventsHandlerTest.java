package fr.nogentech.events.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.nogentech.events.config.ConfigKeys;
import fr.nogentech.events.event.Event;
import fr.nogentech.events.event.EventStatus;
import fr.nogentech.events.http.HttpResponse;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.lambda.FunctionHandler;
import fr.nogentech.events.local.ChecksPermissions;
import fr.nogentech.events.local.LocalAws;
import fr.nogentech.events.local.SampleEvents;
import fr.nogentech.events.local.SdkCalls;
import fr.nogentech.events.local.SeededTables;
import fr.nogentech.events.local.TestStack;
import fr.nogentech.events.store.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Clock;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The handler as Lambda runs it behind the authorizer, replaying the payloads of events/ against moto. */
@ChecksPermissions("ManageEventsFunction")
class ManageEventsHandlerTest {

    private static DynamoDbClient dynamoDb;
    private static EventStore store;
    private static ManageEventsHandler handler;

    @BeforeAll
    static void seededTableAndHandler() {
        LocalAws moto = TestStack.moto();
        String table = TestStack.newEventsTable(moto, "manage-handler");
        dynamoDb = moto.dynamoDb();
        store = new EventStore(dynamoDb, table, Clock.systemUTC());
        SeededTables.loadSeeds(store);
        handler = new ManageEventsHandler(FunctionHandler.configured(Map.of(ConfigKeys.EVENTS_TABLE, table)));
    }

    @AfterAll
    static void close() {
        handler.close();
        dynamoDb.close();
    }

    @Test
    void aPostThatMeetsAConcurrentTransactionIsA409NeverA500AndWritesNothing() throws Exception {
        ObjectNode post = SampleEvents.event("create-event.json");
        ((ObjectNode) post.get("headers")).put("idempotency-key", "conflict-1");
        post.put("body", post.get("body").asText().replace("Visite de l’usine Usi 2", "Visite en conflit"));
        // What DynamoDB answers when another transaction holds the same items.
        try (AutoCloseable conflict = SdkCalls.fail(
                "DynamoDb.TransactWriteItems",
                call -> TransactionCanceledException.builder()
                        .statusCode(400)
                        .message("Transaction cancelled")
                        .awsErrorDetails(AwsErrorDetails.builder()
                                .errorCode("TransactionCanceledException")
                                .serviceName("DynamoDb")
                                .build())
                        .cancellationReasons(
                                CancellationReason.builder()
                                        .code("TransactionConflict")
                                        .build(),
                                CancellationReason.builder().code("None").build())
                        .build())) {
            HttpResponse refused = handler.serve(post);
            assertEquals(409, refused.status(), refused.body());
            assertEquals(
                    "/problems/concurrent-change",
                    Json.MAPPER.readTree(refused.body()).get("type").asText());
        }
        assertTrue(store.find("2023-09-21-visite-en-conflit").isEmpty(), "nothing half-written");
        assertEquals(201, handler.serve(post).status(), "sent again, it goes");
    }

    @Test
    void createsAnEventOnceWithItsIdempotencyKey() throws Exception {
        HttpResponse first = handler.serve(SampleEvents.event("create-event.json"));
        assertEquals(201, first.status(), first.body());
        assertEquals("/events/2023-09-21-visite-de-l-usine-usi-2", first.header("Location"));
        assertEquals("\"v1\"", first.header("ETag"));
        JsonNode created = Json.MAPPER.readTree(first.body());
        assertEquals("2023-09-21T14:00:00+02:00", created.get("start").asText());

        HttpResponse retry = handler.serve(SampleEvents.event("create-event.json"));
        assertEquals(201, retry.status());
        assertEquals(first.body(), retry.body());
        Event stored = store.find("2023-09-21-visite-de-l-usine-usi-2").orElseThrow();
        assertEquals(1, stored.version());
        assertEquals("alice", stored.updatedBy());
    }

    @Test
    void patchesJustTheVenueFromABodyCurlSentAsAForm() throws Exception {
        HttpResponse response = handler.serve(SampleEvents.event("patch-event-venue.json"));
        assertEquals(200, response.status(), response.body());
        Event stored = store.find("2023-10-12-reseaux-sociaux-dans-l-industrie").orElseThrow();
        assertEquals("CRITT MI", stored.venue().name());
        assertEquals("Nogent", stored.venue().city());
        assertEquals("Comment utiliser les réseaux sociaux dans l’industrie ?", stored.title());
        assertEquals(2, stored.speakers().size());
        assertEquals("\"v" + stored.version() + "\"", response.header("ETag"));
    }

    @Test
    void cancelsWithIfMatchAndRefusesTheSameStaleChange() throws Exception {
        HttpResponse response = handler.serve(SampleEvents.event("cancel-event.json"));
        assertEquals(200, response.status(), response.body());
        assertEquals(
                EventStatus.CANCELLED,
                store.find("2023-11-09-attractivite-attirer-les-talents")
                        .orElseThrow()
                        .status());

        HttpResponse again = handler.serve(SampleEvents.event("cancel-event.json"));
        assertEquals(412, again.status());
        JsonNode problem = Json.MAPPER.readTree(again.body());
        assertEquals("\"v2\"", problem.get("currentETag").asText());
    }

    @Test
    void deletes() {
        assertEquals(204, handler.serve(SampleEvents.event("delete-event.json")).status());
        assertTrue(store.find("2024-03-14-cybersecurite-en-entreprise").isEmpty());
        assertEquals(404, handler.serve(SampleEvents.event("delete-event.json")).status());
    }

    @Test
    void refusesARequestThatDidNotComeThroughTheAuthorizer() {
        ObjectNode event = SampleEvents.event("create-event.json");
        ((ObjectNode) event.get("requestContext")).remove("authorizer");
        HttpResponse response = handler.serve(event);
        assertEquals(403, response.status());
        assertEquals("application/problem+json; charset=utf-8", response.header("Content-Type"));
    }
}
