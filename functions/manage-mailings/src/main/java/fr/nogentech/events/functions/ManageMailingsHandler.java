package fr.nogentech.events.functions;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.api.ManageMailingsApi;
import fr.nogentech.events.event.EventInput;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.lambda.ApiGatewayHttp;
import fr.nogentech.events.lambda.ApiHandler;
import fr.nogentech.events.store.EventStore;
import fr.nogentech.events.store.MailingStore;
import io.micronaut.context.ApplicationContextBuilder;

import java.time.Instant;
import java.time.YearMonth;
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

    @Override
    protected List<JsonNode> dryRunRequestsFinding() {
        // In priming's dry run, where the month's mailing and events are found (dryRunAnswers): the status of a
        // mailing under way (the item's mapping, its JSON) and the preview of the month's example event, which the
        // store's month, with no mailing, does not reach; then the administrators' send: the mailer invoked (Lambda
        // Invoke, answered by the dry run, not sent). The month is past, hence force.
        return List.of(
                admin("GET /admin/mailings/{month}", "/admin/mailings/2023-10"),
                admin("GET /admin/mailings/{month}/preview", "/admin/mailings/2023-10/preview"),
                ApiGatewayHttp.event(
                        "POST /admin/mailings/{month}/send",
                        "/admin/mailings/2023-10/send",
                        Map.of("month", "2023-10"),
                        Map.of("force", "true"),
                        Map.of("accept", "*/*"),
                        null,
                        "priming"));
    }

    /**
     * The month's mailing, under way (not finished, so that the send goes on), and its events, in the dry run: the
     * example event.
     */
    @Override
    protected Map<String, String> dryRunAnswers() {
        return Map.of(
                "GetItem",
                MailingStore.dryRunAnswer(YearMonth.of(2023, 10), Instant.parse("2023-10-01T07:00:00Z"), null),
                "Query",
                EventStore.dryRunPage(EventInput.read(Json.read("{\"id\": \"priming\", \"title\": \"Rencontre du "
                                + "jeudi\", \"start\": \"2023-10-12T08:30\", \"end\": \"2023-10-12T10:30\", \"venue\": "
                                + "{\"name\": \"Salle des fêtes\", \"city\": \"Nogent\"}}"))
                        .nextRevision(1, Instant.parse("2023-10-01T00:00:00Z"), "priming")));
    }

    private static JsonNode admin(String routeKey, String path) {
        return ApiGatewayHttp.event(
                routeKey, path, Map.of("month", "2023-10"), Map.of(), Map.of("accept", "*/*"), null, "priming");
    }
}
