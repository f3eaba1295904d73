package fr.nogentech.events.functions;

import fr.nogentech.events.local.ChecksPermissions;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import fr.nogentech.events.local.LocalAws;
import fr.nogentech.events.local.SampleEvents;
import fr.nogentech.events.local.SdkCalls;
import fr.nogentech.events.local.TestStack;
import fr.nogentech.events.store.SubscriberStore;
import fr.nogentech.events.subscription.Confirmations;
import fr.nogentech.events.subscription.EmailAddress;
import fr.nogentech.events.subscription.Subscriber;
import fr.nogentech.events.subscription.SubscriptionTokens;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The subscription function as Lambda runs it, on moto: POST /subscriptions only queues the request, the same way for
 * every address; the confirmation link opens a page whose button confirms, once, for that request only.
 */
@ChecksPermissions("SubscriptionsFunction")
class SubscriptionsHandlerTest {

    private static final String SECRET = "subscriptions-test-secret-0123456789abcdef";
    private static LocalAws moto;
    private static DynamoDbClient dynamoDb;
    private static SqsClient sqs;
    private static String table;
    private static String queue;
    private static SubscriptionsHandler handler;
    private static SubscriberStore subscribers;
    private final SubscriptionTokens tokens = new SubscriptionTokens(SECRET);

    @BeforeAll
    static void handlerOnMoto() {
        moto = TestStack.moto();
        table = TestStack.newEventsTable(moto, "subscriptions-handler");
        dynamoDb = moto.dynamoDb();
        sqs = SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        queue = sqs.createQueue(r -> r.queueName("confirmations-" + UUID.randomUUID())).queueUrl();
        subscribers = new SubscriberStore(dynamoDb, table);
        handler = new SubscriptionsHandler(new LambdaApplicationContextBuilder().properties(Map.of(
                "events.table", table, "confirmation.queue.url", queue, "subscription.secret", SECRET,
                "api.url", "https://api.nogentech.fr", "event.page.url", "https://www.nogentech.fr/evenements/{id}")));
    }

    @AfterAll
    static void close() {
        handler.close();
        sqs.close();
        dynamoDb.close();
    }

    @Test
    void subscribingQueuesTheRequestAndDoesTheSameWorkForANewAndAConfirmedAddress() throws Exception {
        EmailAddress confirmed = EmailAddress.parse("deja.inscrite@example.org", "email");
        subscribers.requestConfirmation(confirmed, 1, Instant.now(), Duration.ZERO);
        subscribers.confirm(confirmed.hash(), 1, Instant.now());

        Map<String, List<SdkCalls.Call>> work = new HashMap<>();
        Map<String, String> answers = new HashMap<>();
        for (String address : List.of("Marie.Dupont@Example.org", "deja.inscrite@example.org")) {
            APIGatewayV2HTTPEvent subscribe = SampleEvents.httpEvent("subscribe.json");
            subscribe.setBody("{\"email\": \"" + address + "\"}");
            List<SdkCalls.Call> calls = new ArrayList<>();
            APIGatewayV2HTTPResponse accepted;
            try (AutoCloseable recording = SdkCalls.record(calls)) {
                accepted = handler.handleRequest(subscribe, null);
            }
            assertEquals(202, accepted.getStatusCode(), accepted.getBody());
            work.put(address, calls);
            answers.put(address, accepted.getBody());
        }
        assertEquals(List.of(new SdkCalls.Call("Sqs", "SendMessage")), work.get("Marie.Dupont@Example.org"),
                "no store read, no mail: only the queue");
        assertEquals(work.get("Marie.Dupont@Example.org"), work.get("deja.inscrite@example.org"));
        assertEquals(answers.get("Marie.Dupont@Example.org"), answers.get("deja.inscrite@example.org"));

        List<Message> queued = sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10)
                .waitTimeSeconds(1)).messages();
        assertEquals(2, queued.size());
        assertTrue(queued.stream().anyMatch(m -> m.body().contains("\"email\":\"marie.dupont@example.org\"")),
                queued.toString());
        assertTrue(subscribers.find(EmailAddress.parse("marie.dupont@example.org", "email").hash()).isEmpty(),
                "the request wrote nothing: the send-confirmation function does");
        queued.forEach(m -> sqs.deleteMessage(r -> r.queueUrl(queue).receiptHandle(m.receiptHandle())));
    }

    @Test
    void onlyJsonIsAcceptedSoThatNoCrossSiteFormCanSendMail() {
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; b=x", "")) {
            APIGatewayV2HTTPEvent subscribe = SampleEvents.httpEvent("subscribe.json");
            Map<String, String> headers = new HashMap<>(subscribe.getHeaders());
            headers.remove("content-type");
            if (!type.isEmpty()) {
                headers.put("content-type", type);
            }
            subscribe.setHeaders(headers);
            APIGatewayV2HTTPResponse refused = handler.handleRequest(subscribe, null);
            assertEquals(415, refused.getStatusCode(), type);
            assertTrue(refused.getBody().contains("/problems/unsupported-media-type"), refused.getBody());
        }
        assertEquals(0, sqs.receiveMessage(r -> r.queueUrl(queue).waitTimeSeconds(0)).messages().size(),
                "nothing queued");
    }

    @Test
    void theLinkOpensAPageAndOnlyItsButtonConfirms() {
        EmailAddress address = EmailAddress.parse("bouton@example.org", "email");
        Instant now = Instant.now();
        subscribers.requestConfirmation(address, SubscriptionTokens.confirmationExpiry(now), now,
                Confirmations.COOLDOWN);
        String token = tokens.confirmation(address, now);

        APIGatewayV2HTTPResponse page = handler.handleRequest(confirm("GET", token), null);
        assertEquals(200, page.getStatusCode());
        assertTrue(page.getBody().contains("<form method=\"post\""), page.getBody());
        assertTrue(page.getBody().contains("Confirmer mon inscription"));
        assertEquals(Subscriber.State.PENDING, subscribers.find(address.hash()).orElseThrow().state(),
                "opening the link (a mail scanner does) confirms nothing");

        APIGatewayV2HTTPResponse confirmed = handler.handleRequest(confirm("POST", token), null);
        assertEquals(200, confirmed.getStatusCode(), confirmed.getBody());
        assertTrue(confirmed.getBody().contains("Inscription confirmée"));
        assertEquals(Subscriber.State.CONFIRMED, subscribers.find(address.hash()).orElseThrow().state());
        assertEquals(200, handler.handleRequest(confirm("POST", token), null).getStatusCode(), "pressed twice");
    }

    @Test
    void anOldLinkCannotConfirmAgainAfterAnUnsubscribeAndSomeoneElsesRequest() {
        EmailAddress address = EmailAddress.parse("ancien.lien@example.org", "email");
        Instant first = Instant.now().minus(Duration.ofDays(3));
        subscribers.requestConfirmation(address, SubscriptionTokens.confirmationExpiry(first), first,
                Confirmations.COOLDOWN);
        String oldLink = tokens.confirmation(address, first);
        assertEquals(200, handler.handleRequest(confirm("POST", oldLink), null).getStatusCode());
        subscribers.unsubscribe(address.hash(), Instant.now());

        // Someone submits the address again: a new request, a new link.
        Instant second = Instant.now();
        assertTrue(subscribers.requestConfirmation(address, SubscriptionTokens.confirmationExpiry(second), second,
                Confirmations.COOLDOWN));
        APIGatewayV2HTTPResponse refused = handler.handleRequest(confirm("POST", oldLink), null);
        assertEquals(400, refused.getStatusCode());
        assertTrue(refused.getBody().contains("Lien non valable"));
        assertEquals(Subscriber.State.PENDING, subscribers.find(address.hash()).orElseThrow().state());
        assertEquals(200, handler.handleRequest(confirm("POST", tokens.confirmation(address, second)), null)
                .getStatusCode(), "the new link confirms");
    }

    @Test
    void unsubscribingForgetsTheAddressAndKeepsOnlyItsHash() {
        EmailAddress address = EmailAddress.parse("oubliez.moi@example.org", "email");
        subscribers.requestConfirmation(address, 7, Instant.now(), Duration.ZERO);
        subscribers.confirm(address.hash(), 7, Instant.now());
        assertEquals(200, handler.handleRequest(withToken("POST /subscriptions/unsubscribe",
                tokens.unsubscribe(address.hash())), null).getStatusCode());
        Subscriber gone = subscribers.find(address.hash()).orElseThrow();
        assertEquals(Subscriber.State.UNSUBSCRIBED, gone.state());
        assertEquals(null, gone.email());
        assertFalse(dynamoDb.getItem(r -> r.tableName(table).key(Map.of(
                "pk", AttributeValue.fromS("SUBSCRIBER#" + address.hash()), "sk", AttributeValue.fromS("PROFILE"))))
                .item().toString().contains("oubliez"), "the address is still stored");
    }

    private static APIGatewayV2HTTPEvent confirm(String method, String token) {
        return withToken(method + " /subscriptions/confirm", token);
    }

    private static APIGatewayV2HTTPEvent withToken(String routeKey, String token) {
        APIGatewayV2HTTPEvent event = SampleEvents.httpEvent("subscribe.json");
        event.setRouteKey(routeKey);
        event.setBody(null);
        event.setQueryStringParameters(Map.of("token", token));
        return event;
    }
}
