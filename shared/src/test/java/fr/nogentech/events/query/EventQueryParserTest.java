package fr.nogentech.events.query;

import fr.nogentech.events.event.EventKey;
import fr.nogentech.events.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventQueryParserTest {

    private static final Instant NOW = Instant.parse("2023-10-01T10:00:00Z");
    private final EventQueryParser parser = new EventQueryParser(new PageCursor("a-test-secret-of-at-least-32-chars!"));

    @Test
    void defaultsToEverythingFromNowTwentyAtATime() {
        EventQuery query = parser.parse(Map.of(), NOW);
        assertEquals(NOW, query.from());
        assertNull(query.to());
        assertNull(query.series());
        assertEquals(20, query.limit());
    }

    @Test
    void readsDatesAsMidnightInParisAndDateTimesWithOrWithoutOffset() {
        EventQuery query = parser.parse(Map.of("from", "2023-10-12", "to", "2023-11-09T08:30"), NOW);
        assertEquals(Instant.parse("2023-10-11T22:00:00Z"), query.from());
        assertEquals(Instant.parse("2023-11-09T07:30:00Z"), query.to());

        assertEquals(
                Instant.parse("2023-10-12T06:30:00Z"),
                parser.parse(Map.of("from", "2023-10-12T08:30:00+02:00"), NOW).from());
        assertEquals(
                Instant.parse("2023-10-12T06:30:00Z"),
                parser.parse(Map.of("from", "2023-10-12T06:30:00Z"), NOW).from());
        // an unencoded '+' arrives as a space
        assertEquals(
                Instant.parse("2023-10-12T06:30:00Z"),
                parser.parse(Map.of("from", "2023-10-12T08:30:00 02:00"), NOW).from());
    }

    @Test
    void refusesWhatIsNotADate() {
        assertProblem("from", Map.of("from", "yesterday"), "ISO date");
        assertProblem("to", Map.of("to", "2023-13-45"), "ISO date");
    }

    @Test
    void refusesToBeforeFrom() {
        assertProblem("to", Map.of("from", "2024-04-01", "to", "2023-09-01"), "must be after `from`");
    }

    @Test
    void limitIsFromOneToAHundred() {
        assertEquals(1, parser.parse(Map.of("limit", "1"), NOW).limit());
        assertEquals(100, parser.parse(Map.of("limit", "100"), NOW).limit());
        assertProblem("limit", Map.of("limit", "0"), "from 1 to 100");
        assertProblem("limit", Map.of("limit", "101"), "from 1 to 100");
        assertProblem("limit", Map.of("limit", "ten"), "from 1 to 100");
    }

    @Test
    void seriesMustBeASeriesName() {
        assertEquals(
                "rencontres-du-jeudi",
                parser.parse(Map.of("series", "rencontres-du-jeudi"), NOW).series());
        assertProblem("series", Map.of("series", "Rencontres du jeudi"), "series name");
    }

    @Test
    void aCursorContinuesItsQueryEvenWhenNowHasMoved() {
        EventQuery first = parser.parse(Map.of("series", "rencontres-du-jeudi"), NOW);
        EventKey last = new EventKey(Instant.parse("2023-11-09T07:30:00Z"), "2023-11-09-x");
        String cursor = parser.nextCursor(first, last);

        Map<String, String> params = new HashMap<>(Map.of("cursor", cursor));
        EventQuery next = parser.parse(params, NOW.plusSeconds(3600));
        assertEquals(first.from(), next.from());
        assertEquals("rencontres-du-jeudi", next.series());
        assertEquals(last, next.after());

        params.put("series", "rencontres-du-jeudi");
        assertEquals(last, parser.parse(params, NOW).after());
    }

    @Test
    void refusesForgedTamperedAndForeignCursors() {
        EventQuery first = parser.parse(Map.of("from", "2023-09-01"), NOW);
        String cursor = parser.nextCursor(first, new EventKey(Instant.parse("2023-11-09T07:30:00Z"), "x"));

        assertProblem("cursor", Map.of("cursor", "not-a-cursor"), "not one this API issued");
        char[] chars = cursor.toCharArray();
        chars[5] = chars[5] == 'A' ? 'B' : 'A';
        assertProblem("cursor", Map.of("cursor", new String(chars)), "not one this API issued");
        String otherKeys = new EventQueryParser(new PageCursor("another-secret-of-at-least-32-chars"))
                .nextCursor(first, new EventKey(Instant.parse("2023-11-09T07:30:00Z"), "x"));
        assertProblem("cursor", Map.of("cursor", otherKeys), "not one this API issued");
        assertProblem("cursor", Map.of("cursor", cursor, "from", "2023-10-01"), "another query");
        assertProblem("cursor", Map.of("cursor", cursor, "series", "other"), "another query");
    }

    private void assertProblem(String parameter, Map<String, String> params, String detailPart) {
        ProblemException e = assertThrows(ProblemException.class, () -> parser.parse(params, NOW));
        assertEquals(400, e.problem().status());
        assertEquals(parameter, e.problem().extensions().get("parameter"));
        assertTrue(e.problem().detail().contains(detailPart), e.problem().detail());
    }
}
