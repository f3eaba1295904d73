package fr.nogentech.events.config;

import fr.nogentech.events.api.SubscriptionsApi;
import fr.nogentech.events.crypto.SigningKeys;
import fr.nogentech.events.email.MailLinks;
import fr.nogentech.events.event.EventPages;
import fr.nogentech.events.store.MailingStore;
import fr.nogentech.events.store.SubscriberStore;
import fr.nogentech.events.subscription.ConfirmationQueue;
import fr.nogentech.events.subscription.MailFeedback;
import fr.nogentech.events.subscription.SubscriptionTokens;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Prototype;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;

/**
 * Wires the subscribers' side, which sends no mail itself: the subscription routes (they queue requests), and the
 * mail feedback (bounces and complaints). Configuration ({@link ConfigKeys}): {@code SUBSCRIPTION_SECRET},
 * optionally {@code SUBSCRIPTION_PREVIOUS_SECRET}, {@code API_URL}; the queue is {@link ConfirmationQueueFactory}'s.
 */
@Factory
public class SubscriptionFactory {

    /** The previous secret, while a rotation lasts, still accepts the links it signed; empty means none. */
    @Prototype
    @Requires(property = ConfigKeys.SUBSCRIPTION_SECRET)
    SubscriptionTokens subscriptionTokens(
            @Value("${" + ConfigKeys.SUBSCRIPTION_SECRET + "}") String secret,
            @Value("${" + ConfigKeys.SUBSCRIPTION_PREVIOUS_SECRET + ":}") String previousSecret) {
        return new SubscriptionTokens(SigningKeys.of(secret, ConfigKeys.describe(ConfigKeys.SUBSCRIPTION_SECRET))
                .withPrevious(previousSecret, ConfigKeys.describe(ConfigKeys.SUBSCRIPTION_PREVIOUS_SECRET)));
    }

    @Prototype
    @Requires(property = ConfigKeys.API_URL)
    MailLinks mailLinks(@Value("${" + ConfigKeys.API_URL + "}") String apiUrl, EventPages pages) {
        return new MailLinks(apiUrl, pages);
    }

    @Prototype
    @Requires(property = ConfigKeys.EVENTS_TABLE)
    SubscriberStore subscriberStore(
            DynamoDbClient dynamoDb, @Value("${" + ConfigKeys.EVENTS_TABLE + "}") String table) {
        return new SubscriberStore(dynamoDb, table);
    }

    @Prototype
    @Requires(property = ConfigKeys.EVENTS_TABLE)
    MailingStore mailingStore(DynamoDbClient dynamoDb, @Value("${" + ConfigKeys.EVENTS_TABLE + "}") String table) {
        return new MailingStore(dynamoDb, table);
    }

    @Prototype
    @Requires(classes = {SqsClient.class, com.samskivert.mustache.Mustache.class})
    SubscriptionsApi subscriptionsApi(
            SubscriberStore subscribers,
            SubscriptionTokens tokens,
            ConfirmationQueue requests,
            MailLinks links,
            Clock clock) {
        return new SubscriptionsApi(subscribers, tokens, requests, links, clock);
    }

    @Prototype
    MailFeedback mailFeedback(SubscriberStore subscribers, MailingStore mailings, Clock clock) {
        return new MailFeedback(subscribers, mailings, clock);
    }
}
