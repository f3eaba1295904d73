package fr.nogentech.events.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.nogentech.events.config.ConfigKeys;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.lambda.FunctionHandler;
import fr.nogentech.events.local.ChecksPermissions;
import fr.nogentech.events.local.LocalAws;
import fr.nogentech.events.local.MailSettings;
import fr.nogentech.events.local.MotoMail;
import fr.nogentech.events.local.SampleEvents;
import fr.nogentech.events.local.SdkCalls;
import fr.nogentech.events.local.TestStack;
import fr.nogentech.events.logging.LogRecords;
import fr.nogentech.events.store.SubscriberStore;
import fr.nogentech.events.subscription.EmailAddress;
import fr.nogentech.events.subscription.Subscriber;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The confirmation emails as Lambda sends them from the queue, replaying events/ through SES v2 on moto: once per
 * address a day, within a daily cap, and a request SES could not take goes back to the queue.
 */
@ChecksPermissions("SendConfirmationFunction")
class SendConfirmationHandlerTest {

    private final LocalAws moto = TestStack.moto();

    @Test
    void aQueuedRequestGetsOneConfirmationEmailWithItsLinkAndASecondWithinADayGetsNone() {
        try (Consumer consumer = new Consumer("confirmation-once", 100)) {
            assertEquals(List.of(), consumer.failures(SampleEvents.event("confirmation-request.json")));
            List<MotoMail.Sent> sent = MotoMail.sent(moto, to -> to.equals("marie.dupont@example.org"));
            assertEquals(1, sent.size());
            String raw = sent.get(0).raw().replace("=\r\n", "").replace("=3D", "=");
            assertTrue(
                    raw.matches("(?s).*https://api\\.nogentech\\.fr/subscriptions/confirm\\?token=c\\.[^\\s\"<]+.*"),
                    raw);
            assertEquals(Subscriber.State.PENDING, consumer.state("marie.dupont@example.org"));
            long expiresIn = consumer.expiresAt("marie.dupont@example.org")
                    - Instant.now().getEpochSecond();
            assertTrue(
                    Math.abs(expiresIn - Duration.ofDays(8).toSeconds()) < 3_600,
                    "a pending subscription, and its address, expire a little past the link's 7 days: " + expiresIn);

            consumer.failures(SampleEvents.event("confirmation-request.json"));
            assertEquals(
                    1,
                    MotoMail.sent(moto, to -> to.equals("marie.dupont@example.org"))
                            .size(),
                    "five POSTs for one address must not put five emails in that inbox");
        }
    }

    @Test
    void primingRehearsesTheWritesAndTheSendInTheDryRunAndNothingReachesMoto() throws Exception {
        try (Consumer consumer = new Consumer("confirmation-priming", 100)) {
            int sentBefore = MotoMail.sent(moto, to -> true).size();
            int itemsBefore = consumer.items();
            List<SdkCalls.Call> calls = Collections.synchronizedList(new ArrayList<>());
            try (AutoCloseable recording = SdkCalls.record(calls)) {
                consumer.handler.prime();
            }
            List<String> made =
                    calls.stream().map(SdkCalls.Call::toString).distinct().toList();
            assertTrue(made.containsAll(List.of("DynamoDb.UpdateItem", "SesV2.SendEmail")), made.toString());
            assertEquals(sentBefore, MotoMail.sent(moto, to -> true).size(), "priming sent no email");
            assertEquals(itemsBefore, consumer.items(), "priming wrote nothing: no subscriber, no day's count");
        }
    }

    @Test
    void requestsForOneAddressAtTheSameMomentSendOneEmail() throws Exception {
        try (Consumer consumer = new Consumer("confirmation-race", 100)) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<List<String>>> all = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    all.add(pool.submit(() -> consumer.failures(consumer.request("meme@race.example"))));
                }
                for (Future<List<String>> one : all) {
                    assertEquals(List.of(), one.get());
                }
            } finally {
                pool.shutdown();
            }
            assertEquals(
                    1, MotoMail.sent(moto, to -> to.equals("meme@race.example")).size());
        }
    }

    @Test
    void theDailyCapBoundsWhatAFloodOfAddressesCanSend() {
        try (Consumer consumer = new Consumer("confirmation-cap", 2)) {
            List<String> logs = Collections.synchronizedList(new ArrayList<>());
            try (AutoCloseable capture = LogRecords.capture(logs::add)) {
                for (int i = 1; i <= 4; i++) {
                    assertEquals(List.of(), consumer.failures(consumer.request("flot" + i + "@cap.example")));
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            assertEquals(
                    2, MotoMail.sent(moto, to -> to.endsWith("@cap.example")).size());
            assertTrue(logs.stream().anyMatch(line -> line.contains("daily cap")), logs.toString());
        }
    }

    @Test
    void aThrottledOrUnavailableMailServiceSendsTheRequestBackToTheQueueAndTheRetrySends() throws Exception {
        try (Consumer consumer = new Consumer("confirmation-faults", 100)) {
            for (String code : List.of("TooManyRequestsException", "SendingPausedException")) {
                String address = code.substring(0, 8).toLowerCase() + "@faults.example";
                ObjectNode request = consumer.request(address);
                List<String> logs = Collections.synchronizedList(new ArrayList<>());
                try (AutoCloseable fault = SdkCalls.fail("SesV2.SendEmail", call -> SdkCalls.sesError(code));
                        AutoCloseable capture = LogRecords.capture(logs::add)) {
                    assertEquals(
                            List.of(request.at("/Records/0/messageId").asText()), consumer.failures(request), code);
                }
                assertEquals(0, MotoMail.sent(moto, to -> to.equals(address)).size());
                if (code.equals("SendingPausedException")) {
                    assertTrue(
                            logs.stream().anyMatch(line -> line.contains("\"level\":\"ERROR\"") && line.contains(code)),
                            "no error for an alarm: " + logs);
                }
                // SQS delivers it again once SES is back: the cooldown did not hold it.
                assertEquals(List.of(), consumer.failures(request));
                assertEquals(1, MotoMail.sent(moto, to -> to.equals(address)).size(), code);
            }
        }
    }

    @Test
    void aRefusedAddressOrAMessageThatIsNoRequestIsDoneWith() throws Exception {
        try (Consumer consumer = new Consumer("confirmation-refused", 100);
                AutoCloseable fault = SdkCalls.fail("SesV2.SendEmail", call -> SdkCalls.sesError("MessageRejected"))) {
            assertEquals(List.of(), consumer.failures(consumer.request("refuse@refused.example")));
            ObjectNode garbage = consumer.request("x@refused.example");
            ((ObjectNode) garbage.path("Records").get(0)).put("body", "{\"not\": \"a request\"");
            assertEquals(List.of(), consumer.failures(garbage));
        }
    }

    /** The function on its own table, with a daily cap. */
    private final class Consumer implements AutoCloseable {
        final String table;
        final SendConfirmationHandler handler;

        Consumer(String purpose, int dailyCap) {
            table = TestStack.newEventsTable(moto, purpose);
            MotoMail.verifySender(moto, MailSettings.SENDER_ADDRESS);
            Map<String, Object> settings = MailSettings.forTable(table, "send-confirmation-secret-0123456789abcdef");
            settings.put(ConfigKeys.MAIL_CONFIGURATION_SET, "test-mail");
            settings.put(ConfigKeys.CONFIRMATION_DAILY_CAP, Integer.toString(dailyCap));
            handler = new SendConfirmationHandler(FunctionHandler.configured(settings));
        }

        /** The ids of the messages the function gives back to the queue. */
        List<String> failures(ObjectNode event) {
            List<String> ids = new ArrayList<>();
            for (JsonNode failure : handler.invoke(event, null).path("batchItemFailures")) {
                ids.add(failure.path("itemIdentifier").asText());
            }
            return ids;
        }

        /** The sample request, for another address. */
        ObjectNode request(String address) {
            ObjectNode event = SampleEvents.event("confirmation-request.json");
            ObjectNode message = (ObjectNode) event.path("Records").get(0);
            message.put(
                    "body", Json.write(Json.object().put("email", address).put("requestedAt", "2023-09-20T08:00:00Z")));
            message.put("messageId", address);
            return event;
        }

        int items() {
            try (var dynamoDb = moto.dynamoDb()) {
                return dynamoDb.scan(r -> r.tableName(table)).count();
            }
        }

        Subscriber.State state(String address) {
            try (var dynamoDb = moto.dynamoDb()) {
                return new SubscriberStore(dynamoDb, table)
                        .find(EmailAddress.parse(address, "email").hash())
                        .orElseThrow()
                        .state();
            }
        }

        /** The TTL of the subscriber's item, in epoch seconds. */
        long expiresAt(String address) {
            try (var dynamoDb = moto.dynamoDb()) {
                return Long.parseLong(dynamoDb.getItem(r -> r.tableName(table)
                                .key(Map.of(
                                        "pk",
                                                AttributeValue.fromS("SUBSCRIBER#"
                                                        + EmailAddress.parse(address, "email")
                                                                .hash()),
                                        "sk", AttributeValue.fromS("PROFILE"))))
                        .item()
                        .get("expiresAt")
                        .n());
            }
        }

        @Override
        public void close() {
            handler.close();
        }
    }
}
