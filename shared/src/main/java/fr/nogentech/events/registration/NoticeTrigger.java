package fr.nogentech.events.registration;

import fr.nogentech.events.json.Json;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/**
 * Tells the registration mailer that an event with registrations changed, as an asynchronous invocation
 * ({@code {"eventChanged": "<id>"}}): the mailer runs one invocation at a time and Lambda retries it if it fails; its
 * daily sweep catches a change whose invocation never went.
 */
public class NoticeTrigger {

    private final LambdaClient lambda;
    private final String mailerFunction;

    public NoticeTrigger(LambdaClient lambda, String mailerFunction) {
        this.lambda = lambda;
        this.mailerFunction = mailerFunction;
    }

    public void eventChanged(String eventId) {
        String payload = Json.write(Json.object().put("eventChanged", eventId));
        lambda.invoke(r -> r.functionName(mailerFunction)
                .invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String(payload)));
    }
}
