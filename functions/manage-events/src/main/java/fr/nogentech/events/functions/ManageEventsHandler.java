package fr.nogentech.events.functions;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.nogentech.events.api.ManageEventsApi;
import fr.nogentech.events.event.EventInput;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.lambda.ApiGatewayHttp;
import fr.nogentech.events.lambda.ApiHandler;
import fr.nogentech.events.store.EventStore;
import io.micronaut.context.ApplicationContextBuilder;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The administrators' event routes: {@code POST /events}, {@code PUT}, {@code PATCH} and {@code DELETE /events/{id}},
 * and {@code GET /admin/events/{id}/registrations}.
 */
public class ManageEventsHandler extends ApiHandler<ManageEventsApi>
        // named again for AWS's SnapStart rules (mvn verify): they check only the classes that name it themselves
        implements RequestStreamHandler {

    private static final String PRIMING_EVENT = "{\"title\": \"Rencontre du jeudi\", \"start\": \"2023-10-12T08:30\", "
            + "\"end\": \"2023-10-12T10:30\", \"venue\": {\"name\": \"Salle des fêtes\", \"city\": \"Nogent\"}}";

    public ManageEventsHandler() {
        super(ManageEventsApi.class);
    }

    public ManageEventsHandler(ApplicationContextBuilder context) {
        super(ManageEventsApi.class, context);
    }

    @Override
    protected List<JsonNode> primingRequests() {
        // A full replacement of an event that does not exist: the body is read and checked, the event is looked
        // up, and the answer is a 404; nothing is written.
        // And the list of the registrations of that event: a 404 too.
        return List.of(
                ApiGatewayHttp.event(
                        "PUT /events/{id}",
                        "/events/priming",
                        Map.of("id", "priming"),
                        Map.of(),
                        Map.of("content-type", "application/json"),
                        PRIMING_EVENT,
                        "priming"),
                ApiGatewayHttp.event(
                        "GET /admin/events/{id}/registrations",
                        "/admin/events/priming/registrations",
                        Map.of("id", "priming"),
                        Map.of(),
                        Map.of("accept", "text/csv"),
                        null,
                        "priming"));
    }

    @Override
    protected List<JsonNode> dryRunRequests() {
        // In priming's dry run: the creation of an event, read and checked, written (a conditional PutItem answered
        // by the dry run, not sent), answered with its JSON and ETag.
        return List.of(ApiGatewayHttp.event(
                "POST /events",
                "/events",
                Map.of(),
                Map.of(),
                Map.of("content-type", "application/json"),
                PRIMING_EVENT,
                "priming"));
    }

    @Override
    protected List<JsonNode> dryRunRequestsFinding() {
        // And a change of the example event (dryRunAnswers): read, merged, written (a conditional PutItem on its
        // version, answered by the dry run), answered with its JSON and ETag.
        return List.of(ApiGatewayHttp.event(
                "PATCH /events/{id}",
                "/events/priming",
                Map.of("id", "priming"),
                Map.of(),
                Map.of("content-type", "application/merge-patch+json"),
                "{\"venue\": {\"name\": \"Médiathèque\", \"city\": \"Nogent\"}}",
                "priming"));
    }

    @Override
    protected Map<String, String> dryRunAnswers() {
        ObjectNode example = (ObjectNode) Json.read(PRIMING_EVENT);
        example.put("id", "priming");
        return Map.of(
                "GetItem",
                EventStore.dryRunAnswer(
                        EventInput.read(example).nextRevision(1, Instant.parse("2023-10-01T00:00:00Z"), "priming")));
    }
}
