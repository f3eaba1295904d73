package fr.nogentech.events.api;

import fr.nogentech.events.event.Event;
import fr.nogentech.events.event.EventInput;
import fr.nogentech.events.event.EventJson;
import fr.nogentech.events.event.EventJsonLd;
import fr.nogentech.events.event.EventPages;
import fr.nogentech.events.event.EventTag;
import fr.nogentech.events.http.Caching;
import fr.nogentech.events.http.ContentNegotiation;
import fr.nogentech.events.http.HttpApi;
import fr.nogentech.events.http.HttpRequest;
import fr.nogentech.events.http.HttpResponse;
import fr.nogentech.events.http.HttpResponses;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.problem.EchoText;
import fr.nogentech.events.problem.Problem;
import fr.nogentech.events.problem.ProblemType;
import fr.nogentech.events.store.EventStore;
import fr.nogentech.events.store.RegistrationStore;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /events/{id}}: one event as JSON, or as a schema.org {@code Event} in JSON-LD when
 * {@code Accept: application/ld+json} asks for it; or a 404 problem.
 */
public class GetEventApi implements HttpApi {

    static final String JSON = "application/json";
    static final String JSON_LD = "application/ld+json";

    private final EventStore store;
    private final RegistrationStore registrations;
    private final EventPages pages;
    private final Clock clock;

    public GetEventApi(EventStore store, RegistrationStore registrations, EventPages pages, Clock clock) {
        this.store = store;
        this.registrations = registrations;
        this.pages = pages;
        this.clock = clock;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        String type = ContentNegotiation.choose(request.header("Accept"), List.of(JSON, JSON_LD));
        Event event = find(store, request.pathParameters().get("id"));
        HttpResponse response = type.equals(JSON_LD)
                ? HttpResponses.text(
                        200,
                        JSON_LD + "; charset=utf-8",
                        Json.writeForHtml(EventJsonLd.write(event, pages)),
                        Map.of("ETag", EventTag.of(event, "ld")))
                : json(event);
        return Caching.conditional(request, response, Caching.PUBLIC, true);
    }

    /** The event as JSON; one that takes registrations has its seats read, and its ETag names them too. */
    private HttpResponse json(Event event) {
        if (event.registration() == null) {
            return HttpResponses.json(200, EventJson.write(event), Map.of("ETag", EventTag.of(event)));
        }
        int taken = registrations.seatsTaken(event.id());
        return HttpResponses.json(
                200, EventJson.write(event, taken, clock.instant()), Map.of("ETag", EventTag.of(event, "s" + taken)));
    }

    /** The event of a path's {@code id}, or the 404 problem that says there is none. */
    static Event find(EventStore store, String id) {
        // An id that cannot exist is not worth a round trip to the table.
        boolean wellFormed =
                id != null && id.length() <= 100 && EventInput.ID.matcher(id).matches();
        return (wellFormed ? store.find(id) : Optional.<Event>empty())
                .orElseThrow(() -> Problem.of(
                                ProblemType.NOT_FOUND,
                                "No event has the id " + EchoText.of(id)
                                        + "; GET /events lists the events and their ids.")
                        .toException());
    }
}
