package fr.nogentech.events.event;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.nogentech.events.json.Json;

import java.time.format.DateTimeFormatter;

/** Events as the API shows them (see docs/api.md): times in the event's own zone, with its offset. */
public final class EventJson {

    /** ISO 8601 with seconds always written: 2023-10-12T08:30:00+02:00. */
    public static final DateTimeFormatter OFFSET_DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private EventJson() {}

    public static ObjectNode write(Event event) {
        ObjectNode json = Json.object();
        json.put("id", event.id());
        json.put("title", event.title());
        json.put("series", event.series());
        json.put("start", OFFSET_DATE_TIME.format(event.startAtOffset()));
        json.put("end", OFFSET_DATE_TIME.format(event.endAtOffset()));
        json.put("timeZone", event.timeZone().getId());
        if (event.venue() != null) {
            ObjectNode venue = json.putObject("venue");
            venue.put("name", event.venue().name());
            venue.put("city", event.venue().city());
        } else {
            json.putNull("venue");
        }
        ArrayNode speakers = json.putArray("speakers");
        for (Speaker speaker : event.speakers()) {
            ObjectNode item = speakers.addObject();
            item.put("name", speaker.name());
            item.put("organization", speaker.organization());
            item.put("role", speaker.role().wireName());
        }
        json.put("status", event.status().wireName());
        json.put("version", event.version());
        json.put(
                "updatedAt",
                event.updatedAt() == null ? null : event.updatedAt().toString());
        return json;
    }

    public static ObjectNode page(EventPage page) {
        ObjectNode json = Json.object();
        ArrayNode items = json.putArray("items");
        page.items().forEach(event -> items.add(write(event)));
        json.put("next", page.next());
        return json;
    }
}
