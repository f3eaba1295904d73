package fr.nogentech.events.functions;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.api.RegistrationsApi;
import fr.nogentech.events.event.EventDefaults;
import fr.nogentech.events.event.EventInput;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.lambda.ApiGatewayHttp;
import fr.nogentech.events.lambda.ApiHandler;
import fr.nogentech.events.lambda.DryRun;
import fr.nogentech.events.store.EventStore;
import io.micronaut.context.ApplicationContextBuilder;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The public registration routes: register to an event, confirm, cancel. */
public class RegistrationsHandler extends ApiHandler<RegistrationsApi>
        // named again for AWS's SnapStart rules (mvn verify): they check only the classes that name it themselves
        implements RequestStreamHandler {

    public RegistrationsHandler() {
        super(RegistrationsApi.class);
    }

    public RegistrationsHandler(ApplicationContextBuilder context) {
        super(RegistrationsApi.class, context);
    }

    @Override
    protected List<JsonNode> primingRequests() {
        // A refused registration (no such event: nothing written, nothing sent) and the page of an invalid link.
        return List.of(
                ApiGatewayHttp.event(
                        "POST /events/{id}/registrations",
                        "/events/priming/registrations",
                        Map.of("id", "priming"),
                        Map.of(),
                        Map.of("content-type", "application/json"),
                        "{\"name\": \"Priming\", \"email\": \"priming@example.org\"}",
                        null),
                get(
                        "GET /registrations/confirm",
                        "/registrations/confirm",
                        Map.of(),
                        Map.of("token", "priming"),
                        "text/html"));
    }

    @Override
    protected List<JsonNode> dryRunRequestsFinding() {
        // A registration as a visitor sends it, in priming's dry run, to an open event (dryRunAnswersInTurn): the
        // request recorded and the day's count raised (UpdateItem x2), the confirmation email written and sent
        // (SendEmail); then the same request again, as a visitor who clicks twice sends it, refused by the 24 hours'
        // condition (the SDK's error path). All answered by the dry run, not sent.
        JsonNode registration = ApiGatewayHttp.event(
                "POST /events/{id}/registrations",
                "/events/priming/registrations",
                Map.of("id", "priming"),
                Map.of(),
                Map.of("content-type", "application/json"),
                "{\"name\": \"Priming\", \"email\": \"priming@example.org\"}",
                null);
        return List.of(registration, registration);
    }

    /**
     * An event open for registration a month from now, shaped as the stored events are (speakers with their
     * organization and role), read when priming runs, not at init; the first request's two UpdateItems accepted, the
     * second request's refused.
     */
    @Override
    protected Map<String, List<String>> dryRunAnswersInTurn() {
        String day = LocalDate.now(EventDefaults.TIME_ZONE).plusDays(30).toString();
        String event = EventStore.dryRunAnswer(EventInput.read(Json.read("{\"id\": \"priming\", \"title\": "
                        + "\"Rencontre du jeudi\", \"start\": \"" + day + "T08:30\", \"end\": \"" + day
                        + "T10:30\", \"venue\": {\"name\": \"Salle des fêtes\", \"city\": \"Nogent\"}, "
                        + "\"speakers\": [{\"name\": \"Priming\", \"organization\": \"Nogentech\", "
                        + "\"role\": \"speaker\"}], \"registration\": {\"capacity\": 40}}"))
                .nextRevision(1, Instant.parse("2023-10-01T00:00:00Z"), "priming"));
        return Map.of("GetItem", List.of(event), "UpdateItem", List.of("{}", "{}", DryRun.CONDITIONAL_CHECK_FAILED));
    }

    @Override
    protected void rehearseBeyondRequests(RegistrationsApi api) {
        api.rehearse();
    }
}
