package fr.nogentech.events.local;

import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Today" and "this month" are Paris's, not UTC's nor a fixed offset's: the development server runs on a clock the
 * test sets on either side of a Paris midnight, when UTC is still on the day before (23:00 UTC in winter, 22:00 in
 * summer). The table holds the seeds and {@link OtherSeries}' event of 23 November 2023, which a series page must
 * leave out.
 */
class ParisMidnightEndToEndTest {

    private static final SettableClock CLOCK = new SettableClock(Instant.parse("2023-09-01T00:00:00Z"));
    private static LocalApi api;

    @BeforeAll
    static void start() {
        api = LocalApi.start("minuit", "paris-midnight", CLOCK);
        LocalRunTables.addOtherSeries(api.eventsTable);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void theSeriesGoesOnFromTodayInParis() throws Exception {
        // Winter (UTC+1): Thursday 9 November 2023, a rencontre's day, lasts until 23:00 UTC.
        assertEquals(
                List.of(
                        "2023-11-09 published",
                        "2023-12-14 published",
                        "2024-01-11 published",
                        "2024-02-08 published",
                        "2024-03-14 published",
                        "2024-04-11 to-be-announced"),
                nextAt("2023-11-09T22:59:59Z"));
        assertEquals(
                List.of(
                        "2023-12-14 published",
                        "2024-01-11 published",
                        "2024-02-08 published",
                        "2024-03-14 published",
                        "2024-04-11 to-be-announced",
                        "2024-05-09 to-be-announced"),
                nextAt("2023-11-09T23:00:00Z"));
        // Summer (UTC+2): Thursday 12 October 2023 lasts until 22:00 UTC.
        assertEquals("2023-10-12 published", nextAt("2023-10-12T21:59:59Z").get(0));
        assertEquals("2023-11-09 published", nextAt("2023-10-12T22:00:00Z").get(0));
    }

    @Test
    void aMonthIsPastOnceItIsOverInParis() throws Exception {
        // Winter: October 2023 ends at 23:00 UTC on the 31st (summer time ended on the 29th).
        assertPast("2023-10", "2023-10-31T23:00:00Z", "2023-11");
        assertSent("2023-10", "2023-10-31T22:59:59Z");
        // Summer: March 2024 ends at 22:00 UTC on the 31st (summer time began that night).
        assertPast("2024-03", "2024-03-31T22:00:00Z", "2024-04");
        assertSent("2024-03", "2024-03-31T21:59:59Z");
    }

    /** The next occurrences of the rencontres at that moment, as "date programme". */
    private static List<String> nextAt(String instant) throws Exception {
        CLOCK.set(Instant.parse(instant));
        HttpResponse<String> response = api.get("/series/rencontres-du-jeudi");
        assertEquals(200, response.statusCode(), response.body());
        List<String> next = new ArrayList<>();
        for (JsonNode occurrence : Json.MAPPER.readTree(response.body()).get("next")) {
            next.add(occurrence.get("date").asText() + " "
                    + occurrence.get("programme").asText());
        }
        return next;
    }

    private static void assertPast(String month, String instant, String parisMonth) throws Exception {
        CLOCK.set(Instant.parse(instant));
        HttpResponse<String> refused = api.send("POST", "/admin/mailings/" + month + "/send", null, api.admin());
        assertEquals(409, refused.statusCode(), instant + ": " + refused.body());
        JsonNode problem = Json.MAPPER.readTree(refused.body());
        assertEquals("/problems/past-month", problem.get("type").asText());
        assertTrue(problem.get("detail").asText().contains("it is " + parisMonth + " in Paris"), problem.toString());
    }

    private static void assertSent(String month, String instant) throws Exception {
        CLOCK.set(Instant.parse(instant));
        HttpResponse<String> queued = api.send("POST", "/admin/mailings/" + month + "/send", null, api.admin());
        assertEquals(202, queued.statusCode(), instant + ": " + queued.body());
        api.settle();
    }
}
