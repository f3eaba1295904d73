package fr.nogentech.events.lambda;

import org.junit.jupiter.api.Test;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The collection the handler runs before the snapshot where {@code System.gc()} is disabled: it must be seen as
 * disabled under the template's JVM option, and the handler's own collection must still run there ({@code make bench}
 * measures what it does for the first request).
 */
class SnapshotCollectionTest {

    @Test
    void collectsThroughTheDiagnosticCommand() {
        long before = collections();
        SnapshotCollection.collect();
        assertTrue(collections() > before, "no collection was counted");
    }

    @Test
    void underTheTemplatesOptionSystemGcDoesNothingAndTheHandlersCollectionRuns() throws Exception {
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:+UseSerialGC",
                        "-XX:+DisableExplicitGC",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Child.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String printed = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM did not end");
        assertEquals("disabled=true System.gc=0 collect=1", printed);
    }

    /** Run in a JVM of its own, with {@code -XX:+DisableExplicitGC}. */
    static final class Child {
        public static void main(String[] args) {
            boolean disabled = SnapshotCollection.explicitGcDisabled();
            long before = collections();
            System.gc();
            long afterSystemGc = collections();
            SnapshotCollection.collect();
            System.out.println("disabled=" + disabled + " System.gc=" + (afterSystemGc - before) + " collect="
                    + (collections() - afterSystemGc));
        }
    }

    private static long collections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount)
                .sum();
    }
}
