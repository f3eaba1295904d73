package fr.nogentech.events.functions;

import biweekly.Biweekly;
import biweekly.ICalendar;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import fr.nogentech.events.local.LocalAws;
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
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        assertEquals("Nogentech – Les rencontres du jeudi",
                calendar.getExperimentalProperty("X-WR-CALNAME").getValue());
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
