package fr.nogentech.events.functions;

import biweekly.Biweekly;
import biweekly.ICalendar;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import fr.nogentech.events.local.LocalAws;
import fr.nogentech.events.local.OtherSeries;
import fr.nogentech.events.local.ProjectRoot;
import fr.nogentech.events.local.SampleEvents;
import fr.nogentech.events.local.TestStack;
import fr.nogentech.events.seed.Seeds;
import fr.nogentech.events.store.EventStore;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The calendar function as Lambda runs it, replaying the payloads of events/ against moto. */
class GetCalendarHandlerTest {

    private static GetCalendarHandler handler;

    @BeforeAll
    static void seededTableAndHandler() {
        LocalAws moto = TestStack.moto();
        String table = TestStack.newEventsTable(moto, "calendar-handler");
        try (var dynamoDb = moto.dynamoDb()) {
            Seeds.load(new EventStore(dynamoDb, table, Clock.systemUTC()),
                    Seeds.read(ProjectRoot.find().resolve("seeds")));
            // Every seed is a rencontre: an event of another series tells a series filter from none.
            Seeds.load(new EventStore(dynamoDb, table, Clock.systemUTC()), Seeds.read(OtherSeries.folder()));
        }
        handler = new GetCalendarHandler(new LambdaApplicationContextBuilder().properties(Map.of(
                "events.table", table, "event.page.url", "https://www.nogentech.fr/evenements/{id}")));
    }

    @AfterAll
    static void close() {
        handler.close();
    }

    @Test
    void servesTheSeriesFeed() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(SampleEvents.httpEvent("calendar-feed.json"), null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("text/calendar; charset=utf-8", response.getHeaders().get("Content-Type"));
        ICalendar calendar = Biweekly.parse(response.getBody()).first();
        assertEquals(6, calendar.getEvents().size());
        assertFalse(uids(calendar).contains(OtherSeries.EVENT_ID), "the other series' event is filtered out");
        assertEquals("Nogentech – Les rencontres du jeudi",
                calendar.getExperimentalProperty("X-WR-CALNAME").getValue());

        APIGatewayV2HTTPEvent everySeries = SampleEvents.httpEvent("calendar-feed.json");
        everySeries.setRawQueryString("");
        everySeries.setQueryStringParameters(null);
        ICalendar all = Biweekly.parse(handler.handleRequest(everySeries, null).getBody()).first();
        assertEquals(7, all.getEvents().size());
        assertTrue(uids(all).contains(OtherSeries.EVENT_ID), "without the filter, every series");
    }

    /** The events' ids, from their UIDs ({@code id@domain}). */
    private static List<String> uids(ICalendar calendar) {
        return calendar.getEvents().stream().map(event -> event.getUid().getValue().replaceFirst("@.*", ""))
                .toList();
    }

    @Test
    void servesOneEventToAddToACalendar() {
        APIGatewayV2HTTPResponse response =
                handler.handleRequest(SampleEvents.httpEvent("event-calendar.json"), null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertTrue(response.getHeaders().get("Content-Disposition").contains(
                "2023-10-12-reseaux-sociaux-dans-l-industrie.ics"));
        assertEquals("\"v1.ics\"", response.getHeaders().get("ETag"));
        ICalendar calendar = Biweekly.parse(response.getBody()).first();
        assertEquals("https://www.nogentech.fr/evenements/2023-10-12-reseaux-sociaux-dans-l-industrie",
                calendar.getEvents().get(0).getUrl().getValue());
    }
}
