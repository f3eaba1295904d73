package fr.nogentech.events.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.nogentech.events.event.Event;
import fr.nogentech.events.event.EventJson;
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
import fr.nogentech.events.query.EventQueryParser;
import fr.nogentech.events.series.Series;
import fr.nogentech.events.series.SeriesCatalog;
import fr.nogentech.events.store.EventStore;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /series/{id}}: a series, its rule, and its next occurrences: each either the published event or a date
 * the rule gives whose programme is still to come, so that the website can always show the next breakfast. A
 * published event off the rule's dates (a moved breakfast) is an occurrence too.
 */
public class GetSeriesApi implements HttpApi {

    static final int DEFAULT_COUNT = 6;
    static final int MAX_COUNT = 24;

    private final EventStore store;
    private final Clock clock;

    public GetSeriesApi(EventStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        ContentNegotiation.choose(request.header("Accept"), List.of("application/json"));
        String id = EventQueryParser.seriesName("id", request.pathParameters().get("id"));
        Series series = SeriesCatalog.find(id)
                .orElseThrow(() -> Problem.of(
                                ProblemType.NOT_FOUND,
                                "No series is named " + EchoText.of(id) + "; the series is rencontres-du-jeudi.")
                        .toException());
        int count = count(request.query().get("count"));
        return Caching.conditional(request, HttpResponses.json(200, document(series, count)), Caching.PUBLIC, false);
    }

    private ObjectNode document(Series series, int count) {
        LocalDate today = LocalDate.now(clock.withZone(series.timeZone()));
        ZonedDateTime startOfToday = today.atStartOfDay(series.timeZone());
        List<Event> published = store.list(startOfToday.toInstant(), null, series.id(), null, count + 10)
                .events();

        record Occurrence(LocalDate date, ZonedDateTime start, ZonedDateTime end, Event event) {}
        List<Occurrence> occurrences = new ArrayList<>();
        for (LocalDate date : series.datesFrom(today, count)) {
            if (published.stream()
                    .noneMatch(event -> event.start().toLocalDate().equals(date))) {
                occurrences.add(new Occurrence(
                        date,
                        date.atTime(series.start()).atZone(series.timeZone()),
                        date.atTime(series.end()).atZone(series.timeZone()),
                        null));
            }
        }
        for (Event event : published) {
            occurrences.add(new Occurrence(event.start().toLocalDate(), event.start(), event.end(), event));
        }
        occurrences.sort(Comparator.comparing(o -> o.start().toInstant()));

        ObjectNode json = Json.object();
        json.put("id", series.id());
        json.put("name", series.name());
        json.put("description", series.description());
        ObjectNode rule = json.putObject("rule");
        rule.put("ordinal", series.ordinal());
        rule.put("dayOfWeek", series.day().name().toLowerCase(Locale.ROOT));
        rule.put("start", series.start().toString());
        rule.put("end", series.end().toString());
        rule.put("timeZone", series.timeZone().getId());
        rule.put("text", series.ruleInFrench());
        ArrayNode next = json.putArray("next");
        for (Occurrence occurrence : occurrences.subList(0, Math.min(count, occurrences.size()))) {
            ObjectNode item = next.addObject();
            item.put("date", occurrence.date().toString());
            item.put("start", EventJson.OFFSET_DATE_TIME.format(occurrence.start()));
            item.put("end", EventJson.OFFSET_DATE_TIME.format(occurrence.end()));
            item.put("programme", occurrence.event() == null ? "to-be-announced" : "published");
            if (occurrence.event() == null) {
                item.putNull("event");
            } else {
                item.set("event", EventJson.write(occurrence.event()));
            }
        }
        return json;
    }

    private static int count(String raw) {
        if (raw == null) {
            return DEFAULT_COUNT;
        }
        try {
            int count = Integer.parseInt(raw.trim());
            if (count >= 1 && count <= MAX_COUNT) {
                return count;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw Problem.invalidParameter(
                        "count", "`count` must be a whole number from 1 to " + MAX_COUNT + "; got " + EchoText.of(raw))
                .toException();
    }
}
