package fr.nogentech.events.announcement;

import java.util.function.BooleanSupplier;

/** Whether an invocation may go on: until {@code marginMillis} before its time limit. */
public final class TimeLeft {

    private TimeLeft() {}

    /**
     * @param remainingMillis what Lambda says is left, or null outside Lambda (then {@code defaultMillis})
     */
    public static BooleanSupplier until(Integer remainingMillis, long defaultMillis, long marginMillis) {
        long deadline = System.currentTimeMillis() + (remainingMillis == null ? defaultMillis : remainingMillis);
        return () -> deadline - System.currentTimeMillis() > marginMillis;
    }
}
