package fr.nogentech.events.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.lambda.FunctionHandler;
import fr.nogentech.events.subscription.Confirmations;
import io.micronaut.context.ApplicationContextBuilder;

/**
 * Reads the queue of subscription requests and sends each confirmation email that is due. A message whose email
 * could not go for now is reported as a batch item failure, so that SQS gives it again later.
 */
public class SendConfirmationHandler extends FunctionHandler<Confirmations>
        // named again for AWS's SnapStart rules (mvn verify): they check only the classes that name it themselves
        implements RequestStreamHandler {

    public SendConfirmationHandler() {
        super(Confirmations.class);
    }

    public SendConfirmationHandler(ApplicationContextBuilder context) {
        super(Confirmations.class, context);
    }

    @Override
    protected JsonNode handle(Confirmations confirmations, JsonNode event, Context lambda) {
        ObjectNode answer = Json.object();
        ArrayNode failures = answer.putArray("batchItemFailures");
        for (JsonNode message : event.path("Records")) {
            if (confirmations.handle(message.path("body").asText("")) == Confirmations.Outcome.RETRY) {
                failures.addObject()
                        .put("itemIdentifier", message.path("messageId").asText());
            }
        }
        return answer;
    }

    @Override
    protected void rehearse(Confirmations confirmations) {
        confirmations.rehearse();
    }

    /**
     * A queued request handled through the whole handler, in priming's dry run: the subscriber and the day's count
     * updated (UpdateItem), the email rendered, written and sent (SendEmail): all answered by the dry run, not sent.
     */
    @Override
    protected void dryRun(Confirmations confirmations) {
        ObjectNode event = Json.object();
        event.putArray("Records")
                .addObject()
                .put("messageId", "priming")
                .put("body", "{\"email\": \"priming@example.org\", \"requestedAt\": \"2023-10-11T16:00:00Z\"}");
        rehearseWith(event);
    }
}
