package fr.nogentech.events.event;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;

/**
 * An event as the association publishes it. Start and end are times in the event's own zone, kept as wall-clock
 * times with their offset: a breakfast at 8 h 30 in Paris stays at 8 h 30 whatever the offset of that day, and in
 * the autumn overlap (02:30 happens twice) the offset says which 02:30. {@code version} counts the changes (1 when
 * created); {@code updatedBy} names the administrator who made the last one.
 */
public record Event(
        String id,
        String title,
        String series,
        ZonedDateTime start,
        ZonedDateTime end,
        ZoneId timeZone,
        Venue venue,
        List<Speaker> speakers,
        EventStatus status,
        long version,
        Instant updatedAt,
        String updatedBy,
        RegistrationOptions registration) {

    public Event {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(status, "status");
        // In the event's zone, keeping the offset given where the wall-clock time happens twice.
        start = ZonedDateTime.ofLocal(start.toLocalDateTime(), timeZone, start.getOffset());
        end = ZonedDateTime.ofLocal(end.toLocalDateTime(), timeZone, end.getOffset());
        speakers = speakers == null ? List.of() : List.copyOf(speakers);
    }

    /** An event without registrations. */
    public Event(
            String id,
            String title,
            String series,
            ZonedDateTime start,
            ZonedDateTime end,
            ZoneId timeZone,
            Venue venue,
            List<Speaker> speakers,
            EventStatus status,
            long version,
            Instant updatedAt,
            String updatedBy) {
        this(id, title, series, start, end, timeZone, venue, speakers, status, version, updatedAt, updatedBy, null);
    }

    /** This event with registrations opened as {@code options} (closed when null). */
    public Event withRegistration(RegistrationOptions options) {
        return new Event(
                id, title, series, start, end, timeZone, venue, speakers, status, version, updatedAt, updatedBy,
                options);
    }

    /** This event as its next version, changed by {@code admin} at {@code now}. */
    public Event nextRevision(long nextVersion, Instant now, String admin) {
        return new Event(
                id,
                title,
                series,
                start,
                end,
                timeZone,
                venue,
                speakers,
                status,
                nextVersion,
                now,
                admin,
                registration);
    }

    public OffsetDateTime startAtOffset() {
        return start.toOffsetDateTime();
    }

    public OffsetDateTime endAtOffset() {
        return end.toOffsetDateTime();
    }

    public Instant startInstant() {
        return start.toInstant();
    }
}
