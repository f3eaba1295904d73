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

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The administrators' event routes: {@code POST /events}, {@code PUT}, {@code PATCH} and {@code DELETE /events/{id}},
 * and {@code GET /admin/events/{id}/registrations}.
 */
public class ManageEventsHandler extends ApiHandler<ManageEventsApi>
        // named again for AWS's SnapStart rules (mvn verify): they check only the classes that name it themselves
        implements RequestStreamHandler {

    /**
     * Priming's example event, shaped as the stored events are (a series, speakers with their organization and
     * role, a zone, a status), so that the store's mapping and the event's JSON take the branches a real event
     * takes.
     */
    private static final String PRIMING_EVENT = "{\"title\": \"Rencontre du jeudi\", \"series\": "
            + "\"rencontres-du-jeudi\", \"start\": \"2023-10-12T08:30\", \"end\": \"2023-10-12T10:30\", "
            + "\"timeZone\": \"Europe/Paris\", \"venue\": {\"name\": \"Salle des fêtes\", \"city\": \"Nogent\"}, "
            + "\"speakers\": [{\"name\": \"Priming\", \"organization\": \"Nogentech\", \"role\": \"speaker\"}, "
            + "{\"name\": \"Amorçage\", \"organization\": \"Nogentech\", \"role\": \"testimony\"}], "
            + "\"status\": \"scheduled\"}";

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
        // version, answered by the dry run), answered with its JSON and ETag. Twice: as a client declaring a merge
        // patch sends it, and as curl sends it (the administrators' documented way, and the bench's request):
        // `-d` declares the form encoding, and API Gateway passes such a body base64-encoded, with Accept.
        String patch = "{\"venue\": {\"name\": \"Médiathèque\", \"city\": \"Nogent\"}}";
        ObjectNode asCurlSendsIt = ApiGatewayHttp.event(
                "PATCH /events/{id}",
                "/events/priming",
                Map.of("id", "priming"),
                Map.of(),
                Map.of(
                        "accept",
                        "application/json",
                        "content-type",
                        "application/x-www-form-urlencoded",
                        "user-agent",
                        "curl/8.5.0"),
                Base64.getEncoder().encodeToString(patch.getBytes(StandardCharsets.UTF_8)),
                "priming");
        asCurlSendsIt.put("isBase64Encoded", true);
        return List.of(
                ApiGatewayHttp.event(
                        "PATCH /events/{id}",
                        "/events/priming",
                        Map.of("id", "priming"),
                        Map.of(),
                        Map.of("content-type", "application/merge-patch+json"),
                        patch,
                        "priming"),
                asCurlSendsIt);
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
