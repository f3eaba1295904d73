package fr.nogentech.events.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.auth.AdminAuthorizer;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.lambda.FunctionHandler;
import io.micronaut.context.ApplicationContextBuilder;

import java.util.LinkedHashMap;
import java.util.Map;

/** The Lambda authorizer of the administrators' routes: checks the bearer token, names the administrator. */
public class AuthorizeAdminHandler extends FunctionHandler<AdminAuthorizer>
        // named again for AWS's SnapStart rules (mvn verify): they check only the classes that name it themselves
        implements RequestStreamHandler {

    public AuthorizeAdminHandler() {
        super(AdminAuthorizer.class);
    }

    public AuthorizeAdminHandler(ApplicationContextBuilder context) {
        super(AdminAuthorizer.class, context);
    }

    @Override
    protected JsonNode handle(AdminAuthorizer authorizer, JsonNode event, Context lambda) {
        Map<String, String> headers = new LinkedHashMap<>();
        event.path("headers")
                .fields()
                .forEachRemaining(
                        header -> headers.put(header.getKey(), header.getValue().asText()));
        return Json.MAPPER.valueToTree(
                authorizer.authorize(headers, event.path("routeKey").asText(null)));
    }

    /** A token of the right shape that no administrator has: the whole check runs, and it refuses. */
    @Override
    protected void rehearse(AdminAuthorizer authorizer) {
        rehearseWith(Json.object()
                .put("type", "REQUEST")
                .put("routeKey", "GET /admin/subscribers")
                .set("headers", Json.object().put("authorization", "Bearer priming-0123456789abcdef0123456789")));
    }
}
