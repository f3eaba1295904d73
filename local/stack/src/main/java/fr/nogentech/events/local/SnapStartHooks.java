package fr.nogentech.events.local;

import com.amazonaws.services.lambda.crac.Core;

import java.lang.reflect.Method;

/**
 * SnapStart's runtime hooks, run as Lambda's Java runtime runs them around a snapshot: its own CRaC context (which
 * {@code org.crac} hands every registration to, given {@code -Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac}),
 * {@code beforeCheckpoint} on every registered resource, then {@code afterRestore}. No snapshot is taken.
 */
public final class SnapStartHooks {

    private SnapStartHooks() {}

    public static void checkpointAndRestore() {
        loadRuntimeNativeLibrary();
        try {
            Core.getGlobalContext().beforeCheckpoint(null);
            Core.getGlobalContext().afterRestore(null);
        } catch (Exception e) {
            throw new IllegalStateException("a SnapStart hook failed", e);
        }
    }

    /** The runtime's context clears the JVM's DNS cache before the snapshot, natively, with the runtime's library. */
    private static void loadRuntimeNativeLibrary() {
        try {
            Method load = Class.forName("com.amazonaws.services.lambda.runtime.api.client.runtimeapi.JniHelper")
                    .getDeclaredMethod("load");
            load.setAccessible(true);
            load.invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the Lambda runtime's native library cannot be loaded", e);
        }
    }
}
