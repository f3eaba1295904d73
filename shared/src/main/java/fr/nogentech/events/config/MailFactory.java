package fr.nogentech.events.config;

import fr.nogentech.events.api.ManageMailingsApi;
import fr.nogentech.events.api.SubscriptionsApi;
import fr.nogentech.events.crypto.SigningKeys;
import fr.nogentech.events.event.EventPages;
import fr.nogentech.events.mail.MailSender;
import fr.nogentech.events.mail.OutboxMailSender;
import fr.nogentech.events.mail.SesMailSender;
import fr.nogentech.events.mailing.MailLinks;
import fr.nogentech.events.mailing.MonthlyMailing;
import fr.nogentech.events.mailing.ScheduledMailing;
import fr.nogentech.events.store.EventStore;
import fr.nogentech.events.store.MailingStore;
import fr.nogentech.events.store.SubscriberStore;
import fr.nogentech.events.subscription.SubscriptionTokens;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Prototype;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.nio.file.Path;
import java.time.Clock;

/**
 * Wires subscriptions and mailings for the functions that carry SES v2, Jakarta Mail and JMustache. Configuration:
 * {@code MAIL_FROM} (mail.from), {@code SUBSCRIPTION_SECRET} (subscription.secret), optionally
 * {@code SUBSCRIPTION_PREVIOUS_SECRET} (subscription.previous.secret), {@code API_URL} (api.url),
 * {@code MAIL_RATE_PER_SECOND} (mail.rate.per.second), and, in the local run only, {@code outbox.dir}: mail goes to
 * {@code .eml} files there instead of SES.
 */
@Factory
@Requires(classes = {SesV2Client.class, jakarta.mail.internet.MimeMessage.class,
        com.samskivert.mustache.Mustache.class})
public class MailFactory {

    @Singleton
    @Requires(property = "mail.from")
    @Requires(missingProperty = "outbox.dir")
    @Bean(preDestroy = "close")
    SesV2Client ses() {
        return SesV2Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(SdkSystemSetting.AWS_REGION.getStringValueOrThrow()))
                .build();
    }

    @Singleton
    @Requires(property = "mail.from")
    @Requires(missingProperty = "outbox.dir")
    MailSender sesSender(SesV2Client ses, @Value("${mail.from}") String from) {
        return new SesMailSender(ses, from, domainOf(from));
    }

    @Singleton
    @Requires(property = "mail.from")
    @Requires(property = "outbox.dir")
    MailSender outboxSender(@Value("${outbox.dir}") String folder, @Value("${mail.from}") String from, Clock clock) {
        return new OutboxMailSender(Path.of(folder), from, domainOf(from), clock);
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
    @Requires(property = "mail.from")
    @Requires(property = "subscription.secret")
    @Requires(property = "api.url")
    MonthlyMailing monthlyMailing(EventStore events, SubscriberStore subscribers, MailingStore mailings,
                                  MailSender sender, SubscriptionTokens tokens, MailLinks links, Clock clock,
                                  @Value("${mail.rate.per.second:1}") double ratePerSecond) {
        return new MonthlyMailing(events, subscribers, mailings, sender, tokens, links, clock, ratePerSecond);
    }

    @Prototype
    @Requires(property = "mail.from")
    @Requires(property = "subscription.secret")
    @Requires(property = "api.url")
    SubscriptionsApi subscriptionsApi(SubscriberStore subscribers, SubscriptionTokens tokens, MailSender sender,
                                      MailLinks links, Clock clock) {
        return new SubscriptionsApi(subscribers, tokens, sender, links, clock);
    }

    @Prototype
    @Requires(property = "mail.from")
    @Requires(property = "subscription.secret")
    @Requires(property = "api.url")
    ManageMailingsApi manageMailingsApi(MonthlyMailing mailing, MailingStore mailings, SubscriberStore subscribers,
                                        MailSender sender, MailLinks links) {
        return new ManageMailingsApi(mailing, mailings, subscribers, sender, links);
    }

    @Prototype
    @Requires(property = "mail.from")
    @Requires(property = "subscription.secret")
    @Requires(property = "api.url")
    ScheduledMailing scheduledMailing(MonthlyMailing mailing, MailingStore mailings) {
        return new ScheduledMailing(mailing, mailings);
    }

    private static String domainOf(String from) {
        int at = from.lastIndexOf('@');
        return at < 0 ? "nogentech.local" : from.substring(at + 1).replaceAll("[>\\s]", "");
    }
}
