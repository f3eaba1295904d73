package fr.nogentech.events.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import fr.nogentech.events.mailing.ScheduledMailing;
import fr.nogentech.events.mailing.TimeLeft;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

import java.util.Map;

/**
 * The monthly mailing, invoked by EventBridge Scheduler: {@code {"scheduledTime": …}} sends that time's month,
 * {@code {"resume": true}} goes on with unfinished mailings. It stops 30 seconds before its time limit.
 */
public class SendMailingHandler extends MicronautRequestHandler<Map<String, Object>, Map<String, Object>>
        // named again for AWS's SnapStart rules (mvn verify): they check only classes that name it themselves
        implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final long MARGIN_MILLIS = 30_000;

    @Inject
    ScheduledMailing mailing;

    public SendMailingHandler() {
    }

    public SendMailingHandler(ApplicationContextBuilder context) {
        super(context);
    }

    @Override
    public Map<String, Object> execute(Map<String, Object> payload) {
        Integer remaining = getApplicationContext().findBean(Context.class)
                .map(Context::getRemainingTimeInMillis).orElse(null);
        return mailing.handle(payload, TimeLeft.until(remaining, 600_000, MARGIN_MILLIS));
    }
}
