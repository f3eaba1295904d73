package fr.nogentech.events.config;

import fr.nogentech.events.subscription.ConfirmationQueue;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Prototype;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Duration;

/**
 * Wires the queue of subscription requests, in the function that carries the SQS client and sets
 * {@code CONFIRMATION_QUEUE_URL}: the subscription routes put requests on it.
 */
@Factory
@Requires(classes = SqsClient.class)
@Requires(property = ConfigKeys.CONFIRMATION_QUEUE_URL)
public class ConfirmationQueueFactory {

    @Singleton
    @Bean(preDestroy = "close")
    SqsClient sqs() {
        return AwsClients.build(SqsClient.builder(), Duration.ofSeconds(5), Duration.ofSeconds(2));
    }

    @Prototype
    ConfirmationQueue confirmationQueue(
            SqsClient sqs, @Value("${" + ConfigKeys.CONFIRMATION_QUEUE_URL + "}") String url) {
        return new ConfirmationQueue(sqs, url);
    }
}
