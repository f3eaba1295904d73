package fr.nogentech.events.local;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Creates the queues of {@code template.yaml} under a name prefix, with the template's settings: a dead-letter queue
 * before the queue whose {@code RedrivePolicy} names it, since the policy needs its ARN.
 */
public final class TemplateQueues {

    /** The properties SQS takes as queue attributes under the same names. */
    private static final List<String> ATTRIBUTES = List.of(
            "DelaySeconds",
            "MaximumMessageSize",
            "MessageRetentionPeriod",
            "ReceiveMessageWaitTimeSeconds",
            "VisibilityTimeout");

    private TemplateQueues() {}

    /**
     * Creates every queue of the template (or finds it, when it is there with the same settings) and returns what
     * the template's expressions give for them: {@code Id} (what {@code !Ref Id} gives) is the queue URL,
     * {@code Id.Arn} its ARN and {@code Id.QueueName} its name.
     *
     * @param namePrefix put before each logical id to make the queue's name; SQS allows 80 characters in all
     */
    public static Map<String, String> create(SqsClient sqs, SamTemplate template, String namePrefix) {
        Map<String, SamTemplate.Queue> queues = new LinkedHashMap<>();
        template.queues().forEach(queue -> queues.put(queue.logicalId(), queue));
        Map<String, String> references = new LinkedHashMap<>();
        for (SamTemplate.Queue queue : queues.values()) {
            create(sqs, queue, queues, namePrefix, references, new HashSet<>());
        }
        return references;
    }

    private static void create(
            SqsClient sqs,
            SamTemplate.Queue queue,
            Map<String, SamTemplate.Queue> queues,
            String namePrefix,
            Map<String, String> references,
            Set<String> path) {
        String id = queue.logicalId();
        if (references.containsKey(id)) {
            return;
        }
        if (!path.add(id)) {
            throw new IllegalStateException("template.yaml: the redrive policies of " + path + " form a loop");
        }
        Map<String, Object> properties = queue.properties();
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String attribute : ATTRIBUTES) {
            // An expression (!Ref) is left to SQS's default: only CloudFormation evaluates it.
            if (SamTemplate.integerOf(properties.get(attribute)) != null) {
                attributes.put(attribute, String.valueOf(SamTemplate.integerOf(properties.get(attribute))));
            }
        }
        String deadLetterQueue = queue.deadLetterQueue();
        if (deadLetterQueue != null) {
            SamTemplate.Queue target = queues.get(deadLetterQueue);
            if (target == null) {
                throw new IllegalStateException("template.yaml: the RedrivePolicy of " + id + " names "
                        + deadLetterQueue + ", which is not a queue of the template");
            }
            create(sqs, target, queues, namePrefix, references, path);
            attributes.put(
                    "RedrivePolicy",
                    "{\"deadLetterTargetArn\":\"" + references.get(deadLetterQueue + ".Arn") + "\",\"maxReceiveCount\":"
                            + queue.maxReceiveCount() + "}");
        }
        String name = namePrefix + id;
        if (Boolean.TRUE.equals(properties.get("FifoQueue"))) {
            name += ".fifo";
            attributes.put("FifoQueue", "true");
            if (properties.containsKey("ContentBasedDeduplication")) {
                attributes.put(
                        "ContentBasedDeduplication", String.valueOf(properties.get("ContentBasedDeduplication")));
            }
        }
        String queueName = name;
        String url = sqs.createQueue(r -> r.queueName(queueName).attributesWithStrings(attributes))
                .queueUrl();
        String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        references.put(id, url);
        references.put(id + ".Arn", arn);
        references.put(id + ".QueueName", queueName);
    }
}
