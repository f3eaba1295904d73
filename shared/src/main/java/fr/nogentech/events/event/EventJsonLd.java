package fr.nogentech.events.event;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.nogentech.events.json.Json;

/**
 * An event as a schema.org {@code Event} in JSON-LD, with what search engines require and recommend: name, dates with
 * offsets, location as a {@code Place} with its address, status, attendance mode, organizer, performers, description,
 * URL, and the free admission of the association's events.
 */
public final class EventJsonLd {

    public static final String ORGANIZER = "Nogentech";

    private EventJsonLd() {}

    public static ObjectNode write(Event event, EventPages pages) {
        ObjectNode json = Json.object();
        json.put("@context", "https://schema.org");
        json.put("@type", "Event");
        json.put("@id", pages.of(event).toString());
        json.put("name", event.title());
        json.put("startDate", EventJson.OFFSET_DATE_TIME.format(event.startAtOffset()));
        json.put("endDate", EventJson.OFFSET_DATE_TIME.format(event.endAtOffset()));
        json.put(
                "eventStatus",
                "https://schema.org/"
                        + switch (event.status()) {
                            case SCHEDULED -> "EventScheduled";
                            case CANCELLED -> "EventCancelled";
                            case POSTPONED -> "EventPostponed";
                        });
        json.put("eventAttendanceMode", "https://schema.org/OfflineEventAttendanceMode");
        if (event.venue() != null) {
            ObjectNode place = json.putObject("location");
            place.put("@type", "Place");
            place.put("name", event.venue().name());
            ObjectNode address = place.putObject("address");
            address.put("@type", "PostalAddress");
            if (event.venue().city() != null) {
                address.put("addressLocality", event.venue().city());
            }
            address.put("addressCountry", "FR");
        }
        ObjectNode organizer = json.putObject("organizer");
        organizer.put("@type", "Organization");
        organizer.put("name", ORGANIZER);
        organizer.put("url", pages.site().toString());
        ArrayNode performers = json.putArray("performer");
        for (Speaker speaker : event.speakers()) {
            ObjectNode performer = performers.addObject();
            if (speaker.name() != null) {
                performer.put("@type", "Person");
                performer.put("name", speaker.name());
                if (speaker.organization() != null) {
                    performer
                            .putObject("affiliation")
                            .put("@type", "Organization")
                            .put("name", speaker.organization());
                }
            } else {
                performer.put("@type", "Organization");
                performer.put("name", speaker.organization());
            }
        }
        json.put("description", description(event));
        json.put("url", pages.of(event).toString());
        json.put("inLanguage", "fr");
        json.put("isAccessibleForFree", true);
        ObjectNode offer = json.putObject("offers");
        offer.put("@type", "Offer");
        offer.put("price", 0);
        offer.put("priceCurrency", "EUR");
        offer.put("availability", "https://schema.org/InStock");
        offer.put("url", pages.of(event).toString());
        return json;
    }

    private static String description(Event event) {
        StringBuilder text = new StringBuilder(event.title()).append(" — ").append(FrenchText.when(event));
        String place = FrenchText.place(event.venue());
        if (place != null) {
            text.append(", ").append(place);
        }
        text.append('.');
        for (String line : FrenchText.speakerLines(event)) {
            text.append(' ').append(line).append('.');
        }
        return text.toString();
    }
}
