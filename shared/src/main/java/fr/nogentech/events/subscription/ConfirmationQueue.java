package fr.nogentech.events.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.json.Json;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Instant;
import java.util.Optional;

/**
 * Subscription requests waiting for their confirmation email (an SQS queue). {@code POST /subscriptions} only puts the
 * request here, whatever the address's state, so that every address is answered alike and at once; the
 * send-confirmation function decides whether an email goes.
 */
public class ConfirmationQueue {

    /** A queued request. */
    public record Request(EmailAddress address, Instant requestedAt) {}

    private final SqsClient sqs;
    private final String queueUrl;

    public ConfirmationQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /**
     * A read of the queue's attributes: the SQS client signs and sends a request, and nothing is queued. What priming
     * runs before the snapshot, so that the first subscription does not pay for the client's first request.
     */
    public void rehearse() {
        sqs.getQueueAttributes(request ->
                request.queueUrl(queueUrl).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    public void submit(EmailAddress address, Instant now) {
        String body = Json.write(Json.object().put("email", address.value()).put("requestedAt", now.toString()));
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body));
    }

    /** A message's request; empty when it is not one (it is then dropped). */
    public static Optional<Request> read(String body) {
        try {
            JsonNode json = Json.MAPPER.readTree(body);
            return Optional.of(new Request(
                    EmailAddress.parse(json.path("email").asText(null), "email"),
                    Instant.parse(json.path("requestedAt").asText())));
        } catch (Exception notARequest) {
            return Optional.empty();
        }
    }
}
