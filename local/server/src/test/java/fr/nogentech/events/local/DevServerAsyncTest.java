package fr.nogentech.events.local;

import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The asynchronous paths of the development server against moto, with a template of their own (async-template.yaml):
 * a queue and its dead-letter queue, the function reading it, a function invoked asynchronously through the SDK.
 */
class DevServerAsyncTest {

    private static final Duration IDLE = Duration.ofSeconds(10);
    private static SamTemplate template;
    private static Map<String, String> queues;
    private static DevServer server;
    private static SqsClient sqs;
    private static LambdaClient lambda;

    @BeforeAll
    static void start() {
        template = SamTemplate.load(templatePath());
        LocalAws moto = TestStack.moto();
        queues = TestStack.newQueues(moto, template, "async");
        server = DevServer.start(template, queues, 0);
        sqs = moto.sqs();
        // As a function builds it: the endpoint comes from aws.endpointUrlLambda, which the server has set.
        lambda = LambdaClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    static void stop() {
        lambda.close();
        sqs.close();
        server.close();
    }

    @Test
    void readsTheQueuesAndTheSqsEventsOfTheTemplate() {
        Map<String, SamTemplate.Function> functions = new HashMap<>();
        template.functions().forEach(f -> functions.put(f.logicalId(), f));
        assertEquals(
                List.of(new SamTemplate.SqsEvent("Work", "WorkQueue", 10, true)),
                functions.get("WorkFunction").sqsEvents());
        assertEquals(1, functions.get("WorkFunction").timeoutSeconds());
        assertNull(functions.get("WorkFunction").reservedConcurrency());
        assertEquals(1, functions.get("WorkerFunction").reservedConcurrency());
        assertEquals(List.of(), functions.get("WorkerFunction").sqsEvents());
        SamTemplate.Queue queue = template.queues().get(0);
        assertEquals("WorkDeadLetterQueue", queue.deadLetterQueue());
        assertEquals(2, queue.maxReceiveCount());
    }

    @Test
    void anSqsFunctionWithNoHandlerClassStopsTheServerAtStartUp(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("template.yaml");
        Files.writeString(
                broken, Files.readString(templatePath()).replace("RecordingQueueHandler::", "MissingQueueHandler::"));
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> DevServer.start(SamTemplate.load(broken), queues, 0).close());
        assertTrue(
                e.getMessage().contains("MissingQueueHandler") && e.getMessage().contains("WorkQueue"), e.getMessage());
    }

    @Test
    void createsTheQueuesWithTheirRedrivePolicyAndGivesTheirReferences() {
        Map<String, String> attributes = sqs.getQueueAttributes(
                        r -> r.queueUrl(queues.get("WorkQueue")).attributeNames(QueueAttributeName.ALL))
                .attributesAsStrings();
        assertEquals("1", attributes.get("VisibilityTimeout"));
        assertEquals("3600", attributes.get("MessageRetentionPeriod"));
        JsonNode redrive = read(attributes.get("RedrivePolicy"));
        assertEquals(
                queues.get("WorkDeadLetterQueue.Arn"),
                redrive.get("deadLetterTargetArn").asText());
        assertEquals(2, redrive.get("maxReceiveCount").asInt());
        assertEquals(queues.get("WorkQueue.Arn"), attributes.get("QueueArn"));
        assertTrue(queues.get("WorkQueue").endsWith("-WorkQueue"), queues.get("WorkQueue"));
    }

    @Test
    void aMessageReachesTheFunctionAsTheSqsEventLambdaGives() {
        String body = "hello-" + UUID.randomUUID();
        sqs.sendMessage(r -> r.queueUrl(queues.get("WorkQueue"))
                .messageBody(body)
                .messageAttributes(Map.of(
                        "kind",
                        MessageAttributeValue.builder()
                                .dataType("String")
                                .stringValue("greeting")
                                .build())));
        server.awaitIdle(IDLE);

        List<JsonNode> received = received(body);
        assertEquals(1, received.size());
        JsonNode message = received.get(0);
        assertEquals("aws:sqs", message.path("eventSource").asText());
        assertEquals(queues.get("WorkQueue.Arn"), message.path("eventSourceARN").asText());
        assertEquals(LocalAws.REGION, message.path("awsRegion").asText());
        assertTrue(message.path("receiptHandle").isTextual()
                && message.path("messageId").isTextual());
        assertEquals("1", message.at("/attributes/ApproximateReceiveCount").asText());
        assertTrue(message.at("/attributes/SentTimestamp").isTextual(), message.toString());
        assertEquals(
                "greeting", message.at("/messageAttributes/kind/stringValue").asText());
        assertEquals(
                Map.of(
                        "work.queue.url",
                        queues.get("WorkQueue"),
                        "work.queue.arn",
                        queues.get("WorkQueue.Arn"),
                        "dead.letter.queue.arn",
                        queues.get("WorkDeadLetterQueue.Arn"),
                        "worker.function",
                        LocalFunction.arn("WorkerFunction") + ":live"),
                RecordingQueueHandler.ENVIRONMENT);
        assertEquals(0, messagesIn("WorkQueue"));
    }

    @Test
    void aReportedFailureComesBackThenGoesToTheDeadLetterQueueAndTheOthersAreDeleted() {
        String id = UUID.randomUUID().toString();
        sqs.sendMessage(r -> r.queueUrl(queues.get("WorkQueue")).messageBody("fail-" + id));
        sqs.sendMessage(r -> r.queueUrl(queues.get("WorkQueue")).messageBody("ok-" + id));
        server.awaitIdle(IDLE);

        assertEquals(
                List.of("1", "2"),
                received("fail-" + id).stream()
                        .map(m -> m.at("/attributes/ApproximateReceiveCount").asText())
                        .toList());
        assertEquals(1, received("ok-" + id).size());
        List<String> dead = sqs
                .receiveMessage(
                        r -> r.queueUrl(queues.get("WorkDeadLetterQueue")).maxNumberOfMessages(10))
                .messages()
                .stream()
                .map(m -> m.body())
                .toList();
        assertTrue(dead.contains("fail-" + id), dead.toString());
        assertTrue(!dead.contains("ok-" + id), dead.toString());
    }

    @Test
    void aBatchThatThrowsDeletesNothingAndComesBack() {
        String body = "throw-once-" + UUID.randomUUID();
        sqs.sendMessage(r -> r.queueUrl(queues.get("WorkQueue")).messageBody(body));
        server.awaitIdle(IDLE);

        assertEquals(
                List.of("1", "2"),
                received(body).stream()
                        .map(m -> m.at("/attributes/ApproximateReceiveCount").asText())
                        .toList());
        assertEquals(0, messagesIn("WorkQueue"));
    }

    @Test
    void anAsynchronousInvocationIsAcceptedAtOnceAndRunsOnce() {
        String id = UUID.randomUUID().toString();
        long started = System.nanoTime();
        InvokeResponse response = lambda.invoke(r -> r.functionName("WorkerFunction")
                .invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{\"id\": \"" + id + "\", \"sleepMillis\": 1500}")));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(202, response.statusCode());
        assertEquals(0, response.payload().asByteArray().length);
        assertTrue(tookMillis < 1000, tookMillis + " ms");
        server.awaitIdle(IDLE);
        assertEquals(List.of(Map.of("id", id, "sleepMillis", 1500)), payloads(id));
    }

    @Test
    void aFunctionReachesAnotherThroughTheSdkWithTheAliasTheTemplateGivesIt() {
        String id = UUID.randomUUID().toString();
        sqs.sendMessage(r -> r.queueUrl(queues.get("WorkQueue")).messageBody("invoke:{\"id\": \"" + id + "\"}"));
        server.awaitIdle(IDLE);

        assertEquals(List.of(Map.of("id", id)), payloads(id));
    }

    @Test
    void invocationsOfAFunctionWithOneReservedExecutionNeverOverlap() {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        String third = UUID.randomUUID().toString();
        invokeLater(first, 600);
        invokeLater(second, 300);
        // A synchronous one from another thread waits for its turn too.
        CompletableFuture<InvokeResponse> now = CompletableFuture.supplyAsync(
                () -> lambda.invoke(r -> r.functionName(LocalFunction.arn("WorkerFunction") + ":live")
                        .payload(SdkBytes.fromUtf8String("{\"id\": \"" + third + "\", \"sleepMillis\": 100}"))));
        InvokeResponse response = now.join();
        server.awaitIdle(IDLE);

        assertEquals(200, response.statusCode());
        assertNull(response.functionError());
        assertEquals(
                third, read(response.payload().asUtf8String()).at("/echo/id").asText());
        List<String> timeline = RecordingWorkerHandler.TIMELINE.stream()
                .filter(e -> e.endsWith(first) || e.endsWith(second) || e.endsWith(third))
                .toList();
        assertEquals(6, timeline.size(), timeline.toString());
        for (int i = 0; i < 6; i += 2) {
            assertTrue(
                    timeline.get(i).startsWith("start ")
                            && timeline.get(i + 1).startsWith("end ")
                            && timeline.get(i)
                                    .substring(6)
                                    .equals(timeline.get(i + 1).substring(4)),
                    timeline.toString());
        }
        assertEquals(1, RecordingWorkerHandler.MOST_AT_ONCE.get());
    }

    @Test
    void aSynchronousInvocationThatFailsAnswersTheErrorAsLambdaDoes() {
        InvokeResponse response = lambda.invoke(r ->
                r.functionName("WorkerFunction").payload(SdkBytes.fromUtf8String("{\"id\": \"x\", \"throw\": true}")));

        assertEquals(200, response.statusCode());
        assertEquals("Unhandled", response.functionError());
        JsonNode error = read(response.payload().asUtf8String());
        assertEquals(
                "java.lang.IllegalArgumentException", error.get("errorType").asText());
        assertEquals("asked to fail: x", error.get("errorMessage").asText());
    }

    @Test
    void anUnknownFunctionIsResourceNotFound() {
        ResourceNotFoundException e = assertThrows(
                ResourceNotFoundException.class,
                () -> lambda.invoke(r -> r.functionName("NoSuchFunction")
                        .invocationType(InvocationType.EVENT)
                        .payload(SdkBytes.fromUtf8String("{}"))));
        assertEquals(404, e.statusCode());
        assertTrue(e.getMessage().contains("NoSuchFunction"), e.getMessage());
    }

    @Test
    void closeStopsThePollersPromptly() throws InterruptedException {
        Map<String, String> own = TestStack.newQueues(TestStack.moto(), template, "async-close");
        DevServer other = DevServer.start(template, own, 0);
        try {
            other.awaitIdle(IDLE);
        } finally {
            long started = System.nanoTime();
            other.close();
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            // Well under the second of a long poll: the pollers do not wait for theirs to end.
            assertTrue(tookMillis < 500, tookMillis + " ms");
        }
        String body = "after-close-" + UUID.randomUUID();
        sqs.sendMessage(r -> r.queueUrl(own.get("WorkQueue")).messageBody(body));
        Thread.sleep(1500);

        assertEquals(List.of(), received(body));
        assertEquals(
                "1",
                sqs.getQueueAttributes(r -> r.queueUrl(own.get("WorkQueue"))
                                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                        .attributesAsStrings()
                        .get("ApproximateNumberOfMessages"));
    }

    private static Path templatePath() {
        try {
            return Path.of(Objects.requireNonNull(DevServerAsyncTest.class.getResource("/async-template.yaml"))
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void invokeLater(String id, int sleepMillis) {
        InvokeResponse response = lambda.invoke(r -> r.functionName("WorkerFunction")
                .invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{\"id\": \"" + id + "\", \"sleepMillis\": " + sleepMillis + "}")));
        assertEquals(202, response.statusCode());
    }

    private static List<JsonNode> received(String body) {
        return RecordingQueueHandler.RECEIVED.stream()
                .filter(m -> m.path("body").asText().equals(body))
                .toList();
    }

    private static List<Map<String, Object>> payloads(String id) {
        return RecordingWorkerHandler.PAYLOADS.stream()
                .filter(p -> id.equals(p.get("id")))
                .toList();
    }

    private static int messagesIn(String queue) {
        Map<String, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(queues.get(queue))
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributesAsStrings();
        return attributes.values().stream().mapToInt(Integer::parseInt).sum();
    }

    private static JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
