package fr.nogentech.events.config;

import fr.nogentech.events.api.RegistrationListApi;
import fr.nogentech.events.api.RegistrationsApi;
import fr.nogentech.events.crypto.SigningKeys;
import fr.nogentech.events.email.MailLinks;
import fr.nogentech.events.email.MailSender;
import fr.nogentech.events.event.EventPages;
import fr.nogentech.events.registration.RegistrantNotices;
import fr.nogentech.events.registration.RegistrationErasure;
import fr.nogentech.events.registration.RegistrationLinks;
import fr.nogentech.events.registration.RegistrationMails;
import fr.nogentech.events.registration.RegistrationTokens;
import fr.nogentech.events.registration.Registrations;
import fr.nogentech.events.store.DailyQuota;
import fr.nogentech.events.store.EventStore;
import fr.nogentech.events.store.RegistrationStore;
import fr.nogentech.events.store.SubscriberStore;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Prototype;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

/**
 * Wires registrations: the store and the links' tokens for every function that reads them (the announcement signs
 * "Je m'inscris" links, the administrators list registrations), and, where mail goes ({@code MAIL_FROM}), the
 * registrations themselves and their public routes. The links are signed with the subscription links' keys
 * ({@code SUBSCRIPTION_SECRET}); {@code REGISTRATION_DAILY_CAP} (200) caps the confirmation emails of a day.
 */
@Factory
public class RegistrationFactory {

    @Prototype
    @Requires(property = ConfigKeys.EVENTS_TABLE)
    RegistrationStore registrationStore(
            DynamoDbClient dynamoDb, @Value("${" + ConfigKeys.EVENTS_TABLE + "}") String table) {
        return new RegistrationStore(dynamoDb, table);
    }

    @Prototype
    @Requires(property = ConfigKeys.SUBSCRIPTION_SECRET)
    RegistrationTokens registrationTokens(
            @Value("${" + ConfigKeys.SUBSCRIPTION_SECRET + "}") String secret,
            @Value("${" + ConfigKeys.SUBSCRIPTION_PREVIOUS_SECRET + ":}") String previousSecret) {
        return new RegistrationTokens(SigningKeys.of(secret, ConfigKeys.describe(ConfigKeys.SUBSCRIPTION_SECRET))
                .withPrevious(previousSecret, ConfigKeys.describe(ConfigKeys.SUBSCRIPTION_PREVIOUS_SECRET)));
    }

    @Prototype
    RegistrationLinks registrationLinks(RegistrationTokens tokens, MailLinks links) {
        return new RegistrationLinks(tokens, links);
    }

    @Prototype
    @Requires(
            classes = {
                jakarta.mail.internet.MimeMessage.class,
                com.samskivert.mustache.Mustache.class,
                biweekly.ICalendar.class
            })
    @Requires(property = ConfigKeys.MAIL_FROM)
    RegistrationMails registrationMails(
            MailLinks links, EventPages pages, @Value("${" + ConfigKeys.MAIL_FROM + "}") String from) {
        return new RegistrationMails(links, pages, from);
    }

    @Prototype
    @Requires(property = ConfigKeys.EVENTS_TABLE)
    Registrations registrations(
            EventStore events,
            RegistrationStore store,
            RegistrationLinks links,
            RegistrationMails mails,
            MailSender sender,
            DynamoDbClient dynamoDb,
            @Value("${" + ConfigKeys.EVENTS_TABLE + "}") String table,
            @Value("${" + ConfigKeys.REGISTRATION_DAILY_CAP + ":200}") long dailyCap,
            Clock clock) {
        return new Registrations(
                events, store, links, mails, sender, new DailyQuota(dynamoDb, table, "registrations", dailyCap), clock);
    }

    /** The registration mailer's work: change notices, reminders, the sweep. */
    @Prototype
    RegistrantNotices registrantNotices(
            EventStore events,
            RegistrationStore store,
            Registrations registrations,
            RegistrationMails mails,
            MailSender sender,
            Clock clock) {
        return new RegistrantNotices(events, store, registrations, mails, sender, clock);
    }

    /**
     * The erasure of an address's registrations (erasing a subscriber erases them): where the function can send mail,
     * a freed seat goes to the first waiting at once, who is told; elsewhere it stays free.
     */
    @Prototype
    RegistrationErasure registrationErasure(
            RegistrationStore store, EventStore events, @Nullable Registrations registrations, Clock clock) {
        return new RegistrationErasure(store, events, registrations, clock);
    }

    /** The administrators' list of an event's registrations (the function that manages events serves it). */
    @Prototype
    RegistrationListApi registrationListApi(EventStore events, RegistrationStore store) {
        return new RegistrationListApi(events, store);
    }

    @Prototype
    RegistrationsApi registrationsApi(
            Registrations registrations,
            EventStore events,
            SubscriberStore subscribers,
            RegistrationTokens tokens,
            MailLinks links,
            Clock clock) {
        return new RegistrationsApi(registrations, events, subscribers, tokens, links, clock);
    }
}
