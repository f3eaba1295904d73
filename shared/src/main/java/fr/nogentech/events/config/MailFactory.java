package fr.nogentech.events.config;

import fr.nogentech.events.announcement.MailerTrigger;
import fr.nogentech.events.announcement.MailingSchedule;
import fr.nogentech.events.announcement.MonthlyMailing;
import fr.nogentech.events.announcement.ScheduledMailing;
import fr.nogentech.events.announcement.SendingPace;
import fr.nogentech.events.api.ManageMailingsApi;
import fr.nogentech.events.email.MailLinks;
import fr.nogentech.events.email.MailSender;
import fr.nogentech.events.email.OutboxMailSender;
import fr.nogentech.events.email.SesMailSender;
import fr.nogentech.events.registration.RegistrationErasure;
import fr.nogentech.events.registration.RegistrationLinks;
import fr.nogentech.events.store.DailyQuota;
import fr.nogentech.events.store.EventStore;
import fr.nogentech.events.store.MailingStore;
import fr.nogentech.events.store.SubscriberStore;
import fr.nogentech.events.subscription.Confirmations;
import fr.nogentech.events.subscription.SubscriptionTokens;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Prototype;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Wires what sends mail, for the functions that carry SES v2, Jakarta Mail and JMustache: the confirmations, the
 * monthly mailing and the administrators' mailing routes, in the functions that set {@code MAIL_FROM}. The keys
 * are in {@link ConfigKeys}; in the local run only, {@code OUTBOX_DIR} sends mail to {@code .eml} files there
 * instead of SES. The administrators' {@code /send} reaches the mailer through {@link MailerTriggerFactory}.
 */
@Factory
@Requires(
        classes = {SesV2Client.class, jakarta.mail.internet.MimeMessage.class, com.samskivert.mustache.Mustache.class})
@Requires(property = ConfigKeys.MAIL_FROM)
public class MailFactory {

    @Singleton
    @Requires(missingProperty = ConfigKeys.OUTBOX_DIR)
    @Bean(preDestroy = "close")
    SesV2Client ses() {
        return AwsClients.build(SesV2Client.builder(), Duration.ofSeconds(20), Duration.ofSeconds(8));
    }

    @Singleton
    @Requires(missingProperty = ConfigKeys.OUTBOX_DIR)
    MailSender sesSender(
            SesV2Client ses,
            @Value("${" + ConfigKeys.MAIL_FROM + "}") String from,
            @Value("${" + ConfigKeys.MAIL_CONFIGURATION_SET + ":}") String configurationSet) {
        return new SesMailSender(ses, from, domainOf(from), configurationSet);
    }

    @Singleton
    @Requires(property = ConfigKeys.OUTBOX_DIR)
    MailSender outboxSender(
            @Value("${" + ConfigKeys.OUTBOX_DIR + "}") String folder,
            @Value("${" + ConfigKeys.MAIL_FROM + "}") String from,
            Clock clock) {
        return new OutboxMailSender(Path.of(folder), from, domainOf(from), clock);
    }

    /** One pace per process: every mailing run in it keeps to the rate together. */
    @Singleton
    SendingPace sendingPace(@Value("${" + ConfigKeys.MAIL_RATE_PER_SECOND + ":1}") double ratePerSecond) {
        return new SendingPace(ratePerSecond);
    }

    @Prototype
    MonthlyMailing monthlyMailing(
            EventStore events,
            SubscriberStore subscribers,
            MailingStore mailings,
            MailSender sender,
            SubscriptionTokens tokens,
            MailLinks links,
            Clock clock,
            SendingPace pace,
            RegistrationLinks registrationLinks) {
        return new MonthlyMailing(events, subscribers, mailings, sender, tokens, links, clock, pace, registrationLinks);
    }

    @Prototype
    ManageMailingsApi manageMailingsApi(
            MonthlyMailing mailing,
            MailingStore mailings,
            SubscriberStore subscribers,
            MailSender sender,
            MailLinks links,
            MailerTrigger mailer,
            RegistrationErasure registrations,
            Clock clock) {
        return new ManageMailingsApi(mailing, mailings, subscribers, sender, links, mailer, registrations, clock);
    }

    @Prototype
    ScheduledMailing scheduledMailing(
            MonthlyMailing mailing,
            MailingStore mailings,
            @Value("${" + ConfigKeys.MAILING_SCHEDULE + ":}") String schedule) {
        return new ScheduledMailing(mailing, mailings, MailingSchedule.parse(schedule));
    }

    @Prototype
    @Requires(property = ConfigKeys.EVENTS_TABLE)
    @Requires(property = ConfigKeys.CONFIRMATION_DAILY_CAP)
    Confirmations confirmations(
            SubscriberStore subscribers,
            DynamoDbClient dynamoDb,
            @Value("${" + ConfigKeys.EVENTS_TABLE + "}") String table,
            @Value("${" + ConfigKeys.CONFIRMATION_DAILY_CAP + "}") long dailyCap,
            SubscriptionTokens tokens,
            MailSender sender,
            MailLinks links,
            Clock clock) {
        return new Confirmations(
                subscribers, new DailyQuota(dynamoDb, table, "confirmations", dailyCap), tokens, sender, links, clock);
    }

    private static String domainOf(String from) {
        int at = from.lastIndexOf('@');
        return at < 0 ? "nogentech.local" : from.substring(at + 1).replaceAll("[>\\s]", "");
    }
}
