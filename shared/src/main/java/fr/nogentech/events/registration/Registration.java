package fr.nogentech.events.registration;

import java.time.Instant;
import java.util.Locale;

/**
 * One address's registration to one event, as stored: who (name, organization, address), its state, and when it
 * was asked for, confirmed or put on the waiting list. Never logged whole: {@link #toString()} names the hash only.
 */
public record Registration(
        String eventId,
        String addressHash,
        State state,
        String name,
        String organization,
        String email,
        Instant requestedAt,
        Instant confirmedAt,
        Instant waitlistedAt,
        boolean reminded) {

    public enum State {
        /** Asked for by the registration form; waits for the link of its email. */
        PENDING,
        /** Holds a seat. */
        CONFIRMED,
        /** Confirmed while the event was full: on the waiting list, in {@code waitlistedAt} order. */
        WAITLISTED,
        /** Cancelled by its registrant (or erased with their address). */
        CANCELLED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static State fromWireName(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    @Override
    public String toString() {
        return "Registration[" + eventId + ", " + addressHash.substring(0, 12) + ", " + state.wireName() + "]";
    }
}
