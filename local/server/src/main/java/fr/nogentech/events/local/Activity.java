package fr.nogentech.events.local;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The work the development server does off the request threads: batches of messages being handled, asynchronous
 * invocations queued or running. {@link #changes()} moves on every begin and end, so that a check made of several
 * reads can tell that nothing started or ended while it read.
 */
final class Activity {

    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicLong changes = new AtomicLong();

    void begin() {
        busy.incrementAndGet();
        changes.incrementAndGet();
    }

    void end() {
        changes.incrementAndGet();
        busy.decrementAndGet();
    }

    int busy() {
        return busy.get();
    }

    long changes() {
        return changes.get();
    }
}
