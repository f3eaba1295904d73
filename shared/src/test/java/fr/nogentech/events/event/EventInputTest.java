package fr.nogentech.events.event;

import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventInputTest {

    @Test
    void registrationsCloseTheDayBeforeAt18ByDefaultAndTheirFieldsAreChecked() {
        Event event = EventInput.read(Json.read("""
                {"title": "Petit-déjeuner", "start": "2023-10-12T08:30", "end": "2023-10-12T10:30",
                 "registration": {"capacity": 40}}"""));
        assertEquals(40, event.registration().capacity());
        assertEquals(
                "2023-10-11T18:00+02:00",
                event.registration().closesAt(event).toOffsetDateTime().toString());
        assertEquals(
                "{\"capacity\":40}",
                EventInput.toInput(event).get("registration").toString(),
                "the default is not written down: it moves with the event");

        for (String wrong : new String[] {
            "{\"capacity\": 0}",
            "{\"capacity\": 2.5}",
            "{\"capacity\": \"40\"}",
            "{}",
            "{\"capacity\": 4, \"seats\": 4}",
            "{\"capacity\": 4, \"closesAt\": \"2023-10-12T09:00\"}",
            "40"
        }) {
            ProblemException e = assertThrows(
                    ProblemException.class,
                    () -> EventInput.read(Json.read("{\"title\": \"T\", \"start\": \"2023-10-12T08:30\", "
                            + "\"end\": \"2023-10-12T10:30\", \"registration\": " + wrong + "}")),
                    wrong);
            assertTrue(e.problem().extensions().get("field").startsWith("registration"), wrong);
        }
        Event explicit = EventInput.read(Json.read("""
                {"title": "T", "start": "2023-10-12T08:30", "end": "2023-10-12T10:30",
                 "registration": {"capacity": 4, "closesAt": "2023-10-10T12:00"}}"""));
        assertEquals(
                "2023-10-10T12:00+02:00",
                explicit.registration().closesAt(explicit).toOffsetDateTime().toString());
    }

    @Test
    void readsALocalDateTimeInTheDefaultZoneAndMakesAnId() {
        Event event = EventInput.read(json("""
                {"title": "Recruter sans CV", "start": "2023-12-14T08:30", "end": "2023-12-14T10:30",
                 "speakers": [{"organization": "Lisi", "role": "testimony"}]}"""));
        assertEquals("2023-12-14-recruter-sans-cv", event.id());
        assertEquals(ZoneId.of("Europe/Paris"), event.timeZone());
        assertEquals(LocalDateTime.parse("2023-12-14T08:30"), event.start().toLocalDateTime());
        assertEquals(EventStatus.SCHEDULED, event.status());
        assertNull(event.speakers().get(0).name());
        assertEquals(Speaker.Role.TESTIMONY, event.speakers().get(0).role());
    }

    @Test
    void readsAnOffsetDateTimeAsTheWallClockOfTheEventsZone() {
        Event event = EventInput.read(json("""
                {"title": "T", "start": "2023-10-12T06:30:00Z", "end": "2023-10-12T10:30:00+02:00"}"""));
        assertEquals(LocalDateTime.parse("2023-10-12T08:30"), event.start().toLocalDateTime());
        assertEquals(LocalDateTime.parse("2023-10-12T10:30"), event.end().toLocalDateTime());
    }

    @Test
    void namesTheFieldAndWhatIsWrong() {
        assertField("title", "{\"start\": \"2023-10-12T08:30\", \"end\": \"2023-10-12T10:30\"}", "required");
        assertField(
                "title",
                "{\"title\": \"  \", \"start\": \"2023-10-12T08:30\", \"end\": \"2023-10-12T10:30\"}",
                "blank");
        assertField(
                "tilte",
                "{\"tilte\": \"T\", \"start\": \"2023-10-12T08:30\", \"end\": \"2023-10-12T10:30\"}",
                "unknown field");
        assertField("start", "{\"title\": \"T\", \"start\": \"demain\", \"end\": \"2023-10-12T10:30\"}", "date-time");
        assertField(
                "end",
                "{\"title\": \"T\", \"start\": \"2023-10-12T08:30\", \"end\": \"2023-10-12T07:30\"}",
                "after `start`");
        assertField(
                "timeZone",
                "{\"title\": \"T\", \"start\": \"2023-10-12T08:30\", \"end\": \"2023-10-12T10:30\","
                        + " \"timeZone\": \"Mars/Olympus\"}",
                "IANA");
        assertField(
                "status",
                "{\"title\": \"T\", \"start\": \"2023-10-12T08:30\", \"end\": \"2023-10-12T10:30\","
                        + " \"status\": \"maybe\"}",
                "scheduled, cancelled or postponed");
        assertField(
                "title",
                "{\"title\": 12, \"start\": \"2023-10-12T08:30\", \"end\": \"2023-10-12T10:30\"}",
                "must be a string");
        assertField(
                "title",
                "{\"title\": \"" + "x".repeat(201) + "\", \"start\": \"2023-10-12T08:30\","
                        + " \"end\": \"2023-10-12T10:30\"}",
                "too long");
        assertField(
                "speakers[0].role",
                "{\"title\": \"T\", \"start\": \"2023-10-12T08:30\", \"end\":"
                        + " \"2023-10-12T10:30\", \"speakers\": [{\"name\": \"A\", \"role\": \"host\"}]}",
                "speaker or testimony");
        assertField("", "[1, 2]", "JSON object");
    }

    @Test
    void aLocalTimeInTheSpringGapIsRefusedAndOneWithAnOffsetIsTakenAsWritten() {
        assertField(
                "start",
                "{\"title\": \"T\", \"start\": \"2024-03-31T02:30\", \"end\": \"2024-03-31T04:00\"}",
                "does not exist in Europe/Paris");
        Event withOffset = EventInput.read(
                json("{\"title\": \"T\", \"start\": \"2024-03-31T02:30+01:00\", \"end\": \"2024-03-31T04:00\"}"));
        assertEquals("2024-03-31T03:30+02:00", withOffset.startAtOffset().toString(), "the instant written");
    }

    @Test
    void anExplicitOffsetChoosesWhichOfTheAutumnOverlapsTwoTimesAndSurvivesAPatchBase() {
        // 27 October 2024: 02:30 in Paris happens at +02:00, then again at +01:00.
        Event second = EventInput.read(
                json("{\"title\": \"T\", \"start\": \"2024-10-27T02:30+01:00\", \"end\": \"2024-10-27T03:30+01:00\"}"));
        assertEquals("2024-10-27T02:30+01:00", second.startAtOffset().toString());
        Event first = EventInput.read(
                json("{\"title\": \"T\", \"start\": \"2024-10-27T02:30\", \"end\": \"2024-10-27T03:30\"}"));
        assertEquals("2024-10-27T02:30+02:00", first.startAtOffset().toString(), "without offset: the first");
        assertEquals(
                "2024-10-27T02:30+01:00",
                EventInput.read(EventInput.toInput(second)).startAtOffset().toString(),
                "a merge patch's base keeps the offset");
    }

    @Test
    void endMustBeAfterStartAsInstantsNotAsWallClockText() {
        // 02:15+01:00 comes after 02:45+02:00, though "02:15" < "02:45" as text.
        Event overlap = EventInput.read(
                json("{\"title\": \"T\", \"start\": \"2024-10-27T02:45+02:00\", \"end\": \"2024-10-27T02:15+01:00\"}"));
        assertEquals(30, Duration.between(overlap.start(), overlap.end()).toMinutes());
        assertField(
                "end",
                "{\"title\": \"T\", \"start\": \"2024-10-27T02:15+01:00\", \"end\": " + "\"2024-10-27T02:45+02:00\"}",
                "after `start`");
    }

    @Test
    void yearsRunFrom1900To2999() {
        assertField(
                "start",
                "{\"title\": \"T\", \"start\": \"1899-12-31T08:30\", \"end\": \"1900-01-01T10:30\"}",
                "1900 to 2999");
        assertField(
                "end",
                "{\"title\": \"T\", \"start\": \"2999-12-31T08:30\", \"end\": \"3000-01-01T10:30\"}",
                "1900 to 2999");
        assertField(
                "start",
                "{\"title\": \"T\", \"start\": \"+10000-01-01T08:30\", \"end\": \"2000-01-01T10:30\"}",
                "1900 to 2999");
    }

    @Test
    void textFieldsRefuseControlsBidirectionalOverridesAndLoneSurrogates() {
        String times = "\"start\": \"2023-10-12T08:30\", \"end\": \"2023-10-12T10:30\"";
        assertField("title", "{\"title\": \"a\\u0000b\", " + times + "}", "control");
        assertField("title", "{\"title\": \"ligne\\nligne\", " + times + "}", "control");
        assertField(
                "venue.name",
                "{\"title\": \"T\", \"venue\": {\"name\": \"abc\\u202Edcba\"}, " + times + "}",
                "bidirectional");
        assertField(
                "speakers[0].name",
                "{\"title\": \"T\", \"speakers\": [{\"name\": \"\\ud800x\"}], " + times + "}",
                "surrogate");
        assertEquals(
                "Café \uD83D\uDE00 à Chaumont",
                EventInput.read(json("{\"title\": \"Café \\ud83d\\ude00 à " + "Chaumont\", " + times + "}"))
                        .title(),
                "whole characters, accents and emoji are fine");
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
