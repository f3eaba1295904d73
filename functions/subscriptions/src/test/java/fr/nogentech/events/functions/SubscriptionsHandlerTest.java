package fr.nogentech.events.functions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.nogentech.events.config.ConfigKeys;
import fr.nogentech.events.http.HttpResponse;
import fr.nogentech.events.lambda.FunctionHandler;
import fr.nogentech.events.local.ChecksPermissions;
import fr.nogentech.events.local.LocalAws;
import fr.nogentech.events.local.SampleEvents;
import fr.nogentech.events.local.SdkCalls;
import fr.nogentech.events.local.Subscribers;
import fr.nogentech.events.local.TestStack;
import fr.nogentech.events.store.SubscriberStore;
import fr.nogentech.events.subscription.Confirmations;
import fr.nogentech.events.subscription.EmailAddress;
import fr.nogentech.events.subscription.Subscriber;
import fr.nogentech.events.subscription.SubscriptionTokens;
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
        queue = sqs.createQueue(r -> r.queueName("confirmations-" + UUID.randomUUID()))
                .queueUrl();
        subscribers = new SubscriberStore(dynamoDb, table);
        handler = new SubscriptionsHandler(FunctionHandler.configured(Map.of(
                ConfigKeys.EVENTS_TABLE,
                table,
                ConfigKeys.CONFIRMATION_QUEUE_URL,
                queue,
                ConfigKeys.SUBSCRIPTION_SECRET,
                SECRET,
                ConfigKeys.API_URL,
                "https://api.nogentech.fr",
                ConfigKeys.EVENT_PAGE_URL,
                "https://www.nogentech.fr/evenements/{id}")));
    }

    @AfterAll
    static void close() {
        handler.close();
        sqs.close();
        dynamoDb.close();
    }

    @Test
    void subscribingQueuesTheRequestAndDoesTheSameWorkForANewAndAConfirmedAddress() throws Exception {
        EmailAddress confirmed =
                Subscribers.confirmed(subscribers, "deja.inscrite@example.org").get(0);

        Map<String, List<SdkCalls.Call>> work = new HashMap<>();
        Map<String, String> answers = new HashMap<>();
        for (String address : List.of("Marie.Dupont@Example.org", "deja.inscrite@example.org")) {
            ObjectNode subscribe = SampleEvents.event("subscribe.json");
            subscribe.put("body", "{\"email\": \"" + address + "\"}");
            List<SdkCalls.Call> calls = new ArrayList<>();
            HttpResponse accepted;
            try (AutoCloseable recording = SdkCalls.record(calls)) {
                accepted = handler.serve(subscribe);
            }
            assertEquals(202, accepted.status(), accepted.body());
            work.put(address, calls);
            answers.put(address, accepted.body());
        }
        assertEquals(
                List.of(new SdkCalls.Call("Sqs", "SendMessage")),
                work.get("Marie.Dupont@Example.org"),
                "no store read, no mail: only the queue");
        assertEquals(work.get("Marie.Dupont@Example.org"), work.get("deja.inscrite@example.org"));
        assertEquals(answers.get("Marie.Dupont@Example.org"), answers.get("deja.inscrite@example.org"));

        List<Message> queued = sqs.receiveMessage(
                        r -> r.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1))
                .messages();
        assertEquals(2, queued.size());
        assertTrue(
                queued.stream().anyMatch(m -> m.body().contains("\"email\":\"marie.dupont@example.org\"")),
                queued.toString());
        assertTrue(
                subscribers
                        .find(EmailAddress.parse("marie.dupont@example.org", "email")
                                .hash())
                        .isEmpty(),
                "the request wrote nothing: the send-confirmation function does");
        queued.forEach(m -> sqs.deleteMessage(r -> r.queueUrl(queue).receiptHandle(m.receiptHandle())));
    }

    @Test
    void onlyJsonIsAcceptedSoThatNoCrossSiteFormCanSendMail() {
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; b=x", "")) {
            ObjectNode subscribe = SampleEvents.event("subscribe.json");
            ObjectNode headers = (ObjectNode) subscribe.get("headers");
            headers.remove("content-type");
            if (!type.isEmpty()) {
                headers.put("content-type", type);
            }
            HttpResponse refused = handler.serve(subscribe);
            assertEquals(415, refused.status(), type);
            assertTrue(refused.body().contains("/problems/unsupported-media-type"), refused.body());
        }
        assertEquals(
                0,
                sqs.receiveMessage(r -> r.queueUrl(queue).waitTimeSeconds(0))
                        .messages()
                        .size(),
                "nothing queued");
    }

    @Test
    void theLinkOpensAPageAndOnlyItsButtonConfirms() {
        EmailAddress address = EmailAddress.parse("bouton@example.org", "email");
        Instant now = Instant.now();
        subscribers.requestConfirmation(
                address, SubscriptionTokens.confirmationExpiry(now), now, Confirmations.COOLDOWN);
        String token = tokens.confirmation(address, now);

        HttpResponse page = handler.serve(confirm("GET", token));
        assertEquals(200, page.status());
        assertTrue(page.body().contains("<form method=\"post\""), page.body());
        assertTrue(page.body().contains("Confirmer mon inscription"));
        assertEquals(
                Subscriber.State.PENDING,
                subscribers.find(address.hash()).orElseThrow().state(),
                "opening the link (a mail scanner does) confirms nothing");

        HttpResponse confirmed = handler.serve(confirm("POST", token));
        assertEquals(200, confirmed.status(), confirmed.body());
        assertTrue(confirmed.body().contains("Inscription confirmée"));
        assertEquals(
                Subscriber.State.CONFIRMED,
                subscribers.find(address.hash()).orElseThrow().state());
        assertEquals(200, handler.serve(confirm("POST", token)).status(), "pressed twice");
    }

    @Test
    void anOldLinkCannotConfirmAgainAfterAnUnsubscribeAndSomeoneElsesRequest() {
        EmailAddress address = EmailAddress.parse("ancien.lien@example.org", "email");
        Instant first = Instant.now().minus(Duration.ofDays(3));
        subscribers.requestConfirmation(
                address, SubscriptionTokens.confirmationExpiry(first), first, Confirmations.COOLDOWN);
        String oldLink = tokens.confirmation(address, first);
        assertEquals(200, handler.serve(confirm("POST", oldLink)).status());
        subscribers.unsubscribe(address.hash(), Instant.now());

        // Someone submits the address again: a new request, a new link.
        Instant second = Instant.now();
        assertTrue(subscribers.requestConfirmation(
                address, SubscriptionTokens.confirmationExpiry(second), second, Confirmations.COOLDOWN));
        HttpResponse refused = handler.serve(confirm("POST", oldLink));
        assertEquals(400, refused.status());
        assertTrue(refused.body().contains("Lien non valable"));
        assertEquals(
                Subscriber.State.PENDING,
                subscribers.find(address.hash()).orElseThrow().state());
        assertEquals(
                200,
                handler.serve(confirm("POST", tokens.confirmation(address, second)))
                        .status(),
                "the new link confirms");
    }

    @Test
    void unsubscribingForgetsTheAddressAndKeepsOnlyItsHash() {
        EmailAddress address = EmailAddress.parse("oubliez.moi@example.org", "email");
        subscribers.requestConfirmation(address, 7, Instant.now(), Duration.ZERO);
        subscribers.confirm(address.hash(), 7, Instant.now());
        assertEquals(
                200,
                handler.serve(withToken("POST /subscriptions/unsubscribe", tokens.unsubscribe(address.hash())))
                        .status());
        Subscriber gone = subscribers.find(address.hash()).orElseThrow();
        assertEquals(Subscriber.State.UNSUBSCRIBED, gone.state());
        assertEquals(null, gone.email());
        assertFalse(
                dynamoDb.getItem(r -> r.tableName(table)
                                .key(Map.of(
                                        "pk",
                                        AttributeValue.fromS("SUBSCRIBER#" + address.hash()),
                                        "sk",
                                        AttributeValue.fromS("PROFILE"))))
                        .item()
                        .toString()
                        .contains("oubliez"),
                "the address is still stored");
    }

    private static ObjectNode confirm(String method, String token) {
        return withToken(method + " /subscriptions/confirm", token);
    }

    private static ObjectNode withToken(String routeKey, String token) {
        ObjectNode event = SampleEvents.event("subscribe.json");
        event.put("routeKey", routeKey);
        event.remove("body");
        event.putObject("queryStringParameters").put("token", token);
        return event;
    }
}
