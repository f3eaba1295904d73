package fr.nogentech.events.announcement;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The mailing's rate limit on a clock the test moves: each send waits for its slot, one interval after the previous
 * one, whatever thread sends; nobody waits without a rate. No real time passes.
 */
class SendingPaceTest {

    private static final long MS = 1_000_000L;

    /** A clock the sleeps move forward, as Thread.sleep would, recording what they waited. */
    private final AtomicLong now = new AtomicLong(7_000 * MS);

    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    private SendingPace pace(double rate) {
        return new SendingPace(rate, now::get, wait -> {
            sleeps.add(wait);
            now.addAndGet(wait.toNanos());
        });
    }

    @Test
    void sendsBackToBackAreSpacedOneIntervalApart() {
        SendingPace fourASecond = pace(4);
        long start = now.get();
        List<Long> turns = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            fourASecond.await();
            turns.add((now.get() - start) / MS);
        }
        assertEquals(List.of(0L, 250L, 500L, 750L, 1000L), turns, "ms after the first send");
        assertEquals(
                List.of(Duration.ofMillis(250), Duration.ofMillis(250), Duration.ofMillis(250), Duration.ofMillis(250)),
                sleeps);
    }

    @Test
    void aSenderSlowerThanTheRateNeverWaitsAndAPauseSavesNoBurst() {
        SendingPace fourASecond = pace(4);
        for (int i = 0; i < 3; i++) {
            fourASecond.await();
            now.addAndGet(300 * MS);
        }
        assertEquals(List.of(), sleeps, "each send came 300 ms after the last");

        now.addAndGet(10_000 * MS);
        fourASecond.await();
        fourASecond.await();
        assertEquals(List.of(Duration.ofMillis(250)), sleeps, "ten idle seconds allow no second send at once");
    }

    @Test
    void withoutARateNobodyWaits() {
        for (double rate : new double[] {0, -1}) {
            SendingPace unlimited = pace(rate);
            for (int i = 0; i < 100; i++) {
                unlimited.await();
            }
        }
        assertEquals(List.of(), sleeps);
    }

    @Test
    void threadsSharingThePaceTakeDistinctSlotsOneIntervalApart() throws Exception {
        // The time stands still here: each caller's turn is when its wait would end.
        List<Long> turns = new CopyOnWriteArrayList<>();
        long start = now.get();
        SendingPace tenASecond = new SendingPace(10, now::get, wait -> turns.add(wait.toNanos() / MS));
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                done.add(senders.submit(() -> {
                    for (int i = 0; i < 5; i++) {
                        tenASecond.await();
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            senders.shutdown();
        }
        assertEquals(start, now.get());
        // The first caller goes at once (no wait); the 19 others wait 100 ms, 200 ms… 1.9 s.
        assertEquals(
                LongStream.rangeClosed(1, 19).map(i -> i * 100).boxed().toList(),
                turns.stream().sorted().toList());
    }
}
