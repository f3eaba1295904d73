package fr.nogentech.events.functions;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.api.ManageMailingsApi;
import fr.nogentech.events.lambda.ApiGatewayHttp;
import fr.nogentech.events.lambda.ApiHandler;
import io.micronaut.context.ApplicationContextBuilder;

import java.util.List;
import java.util.Map;

/** The administrators' mailing and subscriber routes ({@code /admin/mailings/...}, {@code /admin/subscribers}). */
public class ManageMailingsHandler extends ApiHandler<ManageMailingsApi>
        // named again for AWS's SnapStart rules (mvn verify): they check only the classes that name it themselves
        implements RequestStreamHandler {

    public ManageMailingsHandler() {
        super(ManageMailingsApi.class);
    }

    public ManageMailingsHandler(ApplicationContextBuilder context) {
        super(ManageMailingsApi.class, context);
    }

    @Override
    protected List<JsonNode> primingRequests() {
        // A month's status and preview, read-only. The month is fixed: nothing read from the clock at init.
        return List.of(
                admin("GET /admin/mailings/{month}", "/admin/mailings/2023-10"),
                admin("GET /admin/mailings/{month}/preview", "/admin/mailings/2023-10/preview"));
    }

    private static JsonNode admin(String routeKey, String path) {
        return ApiGatewayHttp.event(
                routeKey, path, Map.of("month", "2023-10"), Map.of(), Map.of("accept", "*/*"), null, "priming");
    }
}
