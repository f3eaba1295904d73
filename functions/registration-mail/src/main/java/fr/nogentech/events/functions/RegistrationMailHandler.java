package fr.nogentech.events.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.nogentech.events.event.EventInput;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.lambda.DryRun;
import fr.nogentech.events.lambda.FunctionHandler;
import fr.nogentech.events.registration.RegistrantNotices;
import fr.nogentech.events.store.EventStore;
import fr.nogentech.events.store.RegistrationStore;
import io.micronaut.context.ApplicationContextBuilder;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * The registration mailer. {@code {"eventChanged": "<id>"}} (from the administrators' function, after a change of an
 * event with registrations) tells that event's registrants; {@code {"scheduledTime": "…"}} (the daily schedule, at
 * 18:00 in Paris) reminds the registrants of the next day's events, then sweeps the changes whose notice did not go.
 * A run the mail service stopped fails the invocation once its work is saved, so that Lambda retries it.
 */
public class RegistrationMailHandler extends FunctionHandler<RegistrantNotices>
        // named again for AWS's SnapStart rules (mvn verify): they check only the classes that name it themselves
        implements RequestStreamHandler {

    public RegistrationMailHandler() {
        super(RegistrantNotices.class);
    }

    public RegistrationMailHandler(ApplicationContextBuilder context) {
        super(RegistrantNotices.class, context);
    }

    @Override
    protected JsonNode handle(RegistrantNotices notices, JsonNode event, Context lambda) {
        ObjectNode result = Json.object();
        if (event != null && event.path("eventChanged").isTextual()) {
            String id = event.get("eventChanged").asText();
            RegistrantNotices.Outcome outcome = notices.eventChanged(id);
            result.put("eventChanged", id).put("sent", outcome.sent());
            return finished(result, outcome);
        }
        Instant scheduledTime;
        try {
            scheduledTime = Instant.parse(
                    event == null ? "" : event.path("scheduledTime").asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "the payload needs {\"eventChanged\": \"<id>\"} or a scheduledTime such as 2023-10-11T16:00:00Z");
        }
        RegistrantNotices.Outcome reminders = notices.remind(scheduledTime);
        result.put("reminders", reminders.sent());
        if (!reminders.complete()) {
            return finished(result, reminders);
        }
        RegistrantNotices.Outcome swept = notices.sweep(scheduledTime);
        result.put("notices", swept.sent());
        return finished(result, swept);
    }

    /** The result, or a failed invocation (which Lambda retries) when the run stopped before the end. */
    private static JsonNode finished(ObjectNode result, RegistrantNotices.Outcome outcome) {
        if (!outcome.complete()) {
            throw new IncompleteRun(Json.write(result));
        }
        return result;
    }

    @Override
    protected void rehearse(RegistrantNotices notices) {
        notices.rehearse(Instant.now());
    }

    /**
     * The daily run of the day before an event, in priming's dry run, through the handler as the schedule invokes
     * it: the Query of the next day's events finds an example event taking registrations, the Query of its
     * partition one confirmed registration, not yet reminded; the reminder is claimed (UpdateItem), rendered,
     * written as MIME and sent (SES SendEmail, answered by the dry run, not sent), marked (UpdateItem); then the
     * sweep's Query finds nothing. Both Queries are answered in turn ({@link DryRun#answeringInTurn}): they read
     * different kinds of item. The day is fixed, as the schedule's payload names it: nothing from the clock.
     */
    @Override
    protected void dryRun(RegistrantNotices notices) {
        Instant at = Instant.parse("2023-10-01T00:00:00Z");
        DryRun.answeringInTurn(
                Map.of(
                        "Query",
                        List.of(
                                EventStore.dryRunPage(EventInput.read(Json.read("{\"id\": \"priming\", \"title\": "
                                                + "\"Rencontre du jeudi\", \"series\": \"rencontres-du-jeudi\", "
                                                + "\"start\": \"2023-10-12T08:30\", \"end\": \"2023-10-12T10:30\", "
                                                + "\"venue\": {\"name\": \"Salle des fêtes\", \"city\": \"Nogent\"}, "
                                                + "\"registration\": {\"capacity\": 40}}"))
                                        .nextRevision(1, at, "priming")),
                                RegistrationStore.dryRunPage("priming", "priming@example.org", "Priming", at),
                                "{}")),
                () -> rehearseWith(Json.read("{\"scheduledTime\": \"2023-10-11T16:00:00Z\"}")));
    }

    /** The mail service stopped the run; what went is marked, Lambda's retry sends the rest. */
    static final class IncompleteRun extends RuntimeException {
        IncompleteRun(String done) {
            super("stopped before the end (the mail service could not send); a retry goes on: " + done);
        }
    }
}
