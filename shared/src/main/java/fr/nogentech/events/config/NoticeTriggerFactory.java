package fr.nogentech.events.config;

import fr.nogentech.events.registration.NoticeTrigger;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Prototype;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.time.Duration;

/**
 * Wires how the administrators' changes of events reach the registration mailer (an asynchronous invocation), in the
 * function that carries the Lambda client and sets {@code REGISTRATION_MAILER_FUNCTION}.
 */
@Factory
@Requires(classes = LambdaClient.class)
@Requires(property = ConfigKeys.REGISTRATION_MAILER_FUNCTION)
public class NoticeTriggerFactory {

    /** The Lambda client, unless the mailing's trigger built one already (a function that sets both). */
    @Singleton
    @Requires(missingProperty = ConfigKeys.MAILER_FUNCTION)
    @Bean(preDestroy = "close")
    LambdaClient noticeLambda() {
        return AwsClients.build(LambdaClient.builder(), Duration.ofSeconds(10), Duration.ofSeconds(4));
    }

    @Prototype
    NoticeTrigger noticeTrigger(
            LambdaClient lambda, @Value("${" + ConfigKeys.REGISTRATION_MAILER_FUNCTION + "}") String function) {
        return new NoticeTrigger(lambda, function);
    }
}
