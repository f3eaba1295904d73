package fr.nogentech.events.subscription;

import java.time.Instant;

/**
 * Someone who asked for the monthly announcement. Only {@code CONFIRMED} subscribers receive mailings. An
 * unsubscribed or suppressed subscriber is kept by the hash of their address only: {@code email} is null. {@code name}
 * and {@code organization} are those they gave when they last registered to an event from the announcement (null
 * until then), so that their next registration is one button.
 */
public record Subscriber(String email, String hash, State state, Instant since, String name, String organization) {

    public Subscriber(String email, String hash, State state, Instant since) {
        this(email, hash, state, since, null, null);
    }

    @Override
    public String toString() {
        return "Subscriber[" + hash.substring(0, 12) + ", " + state.wireName() + "]";
    }

    public enum State {
        PENDING,
        CONFIRMED,
        UNSUBSCRIBED,
        /** Bounced for good, or complained: never mailed again. */
        SUPPRESSED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
