package fr.nogentech.events.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EventJsonTest {

    @Test
    void showsTimesInTheEventsZoneWithTheOffsetOfThatDay() {
        ObjectNode october = EventJson.write(breakfast("2023-10-12"));
        assertEquals("2023-10-12T08:30:00+02:00", october.get("start").asText());
        assertEquals("2023-10-12T10:30:00+02:00", october.get("end").asText());
        assertEquals("Europe/Paris", october.get("timeZone").asText());

        ObjectNode november = EventJson.write(breakfast("2023-11-09"));
        assertEquals("2023-11-09T08:30:00+01:00", november.get("start").asText());
    }

    @Test
    void writesTheShapeOfTheDesign() {
        ObjectNode json = EventJson.write(breakfast("2023-10-12"));
        assertEquals("rencontres-du-jeudi", json.get("series").asText());
        assertEquals("Canopé", json.at("/venue/name").asText());
        assertEquals("Chaumont", json.at("/venue/city").asText());
        assertEquals("testimony", json.at("/speakers/1/role").asText());
        assertEquals("MS Pétanque", json.at("/speakers/1/organization").asText());
        assertEquals("scheduled", json.get("status").asText());
        assertEquals(3, json.get("version").asLong());
        assertEquals("2023-09-01T10:00:00Z", json.get("updatedAt").asText());
    }

    static Event breakfast(String date) {
        return new Event(
                date + "-x",
                "Titre",
                "rencontres-du-jeudi",
                LocalDateTime.parse(date + "T08:30").atZone(EventDefaults.TIME_ZONE),
                LocalDateTime.parse(date + "T10:30").atZone(EventDefaults.TIME_ZONE),
                EventDefaults.TIME_ZONE,
                new Venue("Canopé", "Chaumont"),
                List.of(
                        new Speaker("Germain Chittaro", "groupe Interactions", Speaker.Role.SPEAKER),
                        new Speaker("José Sanchez", "MS Pétanque", Speaker.Role.TESTIMONY)),
                EventStatus.SCHEDULED,
                3,
                Instant.parse("2023-09-01T10:00:00Z"),
                "alice");
    }
}
