package fr.nogentech.events.event;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The position of an event in date order: its start (UTC, to the second) and its id to break ties. Its text form,
 * {@code 2023-10-12T06:30:00Z#<id>}, sorts as the events do, so it is the sort key of the date indexes.
 */
public record EventKey(Instant start, String id) {

    private static final DateTimeFormatter UTC_SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    public EventKey {
        start = start.truncatedTo(ChronoUnit.SECONDS);
    }

    public static EventKey of(Event event) {
        return new EventKey(event.startInstant(), event.id());
    }

    /** The lowest sort key of an event starting at or after {@code instant}. */
    public static String lowerBound(Instant instant) {
        Instant second = instant.truncatedTo(ChronoUnit.SECONDS);
        return format(second.equals(instant) ? second : second.plusSeconds(1));
    }

    /** The highest sort key of an event starting before {@code instant}. */
    public static String upperBoundExclusive(Instant instant) {
        Instant second = instant.truncatedTo(ChronoUnit.SECONDS);
        return format(second.equals(instant) ? second.minusSeconds(1) : second) + "#\uffff";
    }

    public String sortKey() {
        return format(start) + "#" + id;
    }

    public static EventKey parse(String sortKey) {
        int hash = sortKey.indexOf('#');
        if (hash < 0) {
            throw new IllegalArgumentException("not an event sort key");
        }
        return new EventKey(Instant.from(UTC_SECONDS.parse(sortKey.substring(0, hash))), sortKey.substring(hash + 1));
    }

    private static String format(Instant instant) {
        return UTC_SECONDS.format(instant);
    }
}
