package fr.nogentech.events.functions;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.api.ListEventsApi;
import fr.nogentech.events.lambda.ApiHandler;
import io.micronaut.context.ApplicationContextBuilder;

import java.util.List;
import java.util.Map;

/** {@code GET /events}: the events in date order, a page at a time. */
public class ListEventsHandler extends ApiHandler<ListEventsApi>
        // named again for AWS's SnapStart rules (mvn verify): they check only the classes that name it themselves
        implements RequestStreamHandler {

    public ListEventsHandler() {
        super(ListEventsApi.class);
    }

    public ListEventsHandler(ApplicationContextBuilder context) {
        super(ListEventsApi.class, context);
    }

    @Override
    protected List<JsonNode> primingRequests() {
        // From a fixed past date: a full page of real events, whatever today is, and no clock read at init.
        return List.of(get(
                "GET /events", "/events", Map.of(), Map.of("from", "2023-09-01", "limit", "20"), "application/json"));
    }
}
