package fr.nogentech.events.functions;

import fr.nogentech.events.local.ChecksPermissions;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.local.LocalAws;
import fr.nogentech.events.local.MotoMail;
import fr.nogentech.events.local.ProjectRoot;
import fr.nogentech.events.local.SampleEvents;
import fr.nogentech.events.local.SdkCalls;
import fr.nogentech.events.local.TestStack;
import fr.nogentech.events.seed.Seeds;
import fr.nogentech.events.store.EventStore;
import fr.nogentech.events.store.MailingStore;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.HashMap;
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
        MotoMail.verifySender(moto, "annonces@nogentech.fr");
        try (var dynamoDb = moto.dynamoDb()) {
            Seeds.load(new EventStore(dynamoDb, table, Clock.systemUTC()),
                    Seeds.read(ProjectRoot.find().resolve("seeds")));
        }
        handler = new ManageMailingsHandler(new LambdaApplicationContextBuilder().properties(Map.of(
                "events.table", table, "mail.from", "Nogentech <annonces@nogentech.fr>",
                "subscription.secret", "manage-mailings-secret-0123456789abcdef", "api.url", "https://api.nogentech.fr",
                "event.page.url", "https://www.nogentech.fr/evenements/{id}", "mailer.function", MAILER)));
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
                INVOCATIONS.add(exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders()
                        .getFirst("X-Amz-Invocation-Type") + " " + new String(exchange.getRequestBody().readAllBytes(),
                        StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(202, -1);
                exchange.close();
            });
            lambda.start();
            System.setProperty("aws.endpointUrlLambda", "http://127.0.0.1:" + lambda.getAddress().getPort());
        }
        return lambda;
    }

    @BeforeEach
    void noInvocationYet() {
        INVOCATIONS.clear();
    }

    @Test
    void aSendIsHandedToTheMailerAsAnAsynchronousInvocationAndAnswered202() throws Exception {
        JsonNode before = Json.MAPPER.readTree(handler.handleRequest(
                SampleEvents.httpEvent("mailing-status.json"), null).getBody());
        assertEquals("not-started", before.get("state").asText());

        APIGatewayV2HTTPResponse queued = handler.handleRequest(SampleEvents.httpEvent("mailing-send.json"), null);
        assertEquals(202, queued.getStatusCode(), queued.getBody());
        assertEquals("queued", Json.MAPPER.readTree(queued.getBody()).get("request").asText());
        assertEquals(List.of("/2015-03-31/functions/" + MAILER + "/invocations Event "
                + "{\"month\":\"2023-10\"}"), INVOCATIONS);

        APIGatewayV2HTTPEvent stranger = SampleEvents.httpEvent("mailing-send.json");
        stranger.getRequestContext().setAuthorizer(null);
        assertEquals(403, handler.handleRequest(stranger, null).getStatusCode());
        assertEquals(1, INVOCATIONS.size());
    }

    @Test
    void aPastMonthIsSentOnlyWithForceAndAFinishedOneIsNotSentAgain() throws Exception {
        APIGatewayV2HTTPEvent withoutForce = send("2023-11", null);
        APIGatewayV2HTTPResponse refused = handler.handleRequest(withoutForce, null);
        assertEquals(409, refused.getStatusCode());
        JsonNode problem = Json.MAPPER.readTree(refused.getBody());
        assertEquals("/problems/past-month", problem.get("type").asText());
        assertTrue(problem.get("detail").asText().contains("?force=true"), problem.toString());
        assertEquals(List.of(), INVOCATIONS, "nothing handed to the mailer");

        try (var dynamoDb = TestStack.moto().dynamoDb()) {
            MailingStore mailings = new MailingStore(dynamoDb, table);
            mailings.start(YearMonth.of(2023, 12), 0, Instant.now());
            mailings.finish(YearMonth.of(2023, 12), Instant.now());
        }
        APIGatewayV2HTTPResponse finished = handler.handleRequest(send("2023-12", "true"), null);
        assertEquals(200, finished.getStatusCode(), finished.getBody());
        assertEquals("finished", Json.MAPPER.readTree(finished.getBody()).get("state").asText());
        assertEquals(List.of(), INVOCATIONS);

        APIGatewayV2HTTPResponse noEvent = handler.handleRequest(send("2031-01", null), null);
        assertEquals(409, noEvent.getStatusCode());
        assertTrue(noEvent.getBody().contains("/problems/no-event-in-month"));
    }

    @Test
    void aTestEmailTheMailServiceCannotSendIsA503() throws Exception {
        APIGatewayV2HTTPEvent test = send("2023-10", null);
        test.setRouteKey("POST /admin/mailings/{month}/test");
        test.setBody("{\"to\": \"relecture@example.org\"}");
        try (AutoCloseable paused = SdkCalls.fail("SesV2.SendEmail",
                call -> SdkCalls.sesError("SendingPausedException"))) {
            APIGatewayV2HTTPResponse unavailable = handler.handleRequest(test, null);
            assertEquals(503, unavailable.getStatusCode(), unavailable.getBody());
            assertTrue(unavailable.getBody().contains("/problems/mail-unavailable"));
            assertTrue(unavailable.getHeaders().containsKey("Retry-After"));
        }
        assertEquals(202, handler.handleRequest(test, null).getStatusCode());
        assertEquals(1, MotoMail.sent(TestStack.moto(), to -> to.equals("relecture@example.org")).size());
    }

    @Test
    void anAddressInThePathIsDecodedOnceByApiGatewayNeverAgain() throws Exception {
        APIGatewayV2HTTPEvent erase = SampleEvents.httpEvent("mailing-send.json");
        erase.setRouteKey("DELETE /admin/subscribers/{email}");
        // What API Gateway hands over for /admin/subscribers/claire%2540example.org: "%40" is not "@".
        erase.setPathParameters(Map.of("email", "claire%40example.org"));
        APIGatewayV2HTTPResponse refused = handler.handleRequest(erase, null);
        assertEquals(400, refused.getStatusCode(), refused.getBody());
        assertTrue(refused.getBody().contains("/problems/invalid-email"));
        // and for /admin/subscribers/jean%2Bnews%40example.org: a '+' stays a '+'.
        erase.setPathParameters(Map.of("email", "jean+news@example.org"));
        assertEquals(404, handler.handleRequest(erase, null).getStatusCode(), "a valid address, not subscribed");
    }

    private static APIGatewayV2HTTPEvent send(String month, String force) {
        APIGatewayV2HTTPEvent event = SampleEvents.httpEvent("mailing-send.json");
        event.setPathParameters(Map.of("month", month));
        Map<String, String> query = new HashMap<>();
        if (force != null) {
            query.put("force", force);
        }
        event.setQueryStringParameters(query);
        return event;
    }
}
