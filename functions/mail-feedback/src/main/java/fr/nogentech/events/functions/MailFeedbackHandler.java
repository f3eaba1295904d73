package fr.nogentech.events.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.lambda.DryRun;
import fr.nogentech.events.lambda.FunctionHandler;
import fr.nogentech.events.subscription.MailFeedback;
import io.micronaut.context.ApplicationContextBuilder;

import java.util.Map;

/** SES's bounces and complaints, from EventBridge: the addresses concerned are suppressed. */
public class MailFeedbackHandler extends FunctionHandler<MailFeedback>
        // named again for AWS's SnapStart rules (mvn verify): they check only the classes that name it themselves
        implements RequestStreamHandler {

    public MailFeedbackHandler() {
        super(MailFeedback.class);
    }

    public MailFeedbackHandler(ApplicationContextBuilder context) {
        super(MailFeedback.class, context);
    }

    @Override
    protected JsonNode handle(MailFeedback feedback, JsonNode event, Context lambda) {
        return Json.object().put("suppressed", feedback.handle(event));
    }

    /** A transient bounce (read and logged, no address suppressed), then the subscriber lookup of a bounce. */
    @Override
    protected void rehearse(MailFeedback feedback) {
        rehearseWith(Json.read("{\"detail-type\": \"Bounce\", \"source\": \"aws.ses\", \"detail\": {\"eventType\": "
                + "\"Bounce\", \"bounce\": {\"bounceType\": \"Transient\", \"bouncedRecipients\": []}, \"mail\": "
                + "{\"tags\": {}}}}"));
        feedback.rehearse();
    }

    /**
     * A permanent bounce of a mailing's email, in priming's dry run: the address suppressed and the mailing's count
     * raised (UpdateItem), answered by the dry run, not sent. Then the commoner bounce of an address that is no
     * subscriber (an old address, a test): the suppression's condition does not hold, so DynamoDB answers
     * ConditionalCheckFailed, answered here by the dry run too, and the SDK's error path and the handler's catch run.
     */
    @Override
    protected void dryRun(MailFeedback feedback) {
        JsonNode bounce = Json.read("{\"detail-type\": \"Email Bounced\", \"source\": \"aws.ses\", \"detail\": "
                + "{\"eventType\": \"Bounce\", \"bounce\": {\"bounceType\": \"Permanent\", \"bouncedRecipients\": "
                + "[{\"emailAddress\": \"priming@example.org\"}]}, \"mail\": {\"tags\": {\"mailing\": "
                + "[\"2023-10\"]}}}}");
        rehearseWith(bounce);
        DryRun.answering(Map.of("UpdateItem", DryRun.CONDITIONAL_CHECK_FAILED), () -> rehearseWith(bounce));
    }
}
