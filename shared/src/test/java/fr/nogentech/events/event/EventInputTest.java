package fr.nogentech.events.event;

import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventInputTest {

    @Test
    void readsALocalDateTimeInTheDefaultZoneAndMakesAnId() {
        Event event = EventInput.read(json("""
                {"title": "Recruter sans CV", "start": "2023-12-14T08:30", "end": "2023-12-14T10:30",
                 "speakers": [{"organization": "Lisi", "role": "testimony"}]}"""));
        assertEquals("2023-12-14-recruter-sans-cv", event.id());
        assertEquals(ZoneId.of("Europe/Paris"), event.timeZone());
        assertEquals(LocalDateTime.parse("2023-12-14T08:30"), event.start());
        assertEquals(EventStatus.SCHEDULED, event.status());
        assertNull(event.speakers().get(0).name());
        assertEquals(Speaker.Role.TESTIMONY, event.speakers().get(0).role());
    }

    @Test
    void readsAnOffsetDateTimeAsTheWallClockOfTheEventsZone() {
        Event event = EventInput.read(json("""
                {"title": "T", "start": "2023-10-12T06:30:00Z", "end": "2023-10-12T10:30:00+02:00"}"""));
        assertEquals(LocalDateTime.parse("2023-10-12T08:30"), event.start());
        assertEquals(LocalDateTime.parse("2023-10-12T10:30"), event.end());
    }

    @Test
    void namesTheFieldAndWhatIsWrong() {
        assertField("title", "{\"start\": \"2023-10-12T08:30\", \"end\": \"2023-10-12T10:30\"}", "required");
        assertField("title", "{\"title\": \"  \", \"start\": \"2023-10-12T08:30\", \"end\": \"2023-10-12T10:30\"}",
                "blank");
        assertField("tilte", "{\"tilte\": \"T\", \"start\": \"2023-10-12T08:30\", \"end\": \"2023-10-12T10:30\"}",
                "unknown field");
        assertField("start", "{\"title\": \"T\", \"start\": \"demain\", \"end\": \"2023-10-12T10:30\"}",
                "date-time");
        assertField("end", "{\"title\": \"T\", \"start\": \"2023-10-12T08:30\", \"end\": \"2023-10-12T07:30\"}",
                "after `start`");
        assertField("timeZone", "{\"title\": \"T\", \"start\": \"2023-10-12T08:30\", \"end\": \"2023-10-12T10:30\","
                + " \"timeZone\": \"Mars/Olympus\"}", "IANA");
        assertField("status", "{\"title\": \"T\", \"start\": \"2023-10-12T08:30\", \"end\": \"2023-10-12T10:30\","
                + " \"status\": \"maybe\"}", "scheduled, cancelled or postponed");
        assertField("title", "{\"title\": 12, \"start\": \"2023-10-12T08:30\", \"end\": \"2023-10-12T10:30\"}",
                "must be a string");
        assertField("title", "{\"title\": \"" + "x".repeat(201) + "\", \"start\": \"2023-10-12T08:30\","
                + " \"end\": \"2023-10-12T10:30\"}", "too long");
        assertField("speakers[0].role", "{\"title\": \"T\", \"start\": \"2023-10-12T08:30\", \"end\":"
                + " \"2023-10-12T10:30\", \"speakers\": [{\"name\": \"A\", \"role\": \"host\"}]}", "speaker or testimony");
        assertField("", "[1, 2]", "JSON object");
    }

    private static void assertField(String field, String body, String detailPart) {
        ProblemException e = assertThrows(ProblemException.class, () -> EventInput.read(json(body)));
        assertEquals(field, e.problem().extensions().get("field"));
        assertTrue(e.problem().detail().contains(detailPart), e.problem().detail());
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
