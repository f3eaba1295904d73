package fr.nogentech.events.api;

import fr.nogentech.events.event.Event;
import fr.nogentech.events.event.EventJson;
import fr.nogentech.events.event.EventKey;
import fr.nogentech.events.event.EventPage;
import fr.nogentech.events.http.Caching;
import fr.nogentech.events.http.ContentNegotiation;
import fr.nogentech.events.http.HttpApi;
import fr.nogentech.events.http.HttpRequest;
import fr.nogentech.events.http.HttpResponse;
import fr.nogentech.events.http.HttpResponses;
import fr.nogentech.events.query.EventQuery;
import fr.nogentech.events.query.EventQueryParser;
import fr.nogentech.events.store.EventStore;
import fr.nogentech.events.store.RegistrationStore;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/** {@code GET /events}: events in date order, a page at a time. */
public class ListEventsApi implements HttpApi {

    private final EventStore store;
    private final RegistrationStore registrations;
    private final EventQueryParser queries;
    private final Clock clock;

    public ListEventsApi(EventStore store, RegistrationStore registrations, EventQueryParser queries, Clock clock) {
        this.store = store;
        this.registrations = registrations;
        this.queries = queries;
        this.clock = clock;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        ContentNegotiation.choose(request.header("Accept"), List.of("application/json"));
        EventQuery query = queries.parse(request.query(), clock.instant());
        EventStore.Slice slice = store.list(query.from(), query.to(), query.series(), query.after(), query.limit());
        List<Event> events = slice.events();
        String next = slice.more() ? queries.nextCursor(query, EventKey.of(events.get(events.size() - 1))) : null;
        // One batch read of the seats of the page's events that take registrations, none when no event does.
        List<String> registered = events.stream()
                .filter(event -> event.registration() != null)
                .map(Event::id)
                .toList();
        Map<String, Integer> seatsTaken = registered.isEmpty() ? Map.of() : registrations.seatsTaken(registered);
        return Caching.conditional(
                request,
                HttpResponses.json(200, EventJson.page(new EventPage(events, next), seatsTaken, clock.instant())),
                Caching.PUBLIC,
                false);
    }
}
