package fr.nogentech.events.functions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.local.LocalAws;
import fr.nogentech.events.local.MotoMail;
import fr.nogentech.events.local.ProjectRoot;
import fr.nogentech.events.local.SampleEvents;
import fr.nogentech.events.local.TestStack;
import fr.nogentech.events.seed.Seeds;
import fr.nogentech.events.store.EventStore;
import fr.nogentech.events.store.SubscriberStore;
import fr.nogentech.events.subscription.EmailAddress;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The administrators' mailing function as Lambda runs it, replaying events/ against moto (DynamoDB, SES v2). */
class ManageMailingsHandlerTest {

    @Test
    void sendsAMonthFromTheAdministrationRouteAndReportsItsStatus() throws Exception {
        LocalAws moto = TestStack.moto();
        String table = TestStack.newEventsTable(moto, "manage-mailings");
        MotoMail.verifySender(moto, "annonces@nogentech.fr");
        try (var dynamoDb = moto.dynamoDb();
             ManageMailingsHandler handler = new ManageMailingsHandler(new LambdaApplicationContextBuilder()
                     .properties(Map.of("events.table", table, "mail.from", "Nogentech <annonces@nogentech.fr>",
                             "subscription.secret", "manage-mailings-secret-0123456789abcdef",
                             "api.url", "https://api.nogentech.fr",
                             "event.page.url", "https://www.nogentech.fr/evenements/{id}",
                             "mail.rate.per.second", "0")))) {
            Seeds.load(new EventStore(dynamoDb, table, Clock.systemUTC()),
                    Seeds.read(ProjectRoot.find().resolve("seeds")));
            SubscriberStore subscribers = new SubscriberStore(dynamoDb, table);
            for (int i = 1; i <= 3; i++) {
                EmailAddress address = EmailAddress.parse("admin-route" + i + "@manage.example", "email");
                subscribers.requestSubscription(address, Instant.now());
                subscribers.confirm(address.hash(), Instant.now());
            }
            JsonNode before = Json.MAPPER.readTree(handler.handleRequest(
                    SampleEvents.httpEvent("mailing-status.json"), null).getBody());
            assertEquals("not-started", before.get("state").asText());

            APIGatewayV2HTTPResponse sent = handler.handleRequest(SampleEvents.httpEvent("mailing-send.json"), null);
            assertEquals(200, sent.getStatusCode(), sent.getBody());
            JsonNode status = Json.MAPPER.readTree(handler.handleRequest(
                    SampleEvents.httpEvent("mailing-status.json"), null).getBody());
            assertEquals("finished", status.get("state").asText());
            assertEquals(3, status.get("sent").asInt());
            assertEquals(3, MotoMail.sent(moto, to -> to.endsWith("@manage.example")).size());

            APIGatewayV2HTTPEvent november = SampleEvents.httpEvent("mailing-send.json");
            november.setPathParameters(Map.of("month", "2023-11"));
            APIGatewayV2HTTPResponse cut = handler.handleRequest(november, new ShortLivedContext(4_000));
            assertEquals(202, cut.getStatusCode(), "near the time limit the send stops and says it goes on");
            assertEquals("sending", Json.MAPPER.readTree(cut.getBody()).get("state").asText());
            assertEquals(3, MotoMail.sent(moto, to -> to.endsWith("@manage.example")).size(), "nothing sent");

            APIGatewayV2HTTPEvent stranger = SampleEvents.httpEvent("mailing-send.json");
            stranger.getRequestContext().setAuthorizer(null);
            assertEquals(403, handler.handleRequest(stranger, null).getStatusCode());
        }
    }

    /** A Lambda context with little time left, as at the end of an invocation. */
    private record ShortLivedContext(int remainingMillis) implements Context {
        public String getAwsRequestId() {
            return "test";
        }

        public String getLogGroupName() {
            return "test";
        }

        public String getLogStreamName() {
            return "test";
        }

        public String getFunctionName() {
            return "ManageMailingsFunction";
        }

        public String getFunctionVersion() {
            return "$LATEST";
        }

        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:eu-west-3:000000000000:function:ManageMailingsFunction";
        }

        public CognitoIdentity getIdentity() {
            return null;
        }

        public ClientContext getClientContext() {
            return null;
        }

        public int getRemainingTimeInMillis() {
            return remainingMillis;
        }

        public int getMemoryLimitInMB() {
            return 1024;
        }

        public LambdaLogger getLogger() {
            return null;
        }
    }
}
