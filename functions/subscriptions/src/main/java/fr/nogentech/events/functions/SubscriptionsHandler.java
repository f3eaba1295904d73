package fr.nogentech.events.functions;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.api.SubscriptionsApi;
import fr.nogentech.events.lambda.ApiGatewayHttp;
import fr.nogentech.events.lambda.ApiHandler;
import io.micronaut.context.ApplicationContextBuilder;

import java.util.List;
import java.util.Map;

/** The public subscription routes: subscribe, confirm, unsubscribe. */
public class SubscriptionsHandler extends ApiHandler<SubscriptionsApi>
        // named again for AWS's SnapStart rules (mvn verify): they check only the classes that name it themselves
        implements RequestStreamHandler {

    public SubscriptionsHandler() {
        super(SubscriptionsApi.class);
    }

    public SubscriptionsHandler(ApplicationContextBuilder context) {
        super(SubscriptionsApi.class, context);
    }

    @Override
    protected List<JsonNode> primingRequests() {
        // A refused subscription (nothing is queued) and a page of an invalid link: both render, nothing is written.
        return List.of(
                ApiGatewayHttp.event(
                        "POST /subscriptions",
                        "/subscriptions",
                        Map.of(),
                        Map.of(),
                        Map.of("content-type", "application/json"),
                        "{\"email\": \"priming\"}",
                        null),
                get(
                        "GET /subscriptions/confirm",
                        "/subscriptions/confirm",
                        Map.of(),
                        Map.of("token", "priming"),
                        "text/html"));
    }

    @Override
    protected List<JsonNode> dryRunRequests() {
        // A subscription as a visitor sends it, in priming's dry run: its request queued (SendMessage, not sent).
        return List.of(ApiGatewayHttp.event(
                "POST /subscriptions",
                "/subscriptions",
                Map.of(),
                Map.of(),
                Map.of("content-type", "application/json"),
                "{\"email\": \"priming@example.org\"}",
                null));
    }

    @Override
    protected void rehearseBeyondRequests(SubscriptionsApi api) {
        api.rehearse();
    }
}
