package fr.nogentech.events.local;

import fr.nogentech.events.lambda.DryRun;
import fr.nogentech.events.lambda.FunctionHandler;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SnapStart's hooks, run as Lambda's runtime runs them (its own CRaC context, which {@code org.crac} hands every
 * registration to): each function rehearses its request path before the snapshot, and writes, sends and queues
 * nothing. Its writes are rehearsed in the dry run ({@link DryRun}), where the SDK makes them up to the HTTP client,
 * which answers them itself: moto sees none.
 */
class SnapStartPrimingTest {

    private static final Set<String> WRITES = Set.of(
            "DynamoDb.PutItem",
            "DynamoDb.UpdateItem",
            "DynamoDb.DeleteItem",
            "DynamoDb.BatchWriteItem",
            "DynamoDb.TransactWriteItems",
            "SesV2.SendEmail",
            "Sqs.SendMessage",
            "Lambda.Invoke");

    @Test
    void everyFunctionIsPrimedByTheCheckpointHookAndNothingIsWrittenOrSent() throws Exception {
        try (LocalApi api = LocalApi.start("priming", "priming")) {
            api.server.startFunctions();
            api.settle();
            Map<String, Object> before = state(api);
            // The calls made to the services, and those the dry run answered itself (told apart as they are made).
            Set<String> made = Collections.synchronizedSet(new TreeSet<>());
            Set<String> dry = Collections.synchronizedSet(new TreeSet<>());
            List<SdkCalls.Call> calls = new ArrayList<>() {
                @Override
                public boolean add(SdkCalls.Call call) {
                    return (DryRun.isOn() ? dry : made).add(call.toString());
                }
            };
            try (AutoCloseable recording = SdkCalls.record(calls)) {
                SnapStartHooks.checkpointAndRestore();
            }
            assertEquals(before, state(api), "the table, the outbox and the queues are as they were");
            assertTrue(made.stream().noneMatch(WRITES::contains), "priming wrote or sent: " + made);
            // Each function's store was reached: the listing, the event and the series read, the mailings looked up.
            assertTrue(made.containsAll(List.of("DynamoDb.Query", "DynamoDb.GetItem")), made.toString());
            // The write paths were rehearsed in the dry run: manage-events' PutItem, the confirmations' and the
            // feedback's UpdateItem, the mailing's claim, the queued subscription, the mailer's invocation (this run
            // sends mail to an outbox, not SES: SendConfirmationHandlerTest checks SendEmail).
            assertTrue(
                    dry.containsAll(List.of(
                            "DynamoDb.PutItem",
                            "DynamoDb.UpdateItem",
                            "DynamoDb.TransactWriteItems",
                            "Sqs.SendMessage",
                            "Lambda.Invoke")),
                    "rehearsed in the dry run: " + dry);
            assertFalse(DryRun.isOn());
        }
    }

    @Test
    void whatEachFunctionCallsWhilePrimingItsPoliciesGrant() throws Exception {
        try (LocalApi api = LocalApi.start("priming", "priming-permissions")) {
            api.settle();
            for (Map.Entry<String, Object> function : api.server.handlers().entrySet()) {
                Set<String> used = Collections.synchronizedSet(new java.util.TreeSet<>());
                try (AutoCloseable recording = SdkCalls.recordActions(used)) {
                    ((FunctionHandler<?>) function.getValue()).prime();
                }
                assertEquals(
                        List.of(),
                        TemplatePermissions.missing(function.getKey(), used),
                        function.getKey() + " primes with actions its policies do not grant (in AWS the snapshot "
                                + "would be taken unprimed): " + used);
            }
        }
    }

    /**
     * The dry run's rehearsals that need canned items or errors, each seen in the calls it makes (20 runs each): the
     * series' Query finds an example event; the mailings' status, preview and send read the month's mailing and
     * events; the reminder finds an event and a registration (two Queries, then the sweep's) and claims and marks it
     * (UpdateItem x2); the bounce of an address that is no subscriber is refused (one UpdateItem, where the permanent
     * bounce of a subscriber makes two: the suppression, then the mailing's count); a registration is recorded and
     * counted (UpdateItem x2), and the same again is refused (one UpdateItem); the schedule's run of a month
     * sent already reads the finished mailing back after its refused start.
     */
    @Test
    void eachDryRunReachesThePathOfItsCommonRequest() throws Exception {
        Map<String, Map<String, Integer>> expected = Map.of(
                "GetSeriesFunction", Map.of("DynamoDb.Query", 20),
                "ManageMailingsFunction", Map.of("DynamoDb.GetItem", 60, "DynamoDb.Query", 40, "Lambda.Invoke", 20),
                "RegistrationMailFunction", Map.of("DynamoDb.Query", 60, "DynamoDb.UpdateItem", 40),
                "MailFeedbackFunction", Map.of("DynamoDb.UpdateItem", 60),
                "RegistrationsFunction", Map.of("DynamoDb.GetItem", 40, "DynamoDb.UpdateItem", 60),
                "ManageEventsFunction", Map.of("DynamoDb.GetItem", 60, "DynamoDb.PutItem", 60));
        try (LocalApi api = LocalApi.start("priming", "priming-dry-runs")) {
            api.settle();
            Map<String, Object> handlers = api.server.handlers();
            for (Map.Entry<String, Map<String, Integer>> function : expected.entrySet()) {
                Map<String, Integer> dry = new TreeMap<>();
                List<SdkCalls.Call> calls = new ArrayList<>() {
                    @Override
                    public boolean add(SdkCalls.Call call) {
                        if (DryRun.isOn()) {
                            synchronized (dry) {
                                dry.merge(call.toString(), 1, Integer::sum);
                            }
                        }
                        return true;
                    }
                };
                try (AutoCloseable recording = SdkCalls.record(calls)) {
                    ((FunctionHandler<?>) handlers.get(function.getKey())).prime();
                }
                for (Map.Entry<String, Integer> call : function.getValue().entrySet()) {
                    assertEquals(
                            call.getValue(),
                            dry.get(call.getKey()),
                            function.getKey() + "'s dry run: " + call.getKey() + " in " + dry);
                }
            }
            // The schedule's run of a month sent already: after the start refused, the finished mailing is read.
            Map<String, Integer> mailer = new TreeMap<>();
            try (AutoCloseable recording = SdkCalls.record(new ArrayList<>() {
                @Override
                public boolean add(SdkCalls.Call call) {
                    if (DryRun.isOn()) {
                        mailer.merge(call.toString(), 1, Integer::sum);
                    }
                    return true;
                }
            })) {
                ((FunctionHandler<?>) handlers.get("SendMailingFunction")).prime();
            }
            assertEquals(40, mailer.get("DynamoDb.PutItem"), mailer.toString());
            assertTrue(mailer.get("DynamoDb.GetItem") >= 40, mailer.toString());
        }
    }

    /** Every item of the events table, the outbox's files, and how many messages each queue holds. */
    private static Map<String, Object> state(LocalApi api) throws Exception {
        Map<String, Object> state = new TreeMap<>();
        try (DynamoDbClient dynamoDb = TestStack.moto().dynamoDb()) {
            List<String> items = new ArrayList<>();
            for (Map<String, AttributeValue> item :
                    dynamoDb.scanPaginator(r -> r.tableName(api.eventsTable)).items()) {
                items.add(new TreeMap<>(item).toString());
            }
            items.sort(Comparator.naturalOrder());
            state.put("items", items);
        }
        try (Stream<java.nio.file.Path> files = Files.list(api.outbox)) {
            state.put(
                    "outbox",
                    files.map(path -> path.getFileName().toString()).sorted().toList());
        }
        try (SqsClient sqs = TestStack.moto().sqs()) {
            for (String url : sqs.listQueues().queueUrls()) {
                if (url.contains("priming")) {
                    state.put(
                            url,
                            sqs.getQueueAttributes(r -> r.queueUrl(url)
                                            .attributeNames(
                                                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                                    .attributesAsStrings());
                }
            }
        }
        return state;
    }
}
