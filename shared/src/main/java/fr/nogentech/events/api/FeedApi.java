package fr.nogentech.events.api;

import fr.nogentech.events.event.Event;
import fr.nogentech.events.feed.AtomFeed;
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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /feed.atom} (optionally {@code ?series=}): the events for feed readers, as Atom. The window: every event
 * starting from {@link #RECENT} ago (so a rencontre stays in the feed for a season's quarter after it happened), the
 * upcoming ones included, at most {@link #MAX_ENTRIES} of them, newest change first.
 */
public class FeedApi implements HttpApi {

    /** How far back the feed goes: events that started within this period before now. */
    public static final Duration RECENT = Duration.ofDays(90);
    /** At most this many entries (the earliest-starting ones of the window); far above what the association holds. */
    public static final int MAX_ENTRIES = 200;

    private final EventStore store;
    private final AtomFeed atom;
    private final Clock clock;

    public FeedApi(EventStore store, AtomFeed atom, Clock clock) {
        this.store = store;
        this.atom = atom;
        this.clock = clock;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        ContentNegotiation.choose(request.header("Accept"), List.of(AtomFeed.MEDIA_TYPE));
        String series = request.query().containsKey("series")
                ? EventQueryParser.seriesName("series", request.query().get("series"))
                : null;
        // From the start of a day: the window moves once a day, not at every request, so caches keep their copy.
        Instant from = clock.instant().minus(RECENT).truncatedTo(ChronoUnit.DAYS);
        List<Event> events = store.listAll(from, null, series, MAX_ENTRIES);
        if (series != null && events.isEmpty() && SeriesCatalog.find(series).isEmpty()) {
            throw Problem.of(
                            ProblemType.NOT_FOUND,
                            "No series is named " + EchoText.of(series)
                                    + "; GET /series/rencontres-du-jeudi describes the association's series.")
                    .toException();
        }
        String body = atom.write(events, new AtomFeed.Channel(series), from);
        return Caching.conditional(
                request,
                HttpResponses.text(200, AtomFeed.MEDIA_TYPE + "; charset=utf-8", body, Map.of()),
                Caching.PUBLIC,
                false);
    }
}
