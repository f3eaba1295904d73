package fr.nogentech.events.functions;

import fr.nogentech.events.config.ConfigKeys;
import fr.nogentech.events.http.HttpResponse;
import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.local.LocalAws;
import fr.nogentech.events.local.SampleEvents;
import fr.nogentech.events.local.TestStack;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The series function as Lambda runs it, replaying the payload of events/ against moto. */
class GetSeriesHandlerTest {

    @Test
    void givesTheNextSecondThursdaysEvenWithNothingPublished() throws Exception {
        LocalAws moto = TestStack.moto();
        String table = TestStack.newEventsTable(moto, "series-handler");
        try (GetSeriesHandler handler = new GetSeriesHandler(
                Map.of(ConfigKeys.EVENTS_TABLE, table))) {
            HttpResponse response = handler.serve(SampleEvents.event("get-series.json"));
            assertEquals(200, response.status(), response.body());
            JsonNode series = Json.MAPPER.readTree(response.body());
            assertEquals(6, series.get("next").size());
            for (JsonNode occurrence : series.get("next")) {
                LocalDate date = LocalDate.parse(occurrence.get("date").asText());
                assertEquals(DayOfWeek.THURSDAY, date.getDayOfWeek());
                assertEquals(2, (date.getDayOfMonth() - 1) / 7 + 1);
                assertEquals("to-be-announced", occurrence.get("programme").asText());
            }
        }
    }
}
