package fr.nogentech.events.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.announcement.ScheduledMailing;
import fr.nogentech.events.announcement.TimeLeft;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.lambda.FunctionHandler;
import io.micronaut.context.ApplicationContextBuilder;

import java.time.Instant;
import java.util.Map;

/**
 * The mailer: sends a month's announcement, from its schedule, the resume schedule, or an administrator's request.
 * It stops in time to leave a margin before Lambda's time-out; the resume schedule carries on.
 */
public class SendMailingHandler extends FunctionHandler<ScheduledMailing>
        // named again for AWS's SnapStart rules (mvn verify): they check only the classes that name it themselves
        implements RequestStreamHandler {

    private static final long MARGIN_MILLIS = 30_000;

    public SendMailingHandler() {
        super(ScheduledMailing.class);
    }

    public SendMailingHandler(ApplicationContextBuilder context) {
        super(ScheduledMailing.class, context);
    }

    @Override
    protected JsonNode handle(ScheduledMailing mailing, JsonNode event, Context lambda) {
        Map<String, Object> payload = Json.MAPPER.convertValue(event, new TypeReference<>() {});
        Integer remaining = lambda == null ? null : lambda.getRemainingTimeInMillis();
        return Json.MAPPER.valueToTree(mailing.handle(payload, TimeLeft.until(remaining, 600_000, MARGIN_MILLIS)));
    }

    @Override
    protected void rehearse(ScheduledMailing mailing) {
        mailing.rehearse(Instant.now());
    }

    /** The month's mailing to one example subscriber, in priming's dry run: claimed, sent, marked, not sent. */
    @Override
    protected void dryRun(ScheduledMailing mailing) {
        mailing.dryRun(Instant.now());
    }
}
