package fr.nogentech.events.functions;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.api.CalendarApi;
import fr.nogentech.events.lambda.ApiHandler;
import io.micronaut.context.ApplicationContextBuilder;

import java.util.List;
import java.util.Map;

/** {@code GET /calendar.ics} and {@code GET /events/{id}/calendar.ics}: the events as iCalendar. */
public class CalendarHandler extends ApiHandler<CalendarApi>
        // named again for AWS's SnapStart rules (mvn verify): they check only the classes that name it themselves
        implements RequestStreamHandler {

    public CalendarHandler() {
        super(CalendarApi.class);
    }

    public CalendarHandler(ApplicationContextBuilder context) {
        super(CalendarApi.class, context);
    }

    @Override
    protected List<JsonNode> primingRequests() {
        return List.of(
                get("GET /calendar.ics", "/calendar.ics", Map.of(), Map.of(), "text/calendar"),
                get(
                        "GET /events/{id}/calendar.ics",
                        "/events/priming/calendar.ics",
                        Map.of("id", "priming"),
                        Map.of(),
                        "text/calendar"));
    }
}
