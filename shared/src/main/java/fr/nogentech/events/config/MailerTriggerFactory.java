package fr.nogentech.events.config;

import fr.nogentech.events.announcement.MailerTrigger;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Prototype;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.time.Duration;

/**
 * Wires how the administrators' {@code /send} hands a month to the mailer function (an asynchronous invocation), in
 * the function that carries the Lambda client and sets {@code MAILER_FUNCTION}.
 */
@Factory
@Requires(classes = LambdaClient.class)
@Requires(property = ConfigKeys.MAILER_FUNCTION)
public class MailerTriggerFactory {

    @Singleton
    @Bean(preDestroy = "close")
    LambdaClient lambda() {
        return AwsClients.build(LambdaClient.builder(), Duration.ofSeconds(10), Duration.ofSeconds(4));
    }

    @Prototype
    MailerTrigger mailerTrigger(LambdaClient lambda, @Value("${" + ConfigKeys.MAILER_FUNCTION + "}") String function) {
        return new MailerTrigger(lambda, function);
    }
}
