package fr.nogentech.events.event;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;

/**
 * Registrations opened on an event: how many seats, and until when people may register. Without an explicit
 * {@code closesAt}, registrations close the day before the event at 18:00 in its zone, so that the host knows the
 * headcount the evening before; moving the event moves that default with it.
 */
public record RegistrationOptions(int capacity, ZonedDateTime closesAt) {

    public static final int MAX_CAPACITY = 10_000;
    static final LocalTime DEFAULT_CLOSING = LocalTime.of(18, 0);

    /** Whether {@code event} takes registrations at {@code now}: scheduled, not started, before its closing time. */
    public boolean isOpen(Event event, Instant now) {
        return event.status() == EventStatus.SCHEDULED
                && now.isBefore(closesAt(event).toInstant())
                && now.isBefore(event.startInstant());
    }

    /** When registrations to {@code event} close: {@code closesAt}, or the day before at 18:00 in the event's zone. */
    public ZonedDateTime closesAt(Event event) {
        if (closesAt != null) {
            return closesAt;
        }
        return event.start().toLocalDate().minusDays(1).atTime(DEFAULT_CLOSING).atZone(event.timeZone());
    }
}
