package fr.nogentech.events.store;

import fr.nogentech.events.event.Event;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Map;

/**
 * The store's own item of an event, for the bench's bulk writes (BatchWriteItem): the same attributes and index keys
 * as {@link EventStore#insertIfAbsent}, without its condition, which a batch cannot carry.
 */
public final class BenchItems {

    private BenchItems() {}

    public static Map<String, AttributeValue> item(Event event) {
        return EventStore.toItem(event.nextRevision(1, Instant.now(), "bench"));
    }
}
