package fr.nogentech.events.functions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.nogentech.events.config.ConfigKeys;
import fr.nogentech.events.http.HttpResponse;
import fr.nogentech.events.lambda.FunctionHandler;
import fr.nogentech.events.local.OtherSeries;
import fr.nogentech.events.local.SampleEvents;
import fr.nogentech.events.local.SeededTables;
import fr.nogentech.events.local.Seeds;
import fr.nogentech.events.local.TestStack;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The calendar function as Lambda runs it, replaying the payloads of events/ against moto. */
class CalendarHandlerTest {

    private static CalendarHandler handler;

    @BeforeAll
    static void seededTableAndHandler() {
        String table = SeededTables.newSeededEventsTable("calendar-handler");
        // Every seed is a rencontre: an event of another series tells a series filter from none.
        try (var dynamoDb = TestStack.moto().dynamoDb()) {
            Seeds.load(dynamoDb, table, OtherSeries.folder());
        }
        handler = new CalendarHandler(FunctionHandler.configured(Map.of(
                ConfigKeys.EVENTS_TABLE,
                table,
                ConfigKeys.EVENT_PAGE_URL,
                "https://www.nogentech.fr/evenements/{id}")));
    }

    @AfterAll
    static void close() {
        handler.close();
    }

    @Test
    void servesTheSeriesFeed() throws Exception {
        HttpResponse response = handler.serve(SampleEvents.event("calendar-feed.json"));
        assertEquals(200, response.status(), response.body());
        assertEquals("text/calendar; charset=utf-8", response.header("Content-Type"));
        Calendar calendar = new CalendarBuilder().build(new StringReader(response.body()));
        assertEquals(6, calendar.getComponents(Component.VEVENT).size());
        assertFalse(uids(calendar).contains(OtherSeries.EVENT_ID), "the other series' event is filtered out");
        assertEquals(
                "Nogentech – Les rencontres du jeudi",
                calendar.getProperty("X-WR-CALNAME").orElseThrow().getValue());
    }

    @Test
    void withoutTheSeriesParameterTheFeedHasEverySeries() throws Exception {
        ObjectNode everySeries = SampleEvents.event("calendar-feed.json");
        everySeries.put("rawQueryString", "");
        everySeries.remove("queryStringParameters");
        Calendar all = new CalendarBuilder()
                .build(new StringReader(handler.serve(everySeries).body()));
        assertEquals(7, all.getComponents(Component.VEVENT).size());
        assertTrue(uids(all).contains(OtherSeries.EVENT_ID), "without the filter, every series");
    }

    /** The events' ids, from their UIDs ({@code id@domain}). */
    private static List<String> uids(Calendar calendar) {
        return calendar.<VEvent>getComponents(Component.VEVENT).stream()
                .map(event -> event.<Property>getProperty(Property.UID)
                        .orElseThrow()
                        .getValue()
                        .replaceFirst("@.*", ""))
                .toList();
    }

    @Test
    void servesOneEventToAddToACalendar() throws Exception {
        HttpResponse response = handler.serve(SampleEvents.event("event-calendar.json"));
        assertEquals(200, response.status(), response.body());
        assertTrue(response.header("Content-Disposition").contains("2023-10-12-reseaux-sociaux-dans-l-industrie.ics"));
        assertEquals("\"v1.ics\"", response.header("ETag"));
        Calendar calendar = new CalendarBuilder().build(new StringReader(response.body()));
        List<VEvent> events = calendar.getComponents(Component.VEVENT);
        assertEquals(
                "https://www.nogentech.fr/evenements/2023-10-12-reseaux-sociaux-dans-l-industrie",
                events.get(0).getProperty(Property.URL).orElseThrow().getValue());
    }
}
