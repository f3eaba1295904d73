package fr.nogentech.events.config;

import fr.nogentech.events.api.CalendarApi;
import fr.nogentech.events.api.GetEventApi;
import fr.nogentech.events.api.ListEventsApi;
import fr.nogentech.events.api.ManageEventsApi;
import fr.nogentech.events.api.GetSeriesApi;
import fr.nogentech.events.auth.AdminAuthorizer;
import fr.nogentech.events.auth.AdminTokens;
import fr.nogentech.events.calendar.EventCalendar;
import fr.nogentech.events.crypto.SigningKeys;
import fr.nogentech.events.event.EventPages;
import fr.nogentech.events.event.EventQueryParser;
import fr.nogentech.events.event.PageCursor;
import fr.nogentech.events.store.EventStore;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Prototype;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Duration;

/**
 * Wires the plain-Java domain for the handlers. In Lambda, Micronaut creates every singleton at start-up (in the init
 * phase), so each bean here requires the configuration it uses (a function whose template entry does not set, say,
 * {@code CURSOR_SECRET} never builds the beans that need it), and the operations are prototypes, built only for the
 * handler that injects one.
 *
 * <p>Configuration, from the environment: {@code EVENTS_TABLE} (events.table), {@code CURSOR_SECRET}
 * (cursor.secret), optionally {@code CURSOR_PREVIOUS_SECRET} (cursor.previous.secret), {@code ADMIN_TOKEN_HASHES}
 * (admin.token.hashes), {@code EVENT_PAGE_URL} (event.page.url), and the SDK's own {@code AWS_REGION},
 * {@code AWS_ENDPOINT_URL} and credentials.
 */
@Factory
public class EventsFactory {

    @Singleton
    @Requires(property = "events.table")
    @Bean(preDestroy = "close")
    DynamoDbClient dynamoDb() {
        return AwsClients.build(DynamoDbClient.builder(), Duration.ofSeconds(10), Duration.ofSeconds(3));
    }

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    @Requires(property = "events.table")
    EventStore eventStore(DynamoDbClient dynamoDb, @Value("${events.table}") String table, Clock clock) {
        return new EventStore(dynamoDb, table, clock);
    }

    /** The previous secret, while a rotation lasts, still reads the cursors it signed; empty means none. */
    @Singleton
    @Requires(property = "cursor.secret")
    PageCursor pageCursor(@Value("${cursor.secret}") String secret,
                          @Value("${cursor.previous.secret:}") String previousSecret) {
        return new PageCursor(SigningKeys.of(secret, "cursor.secret (CURSOR_SECRET)")
                .withPrevious(previousSecret, "cursor.previous.secret (CURSOR_PREVIOUS_SECRET)"));
    }

    @Prototype
    @Requires(property = "events.table")
    @Requires(property = "cursor.secret")
    ListEventsApi listEventsApi(EventStore store, PageCursor cursors, Clock clock) {
        return new ListEventsApi(store, new EventQueryParser(cursors), clock);
    }

    @Prototype
    @Requires(property = "events.table")
    ManageEventsApi manageEventsApi(EventStore store) {
        return new ManageEventsApi(store);
    }

    @Prototype
    @Requires(property = "admin.token.hashes")
    AdminAuthorizer adminAuthorizer(@Value("${admin.token.hashes}") String hashes) {
        return new AdminAuthorizer(AdminTokens.parse(hashes));
    }

    @Singleton
    @Requires(property = "event.page.url")
    EventPages eventPages(@Value("${event.page.url}") String template) {
        return new EventPages(template);
    }

    @Prototype
    @Requires(property = "events.table")
    @Requires(property = "event.page.url")
    GetEventApi getEventApi(EventStore store, EventPages pages) {
        return new GetEventApi(store, pages);
    }

    @Prototype
    @Requires(property = "events.table")
    @Requires(property = "event.page.url")
    @Requires(classes = biweekly.ICalendar.class)
    CalendarApi calendarApi(EventStore store, EventPages pages) {
        return new CalendarApi(store, new EventCalendar(pages));
    }

    @Prototype
    @Requires(property = "events.table")
    GetSeriesApi getSeriesApi(EventStore store, Clock clock) {
        return new GetSeriesApi(store, clock);
    }
}
