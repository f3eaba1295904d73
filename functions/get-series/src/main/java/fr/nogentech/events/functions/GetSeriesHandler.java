package fr.nogentech.events.functions;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.api.GetSeriesApi;
import fr.nogentech.events.lambda.ApiHandler;
import io.micronaut.context.ApplicationContextBuilder;

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
        return List.of(get(
                "GET /series/{id}",
                "/series/rencontres-du-jeudi",
                Map.of("id", "rencontres-du-jeudi"),
                Map.of(),
                "application/json"));
    }
}
