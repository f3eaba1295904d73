package fr.nogentech.events.functions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import fr.nogentech.events.local.LocalAws;
import fr.nogentech.events.local.MotoMail;
import fr.nogentech.events.local.SampleEvents;
import fr.nogentech.events.local.TestStack;
import fr.nogentech.events.store.SubscriberStore;
import fr.nogentech.events.subscription.EmailAddress;
import fr.nogentech.events.subscription.Subscriber;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The subscription function as Lambda runs it: the sample payload, SES v2 on moto, the confirmation link. */
class SubscriptionsHandlerTest {

    @Test
    void subscribingSendsAConfirmationThroughSesWhoseLinkConfirms() {
        LocalAws moto = TestStack.moto();
        String table = TestStack.newEventsTable(moto, "subscriptions-handler");
        MotoMail.verifySender(moto, "annonces@nogentech.fr");
        try (SubscriptionsHandler handler = new SubscriptionsHandler(new LambdaApplicationContextBuilder().properties(
                Map.of("events.table", table, "mail.from", "Nogentech <annonces@nogentech.fr>",
                        "subscription.secret", "subscriptions-test-secret-0123456789abcdef",
                        "api.url", "https://api.nogentech.fr",
                        "event.page.url", "https://www.nogentech.fr/evenements/{id}")));
             var dynamoDb = moto.dynamoDb()) {
            int before = MotoMail.sent(moto, to -> to.equals("marie.dupont@example.org")).size();
            APIGatewayV2HTTPResponse accepted = handler.handleRequest(SampleEvents.httpEvent("subscribe.json"), null);
            assertEquals(202, accepted.getStatusCode(), accepted.getBody());

            List<MotoMail.Sent> sent = MotoMail.sent(moto, to -> to.equals("marie.dupont@example.org"));
            assertEquals(before + 1, sent.size());
            String raw = sent.get(sent.size() - 1).raw().replace("=\r\n", "").replace("=3D", "=");
            Matcher link = Pattern.compile("https://api\\.nogentech\\.fr/subscriptions/confirm\\?token=([^\\s\"<]+)")
                    .matcher(raw);
            assertTrue(link.find(), raw);

            SubscriberStore subscribers = new SubscriberStore(dynamoDb, table);
            String hash = EmailAddress.parse("marie.dupont@example.org", "email").hash();
            assertEquals(Subscriber.State.PENDING, subscribers.find(hash).orElseThrow().state());

            APIGatewayV2HTTPEvent confirm = SampleEvents.httpEvent("subscribe.json");
            confirm.setRouteKey("GET /subscriptions/confirm");
            confirm.setBody(null);
            confirm.setQueryStringParameters(Map.of("token", link.group(1)));
            APIGatewayV2HTTPResponse page = handler.handleRequest(confirm, null);
            assertEquals(200, page.getStatusCode(), page.getBody());
            assertEquals(Subscriber.State.CONFIRMED, subscribers.find(hash).orElseThrow().state());

            assertEquals(202, handler.handleRequest(SampleEvents.httpEvent("subscribe.json"), null).getStatusCode());
            assertEquals(before + 1, MotoMail.sent(moto, to -> to.equals("marie.dupont@example.org")).size(),
                    "a confirmed address gets no second confirmation");
        }
    }
}
