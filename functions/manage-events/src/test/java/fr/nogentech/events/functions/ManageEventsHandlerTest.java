package fr.nogentech.events.functions;

import fr.nogentech.events.local.ChecksPermissions;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.event.Event;
import fr.nogentech.events.event.EventStatus;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.local.LocalAws;
import fr.nogentech.events.local.ProjectRoot;
import fr.nogentech.events.local.SampleEvents;
import fr.nogentech.events.local.SdkCalls;
import fr.nogentech.events.local.TestStack;
import fr.nogentech.events.seed.Seeds;
import fr.nogentech.events.store.EventStore;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
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
        Seeds.load(store, Seeds.read(ProjectRoot.find().resolve("seeds")));
        handler = new ManageEventsHandler(new LambdaApplicationContextBuilder().properties(
                Map.of("events.table", table)));
    }

    @AfterAll
    static void close() {
        handler.close();
        dynamoDb.close();
    }

    @Test
    void aPostThatMeetsAConcurrentTransactionIsA409NeverA500AndWritesNothing() throws Exception {
        APIGatewayV2HTTPEvent post = SampleEvents.httpEvent("create-event.json");
        post.setHeaders(new java.util.HashMap<>(post.getHeaders()));
        post.getHeaders().put("idempotency-key", "conflict-1");
        post.setBody(post.getBody().replace("Visite de l’usine Usi 2", "Visite en conflit"));
        // What DynamoDB answers when another transaction holds the same items.
        try (AutoCloseable conflict = SdkCalls.fail("DynamoDb.TransactWriteItems", call ->
                TransactionCanceledException.builder().statusCode(400).message("Transaction cancelled")
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("TransactionCanceledException")
                                .serviceName("DynamoDb").build())
                        .cancellationReasons(CancellationReason.builder().code("TransactionConflict").build(),
                                CancellationReason.builder().code("None").build()).build())) {
            APIGatewayV2HTTPResponse refused = handler.handleRequest(post, null);
            assertEquals(409, refused.getStatusCode(), refused.getBody());
            assertEquals("/problems/concurrent-change", Json.MAPPER.readTree(refused.getBody()).get("type")
                    .asText());
        }
        assertTrue(store.find("2023-09-21-visite-en-conflit").isEmpty(), "nothing half-written");
        assertEquals(201, handler.handleRequest(post, null).getStatusCode(), "sent again, it goes");
    }

    @Test
    void createsAnEventOnceWithItsIdempotencyKey() throws Exception {
        APIGatewayV2HTTPResponse first = handler.handleRequest(SampleEvents.httpEvent("create-event.json"), null);
        assertEquals(201, first.getStatusCode(), first.getBody());
        assertEquals("/events/2023-09-21-visite-de-l-usine-usi-2", first.getHeaders().get("Location"));
        assertEquals("\"v1\"", first.getHeaders().get("ETag"));
        JsonNode created = Json.MAPPER.readTree(first.getBody());
        assertEquals("2023-09-21T14:00:00+02:00", created.get("start").asText());

        APIGatewayV2HTTPResponse retry = handler.handleRequest(SampleEvents.httpEvent("create-event.json"), null);
        assertEquals(201, retry.getStatusCode());
        assertEquals(first.getBody(), retry.getBody());
        Event stored = store.find("2023-09-21-visite-de-l-usine-usi-2").orElseThrow();
        assertEquals(1, stored.version());
        assertEquals("alice", stored.updatedBy());
    }

    @Test
    void patchesJustTheVenueFromABodyCurlSentAsAForm() throws Exception {
        APIGatewayV2HTTPResponse response =
                handler.handleRequest(SampleEvents.httpEvent("patch-event-venue.json"), null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        Event stored = store.find("2023-10-12-reseaux-sociaux-dans-l-industrie").orElseThrow();
        assertEquals("CRITT MI", stored.venue().name());
        assertEquals("Nogent", stored.venue().city());
        assertEquals("Comment utiliser les réseaux sociaux dans l’industrie ?", stored.title());
        assertEquals(2, stored.speakers().size());
        assertEquals("\"v" + stored.version() + "\"", response.getHeaders().get("ETag"));
    }

    @Test
    void cancelsWithIfMatchAndRefusesTheSameStaleChange() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(SampleEvents.httpEvent("cancel-event.json"), null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(EventStatus.CANCELLED,
                store.find("2023-11-09-attractivite-attirer-les-talents").orElseThrow().status());

        APIGatewayV2HTTPResponse again = handler.handleRequest(SampleEvents.httpEvent("cancel-event.json"), null);
        assertEquals(412, again.getStatusCode());
        JsonNode problem = Json.MAPPER.readTree(again.getBody());
        assertEquals("\"v2\"", problem.get("currentETag").asText());
    }

    @Test
    void deletes() {
        assertEquals(204, handler.handleRequest(SampleEvents.httpEvent("delete-event.json"), null).getStatusCode());
        assertTrue(store.find("2024-03-14-cybersecurite-en-entreprise").isEmpty());
        assertEquals(404, handler.handleRequest(SampleEvents.httpEvent("delete-event.json"), null).getStatusCode());
    }

    @Test
    void refusesARequestThatDidNotComeThroughTheAuthorizer() {
        APIGatewayV2HTTPEvent event = SampleEvents.httpEvent("create-event.json");
        event.getRequestContext().setAuthorizer(null);
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        assertEquals(403, response.getStatusCode());
        assertEquals("application/problem+json; charset=utf-8", response.getHeaders().get("Content-Type"));
    }
}
