package fr.nogentech.events.query;

import fr.nogentech.events.event.EventKey;

import java.time.Instant;

/**
 * Which events to list: those starting at or after {@code from} and before {@code to} (open-ended when null),
 * optionally of one series, at most {@code limit} of them, continuing after {@code after} when paging.
 */
public record EventQuery(Instant from, Instant to, String series, int limit, EventKey after) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
}
