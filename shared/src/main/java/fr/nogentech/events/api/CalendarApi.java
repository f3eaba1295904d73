package fr.nogentech.events.api;

import fr.nogentech.events.calendar.EventCalendar;
import fr.nogentech.events.event.Event;
import fr.nogentech.events.event.EventInput;
import fr.nogentech.events.event.EventTag;
import fr.nogentech.events.http.Caching;
import fr.nogentech.events.http.ContentNegotiation;
import fr.nogentech.events.http.HttpApi;
import fr.nogentech.events.http.HttpRequest;
import fr.nogentech.events.http.HttpResponse;
import fr.nogentech.events.http.HttpResponses;
import fr.nogentech.events.problem.EchoText;
import fr.nogentech.events.problem.Problem;
import fr.nogentech.events.problem.ProblemType;
import fr.nogentech.events.query.EventQueryParser;
import fr.nogentech.events.series.SeriesCatalog;
import fr.nogentech.events.store.EventStore;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /calendar.ics} (optionally {@code ?series=}): the events as a calendar people subscribe to, past ones
 * included, so that a calendar keeps its history; and {@code GET /events/{id}/calendar.ics}: one event, for an "add to
 * my calendar" button.
 */
public class CalendarApi implements HttpApi {

    static final String CALENDAR = "text/calendar";
    /** At most this many events in a feed; far above what the association publishes. */
    static final int FEED_LIMIT = 1000;
    /** Every stored event: their years start at 1900. */
    private static final Instant FEED_FROM = LocalDate.of(EventInput.FIRST_YEAR, 1, 1)
            .atStartOfDay(ZoneOffset.UTC)
            .minusDays(1)
            .toInstant();

    private final EventStore store;
    private final EventCalendar calendar;

    public CalendarApi(EventStore store, EventCalendar calendar) {
        this.store = store;
        this.calendar = calendar;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        return request.pathParameters().containsKey("id") ? event(request) : feed(request);
    }

    private HttpResponse feed(HttpRequest request) {
        ContentNegotiation.choose(request.header("Accept"), List.of(CALENDAR));
        String series = request.query().containsKey("series")
                ? EventQueryParser.seriesName("series", request.query().get("series"))
                : null;
        List<Event> events = store.listAll(FEED_FROM, null, series, FEED_LIMIT);
        if (series != null && events.isEmpty() && SeriesCatalog.find(series).isEmpty()) {
            throw Problem.of(
                            ProblemType.NOT_FOUND,
                            "No series is named " + EchoText.of(series)
                                    + "; GET /series/rencontres-du-jeudi describes the association's series.")
                    .toException();
        }
        String name = series == null
                ? "Nogentech – événements"
                : SeriesCatalog.find(series).map(s -> "Nogentech – " + s.name()).orElse("Nogentech – " + series);
        return Caching.conditional(
                request,
                ics(calendar.feed(events, name), Map.of("Content-Disposition", "inline; filename=\"nogentech.ics\"")),
                Caching.PUBLIC,
                false);
    }

    private HttpResponse event(HttpRequest request) {
        ContentNegotiation.choose(request.header("Accept"), List.of(CALENDAR));
        Event event = GetEventApi.find(store, request.pathParameters().get("id"));
        return Caching.conditional(
                request,
                ics(
                        calendar.single(event),
                        Map.of(
                                "ETag",
                                EventTag.of(event, "ics"),
                                "Content-Disposition",
                                "attachment; filename=\"" + event.id() + ".ics\"")),
                Caching.PUBLIC,
                false);
    }

    private static HttpResponse ics(String body, Map<String, String> headers) {
        return HttpResponses.text(200, CALENDAR + "; charset=utf-8", body, headers);
    }
}
