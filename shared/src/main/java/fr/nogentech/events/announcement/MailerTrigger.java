package fr.nogentech.events.announcement;

import fr.nogentech.events.json.Json;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;

import java.time.YearMonth;

/**
 * Hands a month's mailing to the one mailer function, as an asynchronous invocation: the mailer runs one invocation
 * at a time (reserved concurrency 1), so an administrator's send never runs beside a scheduled one, and Lambda
 * retries it if it fails.
 */
public class MailerTrigger {

    private final LambdaClient lambda;
    private final String mailerFunction;

    public MailerTrigger(LambdaClient lambda, String mailerFunction) {
        this.lambda = lambda;
        this.mailerFunction = mailerFunction;
    }

    public void start(YearMonth month) {
        String payload = Json.write(Json.object().put("month", month.toString()));
        lambda.invoke(r -> r.functionName(mailerFunction)
                .invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String(payload)));
    }
}
