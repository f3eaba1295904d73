package fr.nogentech.events.local;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The time limit of the children the tests start holds, and a child that overruns it fails with what it wrote. */
class ChildProcessTest {

    @Test
    void aChildThatEndsGivesItsExitCodeOutputAndErrorsEvenWhenTheyFillThePipes() {
        ChildProcess.Result result = ChildProcess.run(
                new ProcessBuilder(
                        "sh",
                        "-c",
                        "echo out; echo err >&2; head -c 1000000 /dev/zero | tr '\\0' a; "
                                + "head -c 1000000 /dev/zero | tr '\\0' b >&2; exit 3"),
                Duration.ofSeconds(20));
        assertEquals(3, result.exitCode());
        assertEquals("out\n" + "a".repeat(1_000_000), result.output());
        assertEquals("err\n" + "b".repeat(1_000_000), result.errors());
    }

    @Test
    void aChildThatDoesNotEndIsStoppedAtTheTimeLimitAndTheFailureShowsWhatItWrote() {
        long start = System.nanoTime();
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> ChildProcess.run(
                        new ProcessBuilder("sh", "-c", "echo started; echo trouble >&2; sleep 60"),
                        Duration.ofMillis(500)));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMillis < 5_000, "stopped after " + tookMillis + " ms");
        assertTrue(e.getMessage().contains("did not finish within 500 ms"), e.getMessage());
        assertTrue(e.getMessage().contains("started") && e.getMessage().contains("trouble"), e.getMessage());
    }

    @Test
    void aChildWhoseOwnChildHoldsItsOutputOpenFailsAtTheTimeLimit() {
        // sh exits at once, but the sleep it started keeps the output open: reading to the end would wait for it.
        long start = System.nanoTime();
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> ChildProcess.run(
                        new ProcessBuilder("sh", "-c", "echo before; sleep 5 & exit 0"), Duration.ofMillis(800)));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMillis < 3_000, "gave up after " + tookMillis + " ms");
        assertTrue(
                e.getMessage().contains("kept its output open")
                        && e.getMessage().contains("before"),
                e.getMessage());
    }
}
