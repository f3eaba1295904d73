package fr.nogentech.events.functions;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.api.FeedApi;
import fr.nogentech.events.lambda.ApiHandler;
import io.micronaut.context.ApplicationContextBuilder;

import java.util.List;
import java.util.Map;

/** {@code GET /feed.atom}: the upcoming and recent events as an Atom feed. */
public class FeedHandler extends ApiHandler<FeedApi>
        // named again for AWS's SnapStart rules (mvn verify): they check only the classes that name it themselves
        implements RequestStreamHandler {

    public FeedHandler() {
        super(FeedApi.class);
    }

    public FeedHandler(ApplicationContextBuilder context) {
        super(FeedApi.class, context);
    }

    @Override
    protected List<JsonNode> primingRequests() {
        return List.of(
                get("GET /feed.atom", "/feed.atom", Map.of(), Map.of(), "application/atom+xml"),
                get(
                        "GET /feed.atom",
                        "/feed.atom",
                        Map.of(),
                        Map.of("series", "rencontres-du-jeudi"),
                        "application/atom+xml"));
    }
}
