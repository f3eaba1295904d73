package fr.nogentech.events.event;

import java.util.List;

/** One page of a listing, and the cursor of the next page (null on the last one). */
public record EventPage(List<Event> items, String next) {

    public EventPage {
        items = List.copyOf(items);
    }
}
