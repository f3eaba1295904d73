package fr.nogentech.events.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import fr.nogentech.events.event.Event;
import fr.nogentech.events.event.EventInput;
import fr.nogentech.events.event.EventJson;
import fr.nogentech.events.event.EventTag;
import fr.nogentech.events.http.HttpResponses;
import fr.nogentech.events.problem.Problem;
import fr.nogentech.events.problem.ProblemType;
import fr.nogentech.events.store.EventStore;

import java.util.Map;

/** {@code GET /events/{id}}: one event, or a 404 problem. */
public class GetEventApi {

    private final EventStore store;

    public GetEventApi(EventStore store) {
        this.store = store;
    }

    public APIGatewayV2HTTPResponse get(String id) {
        return HttpResponses.handle(() -> {
            // An id that cannot exist is not worth a round trip to the table.
            boolean wellFormed = id != null && id.length() <= 100 && EventInput.ID.matcher(id).matches();
            Event event = wellFormed ? store.find(id).orElse(null) : null;
            if (event == null) {
                throw Problem.of(ProblemType.NOT_FOUND, "No event has the id \"" + shortId(id)
                        + "\"; GET /events lists the events and their ids.").toException();
            }
            return HttpResponses.json(200, EventJson.write(event), Map.of("ETag", EventTag.of(event)));
        });
    }

    private static String shortId(String id) {
        if (id == null) {
            return "";
        }
        String cleaned = id.replaceAll("[^A-Za-z0-9._-]", "?");
        return cleaned.length() > 40 ? cleaned.substring(0, 40) + "…" : cleaned;
    }
}
