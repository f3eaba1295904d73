package fr.nogentech.events.functions;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.api.GetEventApi;
import fr.nogentech.events.lambda.ApiHandler;
import io.micronaut.context.ApplicationContextBuilder;

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
}
