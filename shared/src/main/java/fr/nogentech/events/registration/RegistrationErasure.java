package fr.nogentech.events.registration;

import fr.nogentech.events.event.Event;
import fr.nogentech.events.store.EventStore;
import fr.nogentech.events.store.RegistrationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;

/**
 * Erases every registration of an address (found by the ItemsByState index), as erasing a subscriber does: a
 * confirmed one gives its seat back first, and the seat goes to the first on that event's waiting list, who is told
 * by email, where {@link Registrations} can send it; without them, the seat is left free for the next to register.
 */
public class RegistrationErasure {

    private static final Logger LOG = LoggerFactory.getLogger(RegistrationErasure.class);

    private final RegistrationStore store;
    private final EventStore events;
    private final Registrations registrations;
    private final Clock clock;

    /** {@code registrations} may be null: freed seats then wait for a new registration or a cancellation. */
    public RegistrationErasure(RegistrationStore store, EventStore events, Registrations registrations, Clock clock) {
        this.store = store;
        this.events = events;
        this.registrations = registrations;
        this.clock = clock;
    }

    /** Erases the registrations of the address whose hash is {@code hash}; returns how many went. */
    public int erase(String hash) {
        List<String> eventIds = store.eventsOf(hash).stream().distinct().toList();
        int erased = 0;
        for (String eventId : eventIds) {
            boolean seatFreed = store.erase(eventId, hash, clock.instant());
            erased++;
            if (seatFreed && registrations != null) {
                events.find(eventId).ifPresent(this::promote);
            }
        }
        LOG.info("registration: {} registrations of an erased address went", erased);
        return erased;
    }

    private void promote(Event event) {
        int promoted = registrations.promote(event).size();
        if (promoted > 0) {
            LOG.info("registration: {} on the waiting list of {} got the freed seat", promoted, event.id());
        }
    }
}
