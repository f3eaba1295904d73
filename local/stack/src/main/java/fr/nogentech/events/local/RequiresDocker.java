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
 * as skipped with the reason, never faked. Where the LocalStack run is wanted (a CI machine with Docker, say),
 * {@code REQUIRE_DOCKER=true} in the environment makes a missing engine fail the class instead of skipping it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresDocker.Condition.class)
public @interface RequiresDocker {

    /** The environment variable that turns the skip into a failure. */
    String REQUIRE_DOCKER = "REQUIRE_DOCKER";

    final class Condition implements ExecutionCondition {

        private static Boolean available;

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            ConditionEvaluationResult result =
                    decide(context.getDisplayName(), dockerAvailable(), System.getenv(REQUIRE_DOCKER));
            if (result.isDisabled()) {
                System.err.println(result.getReason().orElseThrow());
            }
            return result;
        }

        /**
         * Runs the class where Docker answers; skips it where it does not, unless {@code requireDocker} (the
         * environment's {@code REQUIRE_DOCKER}: {@code true}, or {@code false} and unset alike) is {@code true}:
         * then it fails, saying why.
         *
         * @throws IllegalStateException when Docker is required and missing, or REQUIRE_DOCKER is neither true nor
         *                               false: either fails the class
         */
        static ConditionEvaluationResult decide(String testClass, boolean dockerAvailable, String requireDocker) {
            boolean required = "true".equalsIgnoreCase(requireDocker);
            if (!required
                    && requireDocker != null
                    && !requireDocker.isEmpty()
                    && !"false".equalsIgnoreCase(requireDocker)) {
                throw new IllegalStateException(
                        testClass + ": " + REQUIRE_DOCKER + " is true or false, not " + requireDocker);
            }
            if (dockerAvailable) {
                return ConditionEvaluationResult.enabled("a Docker engine is available");
            }
            if (required) {
                throw new IllegalStateException(testClass + " failed: " + REQUIRE_DOCKER + "=true, but no Docker "
                        + "engine is reachable here, so Testcontainers cannot start LocalStack. Start Docker (or let "
                        + "Testcontainers find it), or unset " + REQUIRE_DOCKER + " to skip these tests.");
            }
            return ConditionEvaluationResult.disabled(testClass + " skipped: no Docker engine is reachable here, so "
                    + "Testcontainers cannot start LocalStack; the same tests ran against moto (" + REQUIRE_DOCKER
                    + "=true makes this a failure).");
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
