package fr.nogentech.events.local;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks, after a handler test class, that template.yaml grants its function every AWS action the function's calls
 * needed during the tests ({@link SdkCalls} records them; the module registers it in its test resources). A
 * permission the code needs and the template forgot fails the build here, not with AccessDenied in AWS.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ChecksPermissions.Check.class)
public @interface ChecksPermissions {

    /** The function's logical id in template.yaml. */
    String value();

    final class Check implements BeforeAllCallback, AfterAllCallback {

        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Check.class);

        @Override
        public void beforeAll(ExtensionContext context) {
            Set<String> used = ConcurrentHashMap.newKeySet();
            context.getStore(NAMESPACE).put("used", used);
            context.getStore(NAMESPACE).put("recording", SdkCalls.recordActions(used));
        }

        @Override
        @SuppressWarnings("unchecked")
        public void afterAll(ExtensionContext context) throws Exception {
            ((AutoCloseable) context.getStore(NAMESPACE).get("recording")).close();
            Set<String> used = (Set<String>) context.getStore(NAMESPACE).get("used");
            String function = context.getRequiredTestClass()
                    .getAnnotation(ChecksPermissions.class)
                    .value();
            if (used.isEmpty()) {
                throw new AssertionError(function + ": no AWS call was recorded; is SdkCalls registered in the "
                        + "module's test resources?");
            }
            List<String> missing = TemplatePermissions.missing(function, used);
            if (!missing.isEmpty()) {
                throw new AssertionError(
                        "template.yaml does not let " + function + " do " + missing + ", which its code does");
            }
        }
    }
}
