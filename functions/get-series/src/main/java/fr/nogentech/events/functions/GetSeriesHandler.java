package fr.nogentech.events.functions;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.api.GetSeriesApi;
import fr.nogentech.events.event.EventInput;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.lambda.ApiHandler;
import fr.nogentech.events.store.EventStore;
import io.micronaut.context.ApplicationContextBuilder;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code GET /series/{id}}: a series and its next occurrences. */
public class GetSeriesHandler extends ApiHandler<GetSeriesApi>
        // named again for AWS's SnapStart rules (mvn verify): they check only the classes that name it themselves
        implements RequestStreamHandler {

    public GetSeriesHandler() {
        super(GetSeriesApi.class);
    }

    public GetSeriesHandler(ApplicationContextBuilder context) {
        super(GetSeriesApi.class, context);
    }

    @Override
    protected List<JsonNode> primingRequests() {
        return List.of(series());
    }

    /**
     * The same request in priming's dry run, where the series' Query finds an example event of the series
     * (dryRunAnswers): the published occurrence's mapping and its event's JSON, which the store's series, whose
     * events are past on priming's day, does not reach.
     */
    @Override
    protected List<JsonNode> dryRunRequestsFinding() {
        return List.of(series());
    }

    @Override
    protected Map<String, String> dryRunAnswers() {
        return Map.of(
                "Query",
                EventStore.dryRunPage(EventInput.read(Json.read("{\"id\": \"priming\", \"title\": \"Rencontre du "
                                + "jeudi\", \"series\": \"rencontres-du-jeudi\", \"start\": \"2023-10-12T08:30\", "
                                + "\"end\": \"2023-10-12T10:30\", \"timeZone\": \"Europe/Paris\", \"venue\": "
                                + "{\"name\": \"Salle des fêtes\", \"city\": \"Nogent\"}, \"speakers\": [{\"name\": "
                                + "\"Priming\", \"organization\": \"Nogentech\", \"role\": \"speaker\"}], "
                                + "\"status\": \"scheduled\"}"))
                        .nextRevision(1, Instant.parse("2023-10-01T00:00:00Z"), "priming")));
    }

    private static JsonNode series() {
        return get(
                "GET /series/{id}",
                "/series/rencontres-du-jeudi",
                Map.of("id", "rencontres-du-jeudi"),
                Map.of(),
                "application/json");
    }
}
