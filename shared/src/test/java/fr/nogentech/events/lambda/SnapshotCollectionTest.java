package fr.nogentech.events.lambda;

import org.junit.jupiter.api.Test;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The collection the handler runs before the snapshot where {@code System.gc()} is disabled: it must be a real one
 * on this JDK, since the template's JVM options rely on it ({@code make bench} measures what it does for the first
 * request).
 */
class SnapshotCollectionTest {

    @Test
    void collectsThroughTheDiagnosticCommand() {
        long before = collections();
        SnapshotCollection.collect();
        assertTrue(collections() > before, "no collection was counted");
    }

    private static long collections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount)
                .sum();
    }
}
