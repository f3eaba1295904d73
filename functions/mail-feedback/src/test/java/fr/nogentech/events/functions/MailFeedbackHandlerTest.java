package fr.nogentech.events.functions;

import fr.nogentech.events.config.ConfigKeys;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.lambda.FunctionHandler;
import fr.nogentech.events.local.ChecksPermissions;
import fr.nogentech.events.local.LocalAws;
import fr.nogentech.events.local.SampleEvents;
import fr.nogentech.events.local.Subscribers;
import fr.nogentech.events.local.TestStack;
import fr.nogentech.events.store.MailingStore;
import fr.nogentech.events.store.SubscriberStore;
import fr.nogentech.events.subscription.EmailAddress;
import fr.nogentech.events.subscription.Subscriber;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SES's bounce and complaint events as EventBridge delivers them, replayed from events/ against moto. */
@ChecksPermissions("MailFeedbackFunction")
class MailFeedbackHandlerTest {

    private static final YearMonth OCTOBER = YearMonth.of(2023, 10);
    private static DynamoDbClient dynamoDb;
    private static SubscriberStore subscribers;
    private static MailingStore mailings;
    private static MailFeedbackHandler handler;

    @BeforeAll
    static void handlerOnMoto() {
        LocalAws moto = TestStack.moto();
        String table = TestStack.newEventsTable(moto, "mail-feedback");
        dynamoDb = moto.dynamoDb();
        subscribers = new SubscriberStore(dynamoDb, table);
        mailings = new MailingStore(dynamoDb, table);
        mailings.start(OCTOBER, 3, Instant.now());
        handler = new MailFeedbackHandler(FunctionHandler.configured(Map.of(ConfigKeys.EVENTS_TABLE, table)));
    }

    @AfterAll
    static void close() {
        handler.close();
        dynamoDb.close();
    }

    @Test
    void aPermanentBounceSuppressesTheAddressForGoodAndCountsOnItsMailing() {
        EmailAddress bounced = confirmed("ancien.adherent@example.org");
        assertEquals(Map.of("suppressed", 1), run(SampleEvents.event("ses-bounce.json")));
        Subscriber suppressed = subscribers.find(bounced.hash()).orElseThrow();
        assertEquals(Subscriber.State.SUPPRESSED, suppressed.state());
        assertNull(suppressed.email(), "a suppressed address is forgotten but for its hash");
        assertEquals(1, mailings.find(OCTOBER).orElseThrow().suppressed());
        assertFalse(
                subscribers.requestConfirmation(bounced, 2, Instant.now(), Duration.ZERO),
                "never mailed again, not even a confirmation");

        assertEquals(
                Map.of("suppressed", 0),
                run(SampleEvents.event("ses-bounce.json")),
                "SES may deliver an event twice: it is counted once");
        assertEquals(1, mailings.find(OCTOBER).orElseThrow().suppressed());
    }

    @Test
    void aComplaintSuppressesTheAddress() {
        EmailAddress complained = confirmed("lassee.des.annonces@example.org");
        assertEquals(Map.of("suppressed", 1), run(SampleEvents.event("ses-complaint.json")));
        assertEquals(
                Subscriber.State.SUPPRESSED,
                subscribers.find(complained.hash()).orElseThrow().state());
        assertTrue(
                subscribers.list(Subscriber.State.SUPPRESSED, null, 100).subscribers().stream()
                        .anyMatch(s -> s.hash().equals(complained.hash())),
                "counted and listed among the suppressed");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTransientBounceOrAnUnknownAddressChangesNothing() {
        EmailAddress mailboxFull = confirmed("boite.pleine@example.org");
        Map<String, Object> transientBounce =
                withRecipient(asMap(SampleEvents.event("ses-bounce.json")), "boite.pleine@example.org");
        ((Map<String, Object>) ((Map<String, Object>) transientBounce.get("detail")).get("bounce"))
                .put("bounceType", "Transient");
        assertEquals(Map.of("suppressed", 0), run(transientBounce));
        assertEquals(
                Subscriber.State.CONFIRMED,
                subscribers.find(mailboxFull.hash()).orElseThrow().state());

        Map<String, Object> unknown = withRecipient(asMap(SampleEvents.event("ses-bounce.json")), "efface@example.org");
        assertEquals(Map.of("suppressed", 0), run(unknown));
        assertTrue(
                subscribers
                        .find(EmailAddress.parse("efface@example.org", "email").hash())
                        .isEmpty(),
                "a bounce brings no erased address back");
    }

    private static EmailAddress confirmed(String address) {
        return Subscribers.confirmed(subscribers, address).get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withRecipient(Map<String, Object> event, String address) {
        Map<String, Object> detail = new HashMap<>((Map<String, Object>) event.get("detail"));
        Map<String, Object> bounce = new HashMap<>((Map<String, Object>) detail.get("bounce"));
        bounce.put("bouncedRecipients", List.of(Map.of("emailAddress", address)));
        detail.put("bounce", bounce);
        Map<String, Object> copy = new HashMap<>(event);
        copy.put("detail", detail);
        return copy;
    }

    /** Runs the function as Lambda does, on the event as JSON, and reads its answer as a map. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> run(Object event) {
        return Json.MAPPER.convertValue(handler.invoke(Json.MAPPER.valueToTree(event), null), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object json) {
        return Json.MAPPER.convertValue(json, Map.class);
    }
}
