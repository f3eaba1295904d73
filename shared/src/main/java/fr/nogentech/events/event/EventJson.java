package fr.nogentech.events.event;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.nogentech.events.json.Json;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** Events as the API shows them (see docs/api.md): times in the event's own zone, with its offset. */
public final class EventJson {

    /** ISO 8601 with seconds always written: 2023-10-12T08:30:00+02:00. */
    public static final DateTimeFormatter OFFSET_DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private EventJson() {}

    /**
     * The event as the public sees it: with, when it takes registrations, how many seats remain of
     * {@code seatsTaken} and whether it is {@code open} at {@code now}; never who registered.
     */
    public static ObjectNode write(Event event, int seatsTaken, Instant now) {
        ObjectNode json = write(event);
        if (event.registration() != null) {
            ObjectNode registration = (ObjectNode) json.get("registration");
            registration.put("remaining", Math.max(0, event.registration().capacity() - seatsTaken));
            registration.put("open", event.registration().isOpen(event, now));
        }
        return json;
    }

    /** The event as administrators wrote it: registrations as capacity and (effective) closing time. */
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
        if (event.registration() != null) {
            ObjectNode registration = json.putObject("registration");
            registration.put("capacity", event.registration().capacity());
            registration.put(
                    "closesAt",
                    OFFSET_DATE_TIME.format(event.registration().closesAt(event).toOffsetDateTime()));
        }
        return json;
    }

    /** A page of events as the public sees them, {@code seatsTaken} giving each event's seats taken (absent: 0). */
    public static ObjectNode page(EventPage page, Map<String, Integer> seatsTaken, Instant now) {
        ObjectNode json = Json.object();
        ArrayNode items = json.putArray("items");
        page.items().forEach(event -> items.add(write(event, seatsTaken.getOrDefault(event.id(), 0), now)));
        json.put("next", page.next());
        return json;
    }
}
