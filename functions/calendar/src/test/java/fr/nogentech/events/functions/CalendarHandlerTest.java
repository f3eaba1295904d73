package fr.nogentech.events.functions;

import biweekly.Biweekly;
import biweekly.ICalendar;
import fr.nogentech.events.config.ConfigKeys;
import fr.nogentech.events.http.HttpResponse;
import fr.nogentech.events.local.SampleEvents;
import fr.nogentech.events.local.SeededTables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The calendar function as Lambda runs it, replaying the payloads of events/ against moto. */
class CalendarHandlerTest {

    private static CalendarHandler handler;

    @BeforeAll
    static void seededTableAndHandler() {
        String table = SeededTables.newSeededEventsTable("calendar-handler");
        handler = new CalendarHandler(Map.of(
                ConfigKeys.EVENTS_TABLE, table, ConfigKeys.EVENT_PAGE_URL, "https://www.nogentech.fr/evenements/{id}"));
    }

    @AfterAll
    static void close() {
        handler.close();
    }

    @Test
    void servesTheSeriesFeed() {
        HttpResponse response = handler.serve(SampleEvents.event("calendar-feed.json"));
        assertEquals(200, response.status(), response.body());
        assertEquals("text/calendar; charset=utf-8", response.header("Content-Type"));
        ICalendar calendar = Biweekly.parse(response.body()).first();
        assertEquals(6, calendar.getEvents().size());
        assertEquals("Nogentech – Les rencontres du jeudi",
                calendar.getExperimentalProperty("X-WR-CALNAME").getValue());
    }

    @Test
    void servesOneEventToAddToACalendar() {
        HttpResponse response =
                handler.serve(SampleEvents.event("event-calendar.json"));
        assertEquals(200, response.status(), response.body());
        assertTrue(response.header("Content-Disposition").contains(
                "2023-10-12-reseaux-sociaux-dans-l-industrie.ics"));
        assertEquals("\"v1.ics\"", response.header("ETag"));
        ICalendar calendar = Biweekly.parse(response.body()).first();
        assertEquals("https://www.nogentech.fr/evenements/2023-10-12-reseaux-sociaux-dans-l-industrie",
                calendar.getEvents().get(0).getUrl().getValue());
    }
}
