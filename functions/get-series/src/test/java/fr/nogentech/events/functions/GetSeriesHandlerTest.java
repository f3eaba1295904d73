package fr.nogentech.events.functions;

import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.event.Event;
import fr.nogentech.events.event.EventInput;
import fr.nogentech.events.http.HttpResponse;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.lambda.FunctionHandler;
import fr.nogentech.events.local.LocalAws;
import fr.nogentech.events.local.OtherSeries;
import fr.nogentech.events.local.SampleEvents;
import fr.nogentech.events.local.TestStack;
import fr.nogentech.events.store.EventStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The series function as Lambda runs it, replaying the payload of events/ against moto. */
class GetSeriesHandlerTest {

    @Test
    void givesTheNextSecondThursdaysEvenWithOnlyAnotherSeriesPublished() throws Exception {
        LocalAws moto = TestStack.moto();
        String table = TestStack.newEventsTable(moto, "series-handler");
        // An event of another series three weeks from now, well within the next six occurrences: the series page
        // shows a published event of its own series off the rule's dates too, so only its series filter keeps this
        // one out.
        LocalDate inThreeWeeks = LocalDate.now(ZoneId.of("Europe/Paris")).plusWeeks(3);
        Event other = EventInput.read(Json.MAPPER.readTree("{\"title\": \"Atelier numérique\", \"series\": \""
                + OtherSeries.SERIES + "\", \"start\": \"" + inThreeWeeks + "T14:00\", \"end\": \"" + inThreeWeeks
                + "T16:00\"}"));
        try (var dynamoDb = moto.dynamoDb()) {
            EventStore store = new EventStore(dynamoDb, table, Clock.systemUTC());
            assertTrue(store.insertIfAbsent(other));
            assertTrue(store.find(other.id()).isPresent());
        }
        try (GetSeriesHandler handler =
                new GetSeriesHandler(FunctionHandler.configured(Map.of("events.table", table)))) {
            HttpResponse response = handler.serve(SampleEvents.event("get-series.json"));
            assertEquals(200, response.status(), response.body());
            JsonNode series = Json.MAPPER.readTree(response.body());
            assertEquals(6, series.get("next").size());
            for (JsonNode occurrence : series.get("next")) {
                LocalDate date = LocalDate.parse(occurrence.get("date").asText());
                assertEquals(DayOfWeek.THURSDAY, date.getDayOfWeek());
                assertEquals(2, (date.getDayOfMonth() - 1) / 7 + 1);
                assertEquals("to-be-announced", occurrence.get("programme").asText(), occurrence.toString());
                assertFalse(occurrence.toString().contains(other.id()), occurrence.toString());
            }
        }
    }
}
