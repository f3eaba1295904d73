package fr.nogentech.events.announcement;

import java.time.Duration;

/**
 * Spaces sends to at most a rate, whichever thread sends: one per process, shared by every mailing run in it (the
 * mailer function runs one invocation at a time, and its runs in one process keep to the rate together).
 */
public final class SendingPace {

    private final long intervalNanos;
    /** The next free slot; none yet (no clock is read at start-up, which a SnapStart snapshot would freeze). */
    private long next = Long.MIN_VALUE;

    /** At most {@code ratePerSecond} sends a second; no limit when it is 0 or less. */
    public SendingPace(double ratePerSecond) {
        this.intervalNanos = ratePerSecond <= 0 ? 0 : (long) (1_000_000_000L / ratePerSecond);
    }

    /** Waits for this caller's turn. */
    public void await() {
        if (intervalNanos == 0) {
            return;
        }
        long slot;
        synchronized (this) {
            slot = Math.max(next, System.nanoTime());
            next = slot + intervalNanos;
        }
        long wait = slot - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(Duration.ofNanos(wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
