package fr.nogentech.events.local;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test class only where a Docker engine answers (Testcontainers' own check); elsewhere the class is reported
 * as skipped with the reason, never faked.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresDocker.Condition.class)
public @interface RequiresDocker {

    final class Condition implements ExecutionCondition {

        private static Boolean available;

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (dockerAvailable()) {
                return ConditionEvaluationResult.enabled("a Docker engine is available");
            }
            String reason = context.getDisplayName() + " skipped: no Docker engine is reachable here, so "
                    + "Testcontainers cannot start LocalStack; the same tests ran against moto.";
            System.err.println(reason);
            return ConditionEvaluationResult.disabled(reason);
        }

        private static synchronized boolean dockerAvailable() {
            if (available == null) {
                try {
                    available = DockerClientFactory.instance().isDockerAvailable();
                } catch (RuntimeException e) {
                    available = false;
                }
            }
            return available;
        }
    }
}
