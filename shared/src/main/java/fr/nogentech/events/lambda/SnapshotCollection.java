package fr.nogentech.events.lambda;

import com.sun.management.HotSpotDiagnosticMXBean;

import javax.management.JMException;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;

/**
 * The full collection before SnapStart's snapshot, run by the handler instead of by Lambda's runtime.
 *
 * <p>After the resources' {@code beforeCheckpoint}, Lambda's runtime calls {@code System.gc()}. A full collection
 * arms HotSpot's entry barrier on every compiled method, so a restored environment's first request would send each
 * compiled method of its path through the VM's slow path once: 5 to 18 ms in {@code make bench}, more than the rest
 * of what priming leaves. With {@code -XX:+DisableExplicitGC} (the template's {@code JAVA_TOOL_OPTIONS}) that call does
 * nothing, and the handler collects here instead, through the diagnostic command behind {@code jcmd GC.run} (which the
 * flag does not disable), before it rehearses its path once more: the snapshot still follows a full collection, and the request path's
 * barriers are already passed.
 */
public final class SnapshotCollection {

    private SnapshotCollection() {}

    /**
     * Whether {@code System.gc()} does nothing in this JVM, so that the runtime's collection will not happen. False
     * where the JVM cannot say (no {@code jdk.management} module, not HotSpot): then nothing is changed.
     */
    public static boolean explicitGcDisabled() {
        try {
            HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return hotSpot != null
                    && Boolean.parseBoolean(
                            hotSpot.getVMOption("DisableExplicitGC").getValue());
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** A full collection, even where {@code System.gc()} is disabled. */
    public static void collect() {
        try {
            ManagementFactory.getPlatformMBeanServer()
                    .invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcRun", null, null);
        } catch (JMException e) {
            throw new IllegalStateException("the JVM's GC.run diagnostic command failed", e);
        }
    }
}
