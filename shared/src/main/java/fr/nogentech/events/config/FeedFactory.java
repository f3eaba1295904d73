package fr.nogentech.events.config;

import fr.nogentech.events.api.FeedApi;
import fr.nogentech.events.event.EventPages;
import fr.nogentech.events.feed.AtomFeed;
import fr.nogentech.events.store.EventStore;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Prototype;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;

import java.time.Clock;

/**
 * Wires the Atom feed ({@code GET /feed.atom}) for the feed function, the one that carries ROME. Configuration, from
 * the environment: {@code EVENTS_TABLE} (events.table), {@code EVENT_PAGE_URL} (event.page.url) and {@code API_URL}
 * (api.url, the API's public address, which the {@code .ics} links and the feed's own link start with).
 */
@Factory
public class FeedFactory {

    @Prototype
    @Requires(property = ConfigKeys.API_URL)
    @Requires(classes = com.rometools.rome.feed.atom.Feed.class)
    FeedApi feedApi(
            EventStore store, EventPages pages, @Value("${" + ConfigKeys.API_URL + "}") String apiUrl, Clock clock) {
        return new FeedApi(store, new AtomFeed(pages, apiUrl), clock);
    }
}
