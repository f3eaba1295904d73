package fr.nogentech.events.config;

import fr.nogentech.events.api.ManageMailingsApi;
import fr.nogentech.events.mail.MailSender;
import fr.nogentech.events.mail.OutboxMailSender;
import fr.nogentech.events.mail.SesMailSender;
import fr.nogentech.events.mailing.MailLinks;
import fr.nogentech.events.mailing.MailerTrigger;
import fr.nogentech.events.mailing.MailingSchedule;
import fr.nogentech.events.mailing.MonthlyMailing;
import fr.nogentech.events.mailing.ScheduledMailing;
import fr.nogentech.events.mailing.SendingPace;
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
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Wires what sends mail, for the functions that carry SES v2, Jakarta Mail and JMustache: the confirmations, the
 * monthly mailing and the administrators' mailing routes. Configuration: {@code MAIL_FROM} (mail.from),
 * {@code MAIL_CONFIGURATION_SET} (mail.configuration.set), {@code MAIL_RATE_PER_SECOND} (mail.rate.per.second),
 * {@code CONFIRMATION_DAILY_CAP} (confirmation.daily.cap), {@code MAILING_SCHEDULE} (mailing.schedule),
 * {@code MAILER_FUNCTION} (mailer.function), and, in the local run only, {@code outbox.dir}: mail goes to
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
        return AwsClients.build(SesV2Client.builder(), Duration.ofSeconds(20), Duration.ofSeconds(8));
    }

    @Singleton
    @Requires(property = "mail.from")
    @Requires(missingProperty = "outbox.dir")
    MailSender sesSender(SesV2Client ses, @Value("${mail.from}") String from,
                         @Value("${mail.configuration.set:}") String configurationSet) {
        return new SesMailSender(ses, from, domainOf(from), configurationSet);
    }

    @Singleton
    @Requires(property = "mail.from")
    @Requires(property = "outbox.dir")
    MailSender outboxSender(@Value("${outbox.dir}") String folder, @Value("${mail.from}") String from, Clock clock) {
        return new OutboxMailSender(Path.of(folder), from, domainOf(from), clock);
    }

    /** One pace per process: every mailing run in it keeps to the rate together. */
    @Singleton
    @Requires(property = "mail.from")
    SendingPace sendingPace(@Value("${mail.rate.per.second:1}") double ratePerSecond) {
        return new SendingPace(ratePerSecond);
    }

    @Prototype
    @Requires(property = "mail.from")
    @Requires(property = "subscription.secret")
    @Requires(property = "api.url")
    MonthlyMailing monthlyMailing(EventStore events, SubscriberStore subscribers, MailingStore mailings,
                                  MailSender sender, SubscriptionTokens tokens, MailLinks links, Clock clock,
                                  SendingPace pace) {
        return new MonthlyMailing(events, subscribers, mailings, sender, tokens, links, clock, pace);
    }

    @Singleton
    @Requires(property = "mailer.function")
    @Requires(classes = LambdaClient.class)
    @Bean(preDestroy = "close")
    LambdaClient lambda() {
        return AwsClients.build(LambdaClient.builder(), Duration.ofSeconds(10), Duration.ofSeconds(4));
    }

    @Prototype
    @Requires(property = "mailer.function")
    @Requires(classes = LambdaClient.class)
    MailerTrigger mailerTrigger(LambdaClient lambda, @Value("${mailer.function}") String function) {
        return new MailerTrigger(lambda, function);
    }

    @Prototype
    @Requires(property = "mail.from")
    @Requires(property = "subscription.secret")
    @Requires(property = "api.url")
    @Requires(property = "mailer.function")
    ManageMailingsApi manageMailingsApi(MonthlyMailing mailing, MailingStore mailings, SubscriberStore subscribers,
                                        MailSender sender, MailLinks links, MailerTrigger mailer, Clock clock) {
        return new ManageMailingsApi(mailing, mailings, subscribers, sender, links, mailer, clock);
    }

    @Prototype
    @Requires(property = "mail.from")
    @Requires(property = "subscription.secret")
    @Requires(property = "api.url")
    ScheduledMailing scheduledMailing(MonthlyMailing mailing, MailingStore mailings,
                                      @Value("${mailing.schedule:}") String schedule) {
        return new ScheduledMailing(mailing, mailings, MailingSchedule.parse(schedule));
    }

    @Prototype
    @Requires(property = "mail.from")
    @Requires(property = "events.table")
    @Requires(property = "confirmation.daily.cap")
    Confirmations confirmations(SubscriberStore subscribers, DynamoDbClient dynamoDb,
                                @Value("${events.table}") String table,
                                @Value("${confirmation.daily.cap}") long dailyCap, SubscriptionTokens tokens,
                                MailSender sender, MailLinks links, Clock clock) {
        return new Confirmations(subscribers, new DailyQuota(dynamoDb, table, "confirmations", dailyCap), tokens,
                sender, links, clock);
    }

    private static String domainOf(String from) {
        int at = from.lastIndexOf('@');
        return at < 0 ? "nogentech.local" : from.substring(at + 1).replaceAll("[>\\s]", "");
    }
}
