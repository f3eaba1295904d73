package fr.nogentech.events.store;

import fr.nogentech.events.event.Event;
import fr.nogentech.events.event.EventDefaults;
import fr.nogentech.events.event.EventKey;
import fr.nogentech.events.event.EventStatus;
import fr.nogentech.events.event.Speaker;
import fr.nogentech.events.event.Venue;
import fr.nogentech.events.local.LocalAws;
import fr.nogentech.events.local.TestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The store against a real DynamoDB API: each backend (moto, LocalStack) runs the same tests. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EventStoreContract {

    private static final Instant CLOCK_TIME = Instant.parse("2023-09-01T10:00:00Z");

    private final List<SdkRequest> requests = new CopyOnWriteArrayList<>();
    private DynamoDbClient dynamoDb;
    private EventStore store;

    abstract LocalAws backend();

    @BeforeAll
    void createTable() {
        LocalAws aws = backend();
        String table = TestStack.newEventsTable(aws, "store");
        dynamoDb = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(aws.endpoint())
                .region(Region.of(aws.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(aws.accessKeyId(), aws.secretAccessKey())))
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        requests.add(context.request());
                    }
                }))
                .build();
        store = new EventStore(dynamoDb, table, Clock.fixed(CLOCK_TIME, ZoneOffset.UTC));
        // Two series over two seasons, inserted out of order; one other event at the same time as a rencontre.
        for (String date : List.of("2024-03-14", "2023-10-12", "2024-01-11", "2023-11-09", "2023-12-14",
                "2024-02-08", "2024-10-10", "2022-10-13")) {
            assertTrue(store.insertIfAbsent(event(date + "-rencontre", "rencontres-du-jeudi", date + "T08:30")));
        }
        assertTrue(store.insertIfAbsent(event("2023-10-12-visite", "visites", "2023-10-12T08:30")));
        assertTrue(store.insertIfAbsent(event("2023-11-20-soiree", null, "2023-11-20T18:00")));
    }

    @AfterAll
    void closeClient() {
        if (dynamoDb != null) {
            dynamoDb.close();
        }
    }

    @Test
    void findsAnEventAsStoredWithVersionOne() {
        Event found = store.find("2023-10-12-rencontre").orElseThrow();
        assertEquals("Titre 2023-10-12-rencontre", found.title());
        assertEquals(LocalDateTime.parse("2023-10-12T08:30"), found.start());
        assertEquals(EventDefaults.TIME_ZONE, found.timeZone());
        assertEquals(new Venue("Canopé", "Chaumont"), found.venue());
        assertEquals(List.of(new Speaker("José Sanchez", "MS Pétanque", Speaker.Role.TESTIMONY),
                new Speaker(null, "Lisi", Speaker.Role.SPEAKER)), found.speakers());
        assertEquals(1, found.version());
        assertEquals(CLOCK_TIME, found.updatedAt());
        assertTrue(store.find("nothing-here").isEmpty());
    }

    @Test
    void insertingAnExistingIdChangesNothing() {
        Event changed = event("2023-11-09-rencontre", "rencontres-du-jeudi", "2023-11-09T09:00");
        assertFalse(store.insertIfAbsent(changed));
        assertEquals(LocalDateTime.parse("2023-11-09T08:30"), store.find("2023-11-09-rencontre").orElseThrow().start());
    }

    @Test
    void listsByStartWithinBoundsInDateOrder() {
        EventStore.Slice slice = store.list(Instant.parse("2023-09-01T00:00:00Z"),
                Instant.parse("2024-04-01T00:00:00Z"), null, null, 100);
        assertEquals(List.of("2023-10-12-rencontre", "2023-10-12-visite", "2023-11-09-rencontre",
                "2023-11-20-soiree", "2023-12-14-rencontre", "2024-01-11-rencontre", "2024-02-08-rencontre",
                "2024-03-14-rencontre"), ids(slice.events()));
        assertFalse(slice.more());
    }

    @Test
    void fromIsInclusiveAndToExclusive() {
        Instant start = Instant.parse("2023-11-09T07:30:00Z");
        assertEquals(List.of("2023-11-09-rencontre", "2023-11-20-soiree"),
                ids(store.list(start, Instant.parse("2023-12-14T07:30:00Z"), null, null, 10).events()));
        assertEquals(List.of(), ids(store.list(start.plusSeconds(1), Instant.parse("2023-11-20T17:00:00Z"), null,
                null, 10).events()));
    }

    @Test
    void listsOneSeries() {
        EventStore.Slice slice = store.list(Instant.parse("2023-09-01T00:00:00Z"), null, "rencontres-du-jeudi",
                null, 100);
        assertEquals(List.of("2023-10-12-rencontre", "2023-11-09-rencontre", "2023-12-14-rencontre",
                "2024-01-11-rencontre", "2024-02-08-rencontre", "2024-03-14-rencontre", "2024-10-10-rencontre"),
                ids(slice.events()));
    }

    @Test
    void pagesWalkEverythingOnceWithOneIndexQueryPerPage() {
        requests.clear();
        List<String> seen = new ArrayList<>();
        EventKey after = null;
        int pages = 0;
        EventStore.Slice slice;
        do {
            slice = store.list(Instant.parse("2022-01-01T00:00:00Z"), null, null, after, 3);
            seen.addAll(ids(slice.events()));
            after = slice.events().isEmpty() ? null : EventKey.of(slice.events().get(slice.events().size() - 1));
            pages++;
        } while (slice.more());
        assertEquals(10, seen.size());
        assertEquals(10, seen.stream().distinct().count());
        assertEquals("2022-10-13-rencontre", seen.get(0));
        assertEquals("2024-10-10-rencontre", seen.get(9));
        assertEquals(4, pages);
        assertEquals(pages, requests.size());
        for (SdkRequest request : requests) {
            QueryRequest query = (QueryRequest) request;
            assertEquals("EventsByStart", query.indexName());
            assertEquals(4, query.limit());
        }
    }

    private static List<String> ids(List<Event> events) {
        return events.stream().map(Event::id).toList();
    }

    private static Event event(String id, String series, String start) {
        LocalDateTime at = LocalDateTime.parse(start);
        return new Event(id, "Titre " + id, series, at, at.plusHours(2), EventDefaults.TIME_ZONE,
                new Venue("Canopé", "Chaumont"),
                List.of(new Speaker("José Sanchez", "MS Pétanque", Speaker.Role.TESTIMONY),
                        new Speaker(null, "Lisi", Speaker.Role.SPEAKER)),
                EventStatus.SCHEDULED, 0, null);
    }
}
