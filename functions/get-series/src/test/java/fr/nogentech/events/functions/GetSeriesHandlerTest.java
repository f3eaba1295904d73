package fr.nogentech.events.functions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.local.LocalAws;
import fr.nogentech.events.local.SampleEvents;
import fr.nogentech.events.local.TestStack;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
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
        try (GetSeriesHandler handler = new GetSeriesHandler(new LambdaApplicationContextBuilder().properties(
                Map.of("events.table", table)))) {
            APIGatewayV2HTTPResponse response = handler.handleRequest(SampleEvents.httpEvent("get-series.json"), null);
            assertEquals(200, response.getStatusCode(), response.getBody());
            JsonNode series = Json.MAPPER.readTree(response.getBody());
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
