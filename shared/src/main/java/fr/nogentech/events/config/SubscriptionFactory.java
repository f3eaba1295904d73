package fr.nogentech.events.config;

import fr.nogentech.events.api.SubscriptionsApi;
import fr.nogentech.events.crypto.SigningKeys;
import fr.nogentech.events.event.EventPages;
import fr.nogentech.events.mailing.MailLinks;
import fr.nogentech.events.store.MailingStore;
import fr.nogentech.events.store.SubscriberStore;
import fr.nogentech.events.subscription.ConfirmationQueue;
import fr.nogentech.events.subscription.MailFeedback;
import fr.nogentech.events.subscription.SubscriptionTokens;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Prototype;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;
import java.time.Duration;

/**
 * Wires the subscribers' side, which sends no mail itself: the subscription routes (they queue requests), and the
 * mail feedback (bounces and complaints). Configuration: {@code SUBSCRIPTION_SECRET} (subscription.secret),
 * optionally {@code SUBSCRIPTION_PREVIOUS_SECRET} (subscription.previous.secret), {@code API_URL} (api.url),
 * {@code CONFIRMATION_QUEUE_URL} (confirmation.queue.url).
 */
@Factory
public class SubscriptionFactory {

    @Singleton
    @Requires(property = "confirmation.queue.url")
    @Requires(classes = SqsClient.class)
    @Bean(preDestroy = "close")
    SqsClient sqs() {
        return AwsClients.build(SqsClient.builder(), Duration.ofSeconds(5), Duration.ofSeconds(2));
    }

    @Prototype
    @Requires(property = "confirmation.queue.url")
    @Requires(classes = SqsClient.class)
    ConfirmationQueue confirmationQueue(SqsClient sqs, @Value("${confirmation.queue.url}") String url) {
        return new ConfirmationQueue(sqs, url);
    }

    /** The previous secret, while a rotation lasts, still accepts the links it signed; empty means none. */
    @Prototype
    @Requires(property = "subscription.secret")
    SubscriptionTokens subscriptionTokens(@Value("${subscription.secret}") String secret,
                                          @Value("${subscription.previous.secret:}") String previousSecret) {
        return new SubscriptionTokens(SigningKeys.of(secret, "subscription.secret (SUBSCRIPTION_SECRET)")
                .withPrevious(previousSecret, "subscription.previous.secret (SUBSCRIPTION_PREVIOUS_SECRET)"));
    }

    @Prototype
    @Requires(property = "api.url")
    @Requires(property = "event.page.url")
    MailLinks mailLinks(@Value("${api.url}") String apiUrl, EventPages pages) {
        return new MailLinks(apiUrl, pages);
    }

    @Prototype
    @Requires(property = "events.table")
    SubscriberStore subscriberStore(DynamoDbClient dynamoDb, @Value("${events.table}") String table) {
        return new SubscriberStore(dynamoDb, table);
    }

    @Prototype
    @Requires(property = "events.table")
    MailingStore mailingStore(DynamoDbClient dynamoDb, @Value("${events.table}") String table) {
        return new MailingStore(dynamoDb, table);
    }

    @Prototype
    @Requires(property = "confirmation.queue.url")
    @Requires(property = "subscription.secret")
    @Requires(property = "api.url")
    @Requires(classes = {SqsClient.class, com.samskivert.mustache.Mustache.class})
    SubscriptionsApi subscriptionsApi(SubscriberStore subscribers, SubscriptionTokens tokens,
                                      ConfirmationQueue requests, MailLinks links, Clock clock) {
        return new SubscriptionsApi(subscribers, tokens, requests, links, clock);
    }

    @Prototype
    @Requires(property = "events.table")
    MailFeedback mailFeedback(SubscriberStore subscribers, MailingStore mailings, Clock clock) {
        return new MailFeedback(subscribers, mailings, clock);
    }
}
