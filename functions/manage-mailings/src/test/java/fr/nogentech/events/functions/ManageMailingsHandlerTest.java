package fr.nogentech.events.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import fr.nogentech.events.config.ConfigKeys;
import fr.nogentech.events.event.Event;
import fr.nogentech.events.event.EventStatus;
import fr.nogentech.events.event.RegistrationOptions;
import fr.nogentech.events.event.Venue;
import fr.nogentech.events.http.HttpResponse;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.lambda.FunctionHandler;
import fr.nogentech.events.local.ChecksPermissions;
import fr.nogentech.events.local.LocalAws;
import fr.nogentech.events.local.MailSettings;
import fr.nogentech.events.local.MotoMail;
import fr.nogentech.events.local.ProjectRoot;
import fr.nogentech.events.local.SampleEvents;
import fr.nogentech.events.local.SdkCalls;
import fr.nogentech.events.local.Seeds;
import fr.nogentech.events.local.Subscribers;
import fr.nogentech.events.local.TestStack;
import fr.nogentech.events.registration.Registrant;
import fr.nogentech.events.registration.Registration;
import fr.nogentech.events.store.EventStore;
import fr.nogentech.events.store.MailingStore;
import fr.nogentech.events.store.RegistrationStore;
import fr.nogentech.events.store.SubscriberStore;
import fr.nogentech.events.subscription.EmailAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The administrators' mailing function as Lambda runs it, replaying events/ against moto: a send is handed to the
 * mailer function as an asynchronous invocation (received here by a stand-in of Lambda's Invoke API), a past month
 * needs {@code force}, and a mail service that cannot send is a clear 503.
 */
@ChecksPermissions("ManageMailingsFunction")
class ManageMailingsHandlerTest {

    private static final String MAILER = "arn:aws:lambda:eu-west-3:000000000000:function:SendMailingFunction:live";
    private static final List<String> INVOCATIONS = new CopyOnWriteArrayList<>();
    private static HttpServer lambda;
    private static String table;
    private static ManageMailingsHandler handler;

    @BeforeAll
    static void handlerAndLambdaStandIn() throws IOException {
        lambdaStandIn();
        LocalAws moto = TestStack.moto();
        table = TestStack.newEventsTable(moto, "manage-mailings");
        MotoMail.verifySender(moto, MailSettings.SENDER_ADDRESS);
        try (var dynamoDb = moto.dynamoDb()) {
            Seeds.load(
                    new EventStore(dynamoDb, table, Clock.systemUTC()),
                    Seeds.read(ProjectRoot.find().resolve("seeds")));
        }
        Map<String, Object> settings = MailSettings.forTable(table, "manage-mailings-secret-0123456789abcdef");
        settings.put(ConfigKeys.MAILER_FUNCTION, MAILER);
        handler = new ManageMailingsHandler(FunctionHandler.configured(settings));
    }

    @AfterAll
    static void stop() {
        handler.close();
    }

    /**
     * A stand-in of Lambda's Invoke API for the whole test JVM, started once and named once as Lambda's own endpoint
     * setting as the SDK reads it ({@code aws.endpointUrlLambda}, as TestStack names moto for the other services):
     * the mailer is invoked here instead of in AWS. The property is never changed or cleared afterwards, so every
     * client built during the run reaches the same place; the JVM's exit stops the server.
     */
    private static synchronized HttpServer lambdaStandIn() throws IOException {
        if (lambda == null) {
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
        return lambda;
    }

    @BeforeEach
    void noInvocationYet() {
        INVOCATIONS.clear();
    }

    @Test
    void aSendIsHandedToTheMailerAsAnAsynchronousInvocationAndAnswered202() throws Exception {
        JsonNode before = Json.MAPPER.readTree(
                handler.serve(SampleEvents.event("mailing-status.json")).body());
        assertEquals("not-started", before.get("state").asText());

        HttpResponse queued = handler.serve(SampleEvents.event("mailing-send.json"));
        assertEquals(202, queued.status(), queued.body());
        assertEquals(
                "queued", Json.MAPPER.readTree(queued.body()).get("request").asText());
        assertEquals(
                List.of("/2015-03-31/functions/" + MAILER + "/invocations Event " + "{\"month\":\"2023-10\"}"),
                INVOCATIONS);

        ObjectNode stranger = SampleEvents.event("mailing-send.json");
        ((ObjectNode) stranger.get("requestContext")).remove("authorizer");
        assertEquals(403, handler.serve(stranger).status());
        assertEquals(1, INVOCATIONS.size());
    }

    @Test
    void aPastMonthIsSentOnlyWithForceAndAFinishedOneIsNotSentAgain() throws Exception {
        ObjectNode withoutForce = send("2023-11", null);
        HttpResponse refused = handler.serve(withoutForce);
        assertEquals(409, refused.status());
        JsonNode problem = Json.MAPPER.readTree(refused.body());
        assertEquals("/problems/past-month", problem.get("type").asText());
        assertTrue(problem.get("detail").asText().contains("?force=true"), problem.toString());
        assertEquals(List.of(), INVOCATIONS, "nothing handed to the mailer");

        try (var dynamoDb = TestStack.moto().dynamoDb()) {
            MailingStore mailings = new MailingStore(dynamoDb, table);
            mailings.start(YearMonth.of(2023, 12), 0, Instant.now());
            mailings.finish(YearMonth.of(2023, 12), Instant.now());
        }
        HttpResponse finished = handler.serve(send("2023-12", "true"));
        assertEquals(200, finished.status(), finished.body());
        assertEquals(
                "finished", Json.MAPPER.readTree(finished.body()).get("state").asText());
        assertEquals(List.of(), INVOCATIONS);

        HttpResponse noEvent = handler.serve(send("2031-01", null));
        assertEquals(409, noEvent.status());
        assertTrue(noEvent.body().contains("/problems/no-event-in-month"));
    }

    @Test
    void aTestEmailTheMailServiceCannotSendIsA503() throws Exception {
        ObjectNode test = send("2023-10", null);
        test.put("routeKey", "POST /admin/mailings/{month}/test");
        test.put("body", "{\"to\": \"relecture@example.org\"}");
        try (AutoCloseable paused =
                SdkCalls.fail("SesV2.SendEmail", call -> SdkCalls.sesError("SendingPausedException"))) {
            HttpResponse unavailable = handler.serve(test);
            assertEquals(503, unavailable.status(), unavailable.body());
            assertTrue(unavailable.body().contains("/problems/mail-unavailable"));
            assertTrue(unavailable.headers().containsKey("Retry-After"));
        }
        assertEquals(202, handler.serve(test).status());
        assertEquals(
                1,
                MotoMail.sent(TestStack.moto(), to -> to.equals("relecture@example.org"))
                        .size());
    }

    @Test
    void anAddressInThePathIsDecodedOnceByApiGatewayNeverAgain() throws Exception {
        ObjectNode erase = SampleEvents.event("mailing-send.json");
        erase.put("routeKey", "DELETE /admin/subscribers/{email}");
        // What API Gateway hands over for /admin/subscribers/claire%2540example.org: "%40" is not "@".
        erase.putObject("pathParameters").put("email", "claire%40example.org");
        HttpResponse refused = handler.serve(erase);
        assertEquals(400, refused.status(), refused.body());
        assertTrue(refused.body().contains("/problems/invalid-email"));
        // and for /admin/subscribers/jean%2Bnews%40example.org: a '+' stays a '+'.
        erase.putObject("pathParameters").put("email", "jean+news@example.org");
        assertEquals(404, handler.serve(erase).status(), "a valid address, not subscribed");
    }

    @Test
    void erasingASubscriberErasesTheirRegistrationsAndGivesTheSeatToTheFirstWaiting() throws Exception {
        try (var dynamoDb = TestStack.moto().dynamoDb()) {
            EventStore events = new EventStore(dynamoDb, table, Clock.systemUTC());
            RegistrationStore registrations = new RegistrationStore(dynamoDb, table);
            SubscriberStore subscribers = new SubscriberStore(dynamoDb, table);
            Event full = breakfast(events, "efface-complet", 1);
            Event other = breakfast(events, "efface-autre", 10);
            EmailAddress claire =
                    Subscribers.confirmed(subscribers, "claire@efface.example").get(0);
            Instant now = Instant.now();
            Instant end = full.end().toInstant();
            registrations.register(
                    full.id(), new Registrant("Claire", claire, "Efface SA"), 1, now.minusSeconds(60), end);
            registrations.register(
                    full.id(),
                    new Registrant("Luc", EmailAddress.parse("luc@efface.example", "email"), null),
                    1,
                    now,
                    end);
            registrations.request(other.id(), new Registrant("Claire", claire, null), now, Duration.ZERO, end);
            assertEquals(
                    Registration.State.WAITLISTED,
                    registrations
                            .find(
                                    full.id(),
                                    EmailAddress.parse("luc@efface.example", "email")
                                            .hash())
                            .orElseThrow()
                            .state());

            HttpResponse erased = handler.serve(erase("claire@efface.example"));
            assertEquals(200, erased.status(), erased.body());
            JsonNode answer = Json.MAPPER.readTree(erased.body());
            assertEquals(2, answer.get("registrations").asInt(), answer.toString());
            assertTrue(answer.get("erased").asInt() >= 1, answer.toString());
            assertTrue(registrations.find(full.id(), claire.hash()).isEmpty(), "her registration is gone");
            assertTrue(registrations.find(other.id(), claire.hash()).isEmpty());
            assertEquals(List.of(), registrations.eventsOf(claire.hash()));
            assertEquals(
                    Registration.State.CONFIRMED,
                    registrations
                            .find(
                                    full.id(),
                                    EmailAddress.parse("luc@efface.example", "email")
                                            .hash())
                            .orElseThrow()
                            .state(),
                    "her seat went to the first waiting");
            assertEquals(1, registrations.seatsTaken(full.id()), "one seat, taken once");
            assertEquals(
                    1,
                    MotoMail.sent(TestStack.moto(), to -> to.equals("luc@efface.example"))
                            .size(),
                    "who is told");

            // An address that registered without subscribing is erased too; then there is nothing left.
            registrations.register(
                    other.id(),
                    new Registrant("Paul", EmailAddress.parse("paul@efface.example", "email"), null),
                    10,
                    now,
                    end);
            HttpResponse registrantOnly = handler.serve(erase("paul@efface.example"));
            assertEquals(200, registrantOnly.status(), registrantOnly.body());
            assertEquals(
                    Json.MAPPER.readTree("{\"erased\": 0, \"registrations\": 1}"),
                    Json.MAPPER.readTree(registrantOnly.body()));
            assertEquals(0, registrations.seatsTaken(other.id()));
            assertEquals(404, handler.serve(erase("paul@efface.example")).status());
        }
    }

    private static ObjectNode erase(String address) {
        ObjectNode erase = SampleEvents.event("mailing-send.json");
        erase.put("routeKey", "DELETE /admin/subscribers/{email}");
        erase.putObject("pathParameters").put("email", address);
        return erase;
    }

    /** A breakfast in ten days with {@code capacity} seats. */
    private static Event breakfast(EventStore events, String id, int capacity) {
        ZoneId paris = ZoneId.of("Europe/Paris");
        LocalDate day = LocalDate.now(paris).plusDays(10);
        return events.create(
                new Event(
                        id,
                        "Petit-déjeuner " + id,
                        "rencontres-du-jeudi",
                        ZonedDateTime.of(day, LocalTime.of(8, 30), paris),
                        ZonedDateTime.of(day, LocalTime.of(10, 30), paris),
                        paris,
                        new Venue("Canopé", "Chaumont"),
                        List.of(),
                        EventStatus.SCHEDULED,
                        0,
                        null,
                        null,
                        new RegistrationOptions(capacity, null)),
                "test");
    }

    private static ObjectNode send(String month, String force) {
        ObjectNode event = SampleEvents.event("mailing-send.json");
        event.putObject("pathParameters").put("month", month);
        ObjectNode query = event.putObject("queryStringParameters");
        if (force != null) {
            query.put("force", force);
        }
        return event;
    }
}
