package fr.nogentech.events.announcement;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Spaces sends to at most a rate, whichever thread sends: one per process, shared by every mailing run in it (the
 * mailer function runs one invocation at a time, and its runs in one process keep to the rate together).
 */
public final class SendingPace {

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Consumer<Duration> sleep;
    /** The next free slot; none yet (no clock is read at start-up, which a SnapStart snapshot would freeze). */
    private long next = Long.MIN_VALUE;

    /** At most {@code ratePerSecond} sends a second; no limit when it is 0 or less. */
    public SendingPace(double ratePerSecond) {
        this(ratePerSecond, System::nanoTime, SendingPace::sleep);
    }

    /** As {@link #SendingPace(double)}, reading the time and waiting through these: what a test of the pace sets. */
    SendingPace(double ratePerSecond, LongSupplier nanoTime, Consumer<Duration> sleep) {
        this.intervalNanos = ratePerSecond <= 0 ? 0 : (long) (1_000_000_000L / ratePerSecond);
        this.nanoTime = nanoTime;
        this.sleep = sleep;
    }

    /** Waits for this caller's turn. */
    public void await() {
        if (intervalNanos == 0) {
            return;
        }
        long slot;
        synchronized (this) {
            slot = Math.max(next, nanoTime.getAsLong());
            next = slot + intervalNanos;
        }
        long wait = slot - nanoTime.getAsLong();
        if (wait > 0) {
            sleep.accept(Duration.ofNanos(wait));
        }
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
