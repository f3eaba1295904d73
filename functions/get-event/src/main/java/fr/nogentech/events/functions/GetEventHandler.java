package fr.nogentech.events.functions;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.api.GetEventApi;
import fr.nogentech.events.event.EventInput;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.lambda.ApiHandler;
import fr.nogentech.events.store.EventStore;
import io.micronaut.context.ApplicationContextBuilder;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code GET /events/{id}}: one event, as JSON or JSON-LD. */
public class GetEventHandler extends ApiHandler<GetEventApi>
        // named again for AWS's SnapStart rules (mvn verify): they check only the classes that name it themselves
        implements RequestStreamHandler {

    public GetEventHandler() {
        super(GetEventApi.class);
    }

    public GetEventHandler(ApplicationContextBuilder context) {
        super(GetEventApi.class, context);
    }

    @Override
    protected List<JsonNode> primingRequests() {
        // An id no event has: the same read and the same answer path as any, without depending on the data.
        return List.of(
                get("GET /events/{id}", "/events/priming", Map.of("id", "priming"), Map.of(), "application/json"));
    }

    @Override
    protected List<JsonNode> dryRunRequestsFinding() {
        // In priming's dry run, where the read finds the example event (dryRunAnswers): the found event's mapping and
        // its answers (JSON with its ETag, and JSON-LD), which an unknown id does not reach.
        return List.of(
                get("GET /events/{id}", "/events/priming", Map.of("id", "priming"), Map.of(), "application/json"),
                get("GET /events/{id}", "/events/priming", Map.of("id", "priming"), Map.of(), "application/ld+json"));
    }

    @Override
    protected Map<String, String> dryRunAnswers() {
        return Map.of(
                "GetItem",
                EventStore.dryRunAnswer(EventInput.read(Json.read("{\"id\": \"priming\", \"title\": \"Rencontre du "
                                + "jeudi\", \"start\": \"2023-10-12T08:30\", \"end\": \"2023-10-12T10:30\", \"venue\": "
                                + "{\"name\": \"Salle des fêtes\", \"city\": \"Nogent\"}}"))
                        .nextRevision(1, Instant.parse("2023-10-01T00:00:00Z"), "priming")));
    }
}
