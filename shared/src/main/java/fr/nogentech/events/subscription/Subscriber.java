package fr.nogentech.events.subscription;

import java.time.Instant;

/**
 * Someone who asked for the monthly announcement. Only {@code CONFIRMED} subscribers receive mailings. An
 * unsubscribed or suppressed subscriber is kept by the hash of their address only: {@code email} is null.
 */
public record Subscriber(String email, String hash, State state, Instant since) {

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
