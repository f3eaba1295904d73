package fr.nogentech.events.functions;

import com.amazonaws.services.lambda.runtime.Context;
import fr.nogentech.events.mailing.ScheduledMailing;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

import java.util.Map;

/**
 * The monthly mailing, invoked by EventBridge Scheduler: {@code {"scheduledTime": …}} sends that time's month,
 * {@code {"resume": true}} goes on with unfinished mailings. It stops 30 seconds before its time limit.
 */
public class SendMailingHandler extends MicronautRequestHandler<Map<String, Object>, Map<String, Object>> {

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
        Context context = (Context) getApplicationContext().findBean(Context.class).orElse(null);
        long deadline = System.currentTimeMillis() + (context == null ? 600_000 : context.getRemainingTimeInMillis());
        return mailing.handle(payload, () -> deadline - System.currentTimeMillis() > MARGIN_MILLIS);
    }
}
