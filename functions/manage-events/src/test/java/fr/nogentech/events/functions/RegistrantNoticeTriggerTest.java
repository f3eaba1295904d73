package fr.nogentech.events.functions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import fr.nogentech.events.config.ConfigKeys;
import fr.nogentech.events.event.Event;
import fr.nogentech.events.event.EventStatus;
import fr.nogentech.events.event.RegistrationOptions;
import fr.nogentech.events.event.Venue;
import fr.nogentech.events.http.HttpResponse;
import fr.nogentech.events.lambda.FunctionHandler;
import fr.nogentech.events.local.ChecksPermissions;
import fr.nogentech.events.local.LocalAws;
import fr.nogentech.events.local.SampleEvents;
import fr.nogentech.events.local.SdkCalls;
import fr.nogentech.events.local.TestStack;
import fr.nogentech.events.store.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A change of an event with registrations is handed to the registration mailer as an asynchronous invocation
 * (received here by a stand-in of Lambda's Invoke API); a change of an event without registrations calls no Lambda,
 * and an invocation that fails never fails the administrator's change.
 */
@ChecksPermissions("ManageEventsFunction")
class RegistrantNoticeTriggerTest {

    private static final String MAILER = "arn:aws:lambda:eu-west-3:000000000000:function:RegistrationMailFunction:live";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final List<String> INVOCATIONS = new CopyOnWriteArrayList<>();
    private static HttpServer lambda;
    private static DynamoDbClient dynamoDb;
    private static EventStore store;
    private static ManageEventsHandler handler;

    @BeforeAll
    static void handlerAndLambdaStandIn() throws IOException {
        lambdaStandIn();
        LocalAws moto = TestStack.moto();
        String table = TestStack.newEventsTable(moto, "manage-notices");
        dynamoDb = moto.dynamoDb();
        store = new EventStore(dynamoDb, table, Clock.systemUTC());
        handler = new ManageEventsHandler(FunctionHandler.configured(
                Map.of(ConfigKeys.EVENTS_TABLE, table, ConfigKeys.REGISTRATION_MAILER_FUNCTION, MAILER)));
    }

    @AfterAll
    static void close() {
        handler.close();
        dynamoDb.close();
    }

    /**
     * A stand-in of Lambda's Invoke API for the whole test JVM, named once as Lambda's endpoint as the SDK reads it
     * ({@code aws.endpointUrlLambda}); never changed afterwards, so every client of the run reaches it.
     */
    private static synchronized void lambdaStandIn() throws IOException {
        if (lambda != null) {
            return;
        }
        lambda = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        lambda.createContext("/2015-03-31/functions/", exchange -> {
            INVOCATIONS.add(exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        lambda.start();
        System.setProperty(
                "aws.endpointUrlLambda",
                "http://127.0.0.1:" + lambda.getAddress().getPort());
    }

    @BeforeEach
    void noInvocationYet() {
        INVOCATIONS.clear();
    }

    private static Event event(String id, Integer capacity) {
        LocalDate day = LocalDate.now(PARIS).plusDays(10);
        return store.create(
                new Event(
                        id,
                        "Petit-déjeuner " + id,
                        "rencontres-du-jeudi",
                        ZonedDateTime.of(day, LocalTime.of(8, 30), PARIS),
                        ZonedDateTime.of(day, LocalTime.of(10, 30), PARIS),
                        PARIS,
                        new Venue("Canopé", "Chaumont"),
                        List.of(),
                        EventStatus.SCHEDULED,
                        0,
                        null,
                        null,
                        capacity == null ? null : new RegistrationOptions(capacity, null)),
                "test");
    }

    private static ObjectNode patch(String id, String body) {
        ObjectNode patch = SampleEvents.event("patch-event-venue.json");
        patch.put("rawPath", "/events/" + id);
        patch.putObject("pathParameters").put("id", id);
        patch.put("body", Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)));
        return patch;
    }

    private static String invocation(String id) {
        return "/2015-03-31/functions/" + MAILER + "/invocations Event {\"eventChanged\":\"" + id + "\"}";
    }

    @Test
    void aPatchOfARegisteredEventHandsItToTheRegistrationMailer() {
        event("avec-inscriptions", 40);
        HttpResponse moved =
                handler.serve(patch("avec-inscriptions", "{\"venue\": {\"name\": \"CRITT\", \"city\": \"Nogent\"}}"));
        assertEquals(200, moved.status(), moved.body());
        assertEquals(List.of(invocation("avec-inscriptions")), INVOCATIONS);

        // Closing registrations is a change the registered must hear of too.
        HttpResponse closed = handler.serve(patch("avec-inscriptions", "{\"registration\": null}"));
        assertEquals(200, closed.status(), closed.body());
        assertEquals(2, INVOCATIONS.size());
    }

    @Test
    void aPatchOfAnEventWithoutRegistrationsCallsNoLambda() throws Exception {
        event("sans-inscriptions", null);
        List<SdkCalls.Call> calls = new CopyOnWriteArrayList<>();
        try (AutoCloseable recording = SdkCalls.record(calls)) {
            HttpResponse moved = handler.serve(
                    patch("sans-inscriptions", "{\"venue\": {\"name\": \"CRITT\", \"city\": \"Nogent\"}}"));
            assertEquals(200, moved.status(), moved.body());
        }
        assertEquals(List.of(), INVOCATIONS);
        assertEquals(
                List.of(),
                calls.stream().filter(call -> call.service().equals("Lambda")).toList());
    }

    @Test
    void aDeleteOfARegisteredEventHandsItToTheMailerAndAFailedInvocationFailsNoChange() throws Exception {
        event("lambda-en-panne", 40);
        try (AutoCloseable down = SdkCalls.fail(
                "Lambda.Invoke", call -> SdkClientException.create("Lambda cannot be reached (injected)"))) {
            HttpResponse moved = handler.serve(patch("lambda-en-panne", "{\"title\": \"Petit-déjeuner déplacé\"}"));
            assertEquals(200, moved.status(), "the change is made; the sweep tells the registered: " + moved.body());
        }
        assertEquals(
                "Petit-déjeuner déplacé",
                store.find("lambda-en-panne").orElseThrow().title());

        ObjectNode delete = SampleEvents.event("delete-event.json");
        delete.put("rawPath", "/events/lambda-en-panne");
        delete.putObject("pathParameters").put("id", "lambda-en-panne");
        assertEquals(204, handler.serve(delete).status());
        assertEquals(List.of(invocation("lambda-en-panne")), INVOCATIONS);
    }
}
