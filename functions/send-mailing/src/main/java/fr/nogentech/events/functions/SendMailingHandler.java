package fr.nogentech.events.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.announcement.ScheduledMailing;
import fr.nogentech.events.announcement.TimeLeft;
import fr.nogentech.events.event.EventInput;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.lambda.DryRun;
import fr.nogentech.events.lambda.FunctionHandler;
import fr.nogentech.events.store.EventStore;
import fr.nogentech.events.store.MailingStore;
import io.micronaut.context.ApplicationContextBuilder;

import java.time.Instant;
import java.time.YearMonth;
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

    /**
     * In priming's dry run: the month's mailing to one example subscriber (claimed, sent, marked, not sent); then
     * the schedule's run of a month already sent, through the handler as the schedule invokes it: the month's
     * events found (Query), the subscribers counted, the start's conditional PutItem refused by DynamoDB
     * (ConditionalCheckFailed, answered by the dry run: the SDK's error path and the store's catch) and the finished
     * mailing read back (GetItem). The month is fixed, as the schedule's payload names it: nothing from the clock.
     */
    @Override
    protected void dryRun(ScheduledMailing mailing) {
        mailing.dryRun(Instant.now());
        DryRun.answering(
                Map.of(
                        "Query",
                        EventStore.dryRunPage(EventInput.read(Json.read("{\"id\": \"priming\", \"title\": "
                                        + "\"Rencontre du jeudi\", \"series\": \"rencontres-du-jeudi\", \"start\": "
                                        + "\"2023-10-12T08:30\", \"end\": \"2023-10-12T10:30\", \"venue\": {\"name\": "
                                        + "\"Salle des fêtes\", \"city\": \"Nogent\"}}"))
                                .nextRevision(1, Instant.parse("2023-09-01T00:00:00Z"), "priming")),
                        "PutItem",
                        DryRun.CONDITIONAL_CHECK_FAILED,
                        "GetItem",
                        MailingStore.dryRunAnswer(
                                YearMonth.of(2023, 10),
                                Instant.parse("2023-10-01T07:00:00Z"),
                                Instant.parse("2023-10-01T07:30:00Z"))),
                () -> rehearseWith(Json.read("{\"scheduledTime\": \"2023-10-01T07:00:00Z\"}")));
    }
}
