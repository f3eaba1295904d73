package fr.nogentech.events.subscription;

import java.time.Instant;

/** Someone who asked for the monthly announcement. Only {@code CONFIRMED} subscribers receive mailings. */
public record Subscriber(String email, String hash, State state, Instant since) {

    public enum State {
        PENDING, CONFIRMED, UNSUBSCRIBED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
