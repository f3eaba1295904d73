package fr.nogentech.events.functions;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.api.RegistrationsApi;
import fr.nogentech.events.lambda.ApiGatewayHttp;
import fr.nogentech.events.lambda.ApiHandler;
import io.micronaut.context.ApplicationContextBuilder;

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
    protected void rehearseBeyondRequests(RegistrationsApi api) {
        api.rehearse();
    }
}
