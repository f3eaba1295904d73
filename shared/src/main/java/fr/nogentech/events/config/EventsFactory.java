package fr.nogentech.events.config;

import fr.nogentech.events.api.CalendarApi;
import fr.nogentech.events.api.GetEventApi;
import fr.nogentech.events.api.GetSeriesApi;
import fr.nogentech.events.api.ListEventsApi;
import fr.nogentech.events.api.ManageEventsApi;
import fr.nogentech.events.api.RegistrationListApi;
import fr.nogentech.events.auth.AdminAuthorizer;
import fr.nogentech.events.auth.AdminTokens;
import fr.nogentech.events.calendar.EventCalendar;
import fr.nogentech.events.crypto.SigningKeys;
import fr.nogentech.events.event.EventPages;
import fr.nogentech.events.query.EventQueryParser;
import fr.nogentech.events.query.PageCursor;
import fr.nogentech.events.registration.NoticeTrigger;
import fr.nogentech.events.store.EventStore;
import fr.nogentech.events.store.RegistrationStore;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Prototype;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Duration;

/**
 * Wires the plain-Java domain for the handlers. In Lambda, Micronaut creates every singleton at start-up (in the init
 * phase), so each bean that reads a key requires it (a function whose template entry does not set, say,
 * {@code CURSOR_SECRET} never builds the beans that need it), and the operations are prototypes, built only for the
 * handler that injects one: they need no requirement of their own, their dependencies carry them.
 *
 * <p>Configuration, from the environment ({@link ConfigKeys} names each key): {@code EVENTS_TABLE},
 * {@code CURSOR_SECRET}, optionally {@code CURSOR_PREVIOUS_SECRET}, {@code ADMIN_TOKEN_HASHES},
 * {@code EVENT_PAGE_URL}, and the SDK's own {@code AWS_REGION}, {@code AWS_ENDPOINT_URL} and credentials.
 */
@Factory
public class EventsFactory {

    @Singleton
    @Requires(property = ConfigKeys.EVENTS_TABLE)
    @Bean(preDestroy = "close")
    DynamoDbClient dynamoDb() {
        return AwsClients.build(DynamoDbClient.builder(), Duration.ofSeconds(10), Duration.ofSeconds(3));
    }

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    @Requires(property = ConfigKeys.EVENTS_TABLE)
    EventStore eventStore(
            DynamoDbClient dynamoDb, @Value("${" + ConfigKeys.EVENTS_TABLE + "}") String table, Clock clock) {
        return new EventStore(dynamoDb, table, clock);
    }

    /** The previous secret, while a rotation lasts, still reads the cursors it signed; empty means none. */
    @Singleton
    @Requires(property = ConfigKeys.CURSOR_SECRET)
    PageCursor pageCursor(
            @Value("${" + ConfigKeys.CURSOR_SECRET + "}") String secret,
            @Value("${" + ConfigKeys.CURSOR_PREVIOUS_SECRET + ":}") String previousSecret) {
        return new PageCursor(SigningKeys.of(secret, ConfigKeys.describe(ConfigKeys.CURSOR_SECRET))
                .withPrevious(previousSecret, ConfigKeys.describe(ConfigKeys.CURSOR_PREVIOUS_SECRET)));
    }

    @Prototype
    ListEventsApi listEventsApi(EventStore store, RegistrationStore registrations, PageCursor cursors, Clock clock) {
        return new ListEventsApi(store, registrations, new EventQueryParser(cursors), clock);
    }

    @Prototype
    ManageEventsApi manageEventsApi(
            EventStore store, RegistrationListApi registrations, @Nullable NoticeTrigger notices) {
        return new ManageEventsApi(store, registrations, notices);
    }

    @Prototype
    @Requires(property = ConfigKeys.ADMIN_TOKEN_HASHES)
    AdminAuthorizer adminAuthorizer(@Value("${" + ConfigKeys.ADMIN_TOKEN_HASHES + "}") String hashes) {
        return new AdminAuthorizer(AdminTokens.parse(hashes));
    }

    @Singleton
    @Requires(property = ConfigKeys.EVENT_PAGE_URL)
    EventPages eventPages(@Value("${" + ConfigKeys.EVENT_PAGE_URL + "}") String template) {
        return new EventPages(template);
    }

    @Prototype
    GetEventApi getEventApi(EventStore store, RegistrationStore registrations, EventPages pages, Clock clock) {
        return new GetEventApi(store, registrations, pages, clock);
    }

    @Prototype
    @Requires(classes = biweekly.ICalendar.class)
    CalendarApi calendarApi(EventStore store, EventPages pages) {
        return new CalendarApi(store, new EventCalendar(pages));
    }

    @Prototype
    GetSeriesApi getSeriesApi(EventStore store, Clock clock) {
        return new GetSeriesApi(store, clock);
    }
}
