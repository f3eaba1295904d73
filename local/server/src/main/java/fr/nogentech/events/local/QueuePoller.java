package fr.nogentech.events.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.nogentech.events.json.Json;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What Lambda's event source mapping does for one SQS event of a function: receives batches from the queue, gives
 * each to the handler as an SQS event, and deletes the messages that succeeded. A message that failed stays:
 * it comes back after its visibility timeout, and SQS moves it to the dead-letter queue after the redrive policy's
 * {@code maxReceiveCount} receives.
 */
final class QueuePoller implements AutoCloseable {

    /** Long polling short enough for a stop to be prompt even where the wait could not be interrupted. */
    private static final int WAIT_SECONDS = 1;

    private static final int MAX_RECEIVE = 10;

    private final SqsClient sqs;
    private final LocalFunction function;
    private final SamTemplate.SqsEvent source;
    private final String queueUrl;
    private final String queueArn;
    private final Activity activity;
    private final Thread thread;
    private volatile boolean running = true;

    QueuePoller(
            SqsClient sqs,
            LocalFunction function,
            SamTemplate.SqsEvent source,
            String queueUrl,
            String queueArn,
            Activity activity) {
        this.sqs = sqs;
        this.function = function;
        this.source = source;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.activity = activity;
        // A virtual thread: interrupting it closes the socket of a long poll, so close() need not wait for it.
        this.thread = Thread.ofVirtual()
                .name("sqs-" + function.logicalId() + "-" + source.name())
                .unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    String queue() {
        return source.queue();
    }

    /** The queue's messages: visible, in flight (received, not deleted) or delayed. */
    int pendingMessages() {
        Map<String, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .attributesAsStrings();
        return attributes.values().stream().mapToInt(Integer::parseInt).sum();
    }

    private void run() {
        while (running) {
            List<Message> messages;
            try {
                messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl)
                                .waitTimeSeconds(WAIT_SECONDS)
                                .maxNumberOfMessages(Math.min(MAX_RECEIVE, source.batchSize()))
                                .messageSystemAttributeNamesWithStrings("All")
                                .messageAttributeNames("All"))
                        .messages();
            } catch (SdkException e) {
                if (running) {
                    System.err.println(function.logicalId() + ": cannot receive from " + queue() + ": " + e);
                    pause();
                }
                continue;
            }
            if (messages.isEmpty()) {
                continue;
            }
            if (!running) {
                release(messages);
                return;
            }
            activity.begin();
            try {
                handle(messages);
            } finally {
                activity.end();
            }
        }
    }

    private void handle(List<Message> messages) {
        JsonNode response;
        try {
            response = function.invoke(event(messages), UUID.randomUUID().toString());
        } catch (RuntimeException e) {
            System.err.println(function.logicalId() + " failed on " + messages.size() + " message(s) of " + queue()
                    + ", which come back after the visibility timeout: " + e);
            return;
        }
        delete(succeeded(messages, response));
    }

    private ObjectNode event(List<Message> messages) {
        ObjectNode event = Json.object();
        ArrayNode records = event.putArray("Records");
        for (Message message : messages) {
            ObjectNode record = records.addObject();
            record.put("messageId", message.messageId());
            record.put("receiptHandle", message.receiptHandle());
            record.put("body", message.body());
            record.set("attributes", Json.MAPPER.valueToTree(message.attributesAsStrings()));
            ObjectNode attributes = record.putObject("messageAttributes");
            message.messageAttributes()
                    .forEach((name, value) -> attributes
                            .putObject(name)
                            .put("dataType", value.dataType())
                            .put("stringValue", value.stringValue())
                            .put(
                                    "binaryValue",
                                    value.binaryValue() == null
                                            ? null
                                            : value.binaryValue().asByteArray()));
            record.put("md5OfBody", message.md5OfBody());
            record.put("md5OfMessageAttributes", message.md5OfMessageAttributes());
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", queueArn);
            record.put("awsRegion", queueArn.split(":")[3]);
        }
        return event;
    }

    /**
     * All of the batch, unless the function reports batch item failures and names some: then the others. As in
     * Lambda, a failure naming no message of the batch fails all of it.
     */
    private List<Message> succeeded(List<Message> messages, JsonNode response) {
        JsonNode failures = response == null ? null : response.get("batchItemFailures");
        if (!source.reportBatchItemFailures() || failures == null || !failures.isArray()) {
            return messages;
        }
        Set<String> ids =
                new HashSet<>(messages.stream().map(Message::messageId).toList());
        Set<String> failed = new HashSet<>();
        for (JsonNode failure : failures) {
            String id = failure.path("itemIdentifier").asText(null);
            if (id == null || !ids.contains(id)) {
                System.err.println(function.logicalId() + " reported a failure of " + id
                        + ", no message of its batch: all of the batch comes back");
                return List.of();
            }
            failed.add(id);
        }
        return messages.stream().filter(m -> !failed.contains(m.messageId())).toList();
    }

    private void delete(List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder()
                    .id(Integer.toString(i))
                    .receiptHandle(messages.get(i).receiptHandle())
                    .build());
        }
        try {
            sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(entries))
                    .failed()
                    .forEach(failure -> System.err.println(function.logicalId() + ": a message of " + queue()
                            + " was not deleted: " + failure.message()));
        } catch (SdkException e) {
            System.err.println(
                    function.logicalId() + ": the handled messages of " + queue() + " were not deleted: " + e);
        }
    }

    /** Makes messages received during a stop visible again at once, for whoever reads the queue next. */
    private void release(List<Message> messages) {
        Thread.interrupted();
        try {
            for (Message message : messages) {
                sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl)
                        .receiptHandle(message.receiptHandle())
                        .visibilityTimeout(0));
            }
        } catch (SdkException e) {
            // they come back after their visibility timeout instead
        }
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
