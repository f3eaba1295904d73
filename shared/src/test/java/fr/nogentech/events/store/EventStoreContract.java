package fr.nogentech.events.store;

import fr.nogentech.events.event.Event;
import fr.nogentech.events.event.EventDefaults;
import fr.nogentech.events.event.EventKey;
import fr.nogentech.events.event.EventStatus;
import fr.nogentech.events.event.Speaker;
import fr.nogentech.events.event.Venue;
import fr.nogentech.events.http.HttpResponse;
import fr.nogentech.events.local.LocalAws;
import fr.nogentech.events.local.TestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
        for (String date : List.of(
                "2024-03-14",
                "2023-10-12",
                "2024-01-11",
                "2023-11-09",
                "2023-12-14",
                "2024-02-08",
                "2024-10-10",
                "2022-10-13")) {
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
        assertEquals(LocalDateTime.parse("2023-10-12T08:30"), found.start().toLocalDateTime());
        assertEquals(EventDefaults.TIME_ZONE, found.timeZone());
        assertEquals(new Venue("Canopé", "Chaumont"), found.venue());
        assertEquals(
                List.of(
                        new Speaker("José Sanchez", "MS Pétanque", Speaker.Role.TESTIMONY),
                        new Speaker(null, "Lisi", Speaker.Role.SPEAKER)),
                found.speakers());
        assertEquals(1, found.version());
        assertEquals(CLOCK_TIME, found.updatedAt());
        assertTrue(store.find("nothing-here").isEmpty());
    }

    @Test
    void insertingAnExistingIdChangesNothing() {
        Event changed = event("2023-11-09-rencontre", "rencontres-du-jeudi", "2023-11-09T09:00");
        assertFalse(store.insertIfAbsent(changed));
        assertEquals(
                LocalDateTime.parse("2023-11-09T08:30"),
                store.find("2023-11-09-rencontre").orElseThrow().start().toLocalDateTime());
    }

    @Test
    void listsByStartWithinBoundsInDateOrder() {
        EventStore.Slice slice = store.list(
                Instant.parse("2023-09-01T00:00:00Z"), Instant.parse("2024-04-01T00:00:00Z"), null, null, 100);
        assertEquals(
                List.of(
                        "2023-10-12-rencontre",
                        "2023-10-12-visite",
                        "2023-11-09-rencontre",
                        "2023-11-20-soiree",
                        "2023-12-14-rencontre",
                        "2024-01-11-rencontre",
                        "2024-02-08-rencontre",
                        "2024-03-14-rencontre"),
                ids(slice.events()));
        assertFalse(slice.more());
    }

    @Test
    void fromIsInclusiveAndToExclusive() {
        Instant start = Instant.parse("2023-11-09T07:30:00Z");
        assertEquals(
                List.of("2023-11-09-rencontre", "2023-11-20-soiree"),
                ids(store.list(start, Instant.parse("2023-12-14T07:30:00Z"), null, null, 10)
                        .events()));
        assertEquals(
                List.of(),
                ids(store.list(start.plusSeconds(1), Instant.parse("2023-11-20T17:00:00Z"), null, null, 10)
                        .events()));
    }

    @Test
    void listsOneSeries() {
        EventStore.Slice slice =
                store.list(Instant.parse("2023-09-01T00:00:00Z"), null, "rencontres-du-jeudi", null, 100);
        assertEquals(
                List.of(
                        "2023-10-12-rencontre",
                        "2023-11-09-rencontre",
                        "2023-12-14-rencontre",
                        "2024-01-11-rencontre",
                        "2024-02-08-rencontre",
                        "2024-03-14-rencontre",
                        "2024-10-10-rencontre"),
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
            slice = store.list(
                    Instant.parse("2022-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z"), null, after, 3);
            seen.addAll(ids(slice.events()));
            after = slice.events().isEmpty()
                    ? null
                    : EventKey.of(slice.events().get(slice.events().size() - 1));
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

    @Test
    void aReplaceWritesTheNextVersionOnlyOverTheVersionItWasMadeFrom() {
        store.insertIfAbsent(event("2025-01-09-change", null, "2025-01-09T08:30"));
        Event v1 = store.findForUpdate("2025-01-09-change").orElseThrow();
        Event moved = new Event(
                v1.id(),
                "Nouveau titre",
                v1.series(),
                v1.start().plusHours(1),
                v1.end().plusHours(1),
                v1.timeZone(),
                v1.venue(),
                v1.speakers(),
                EventStatus.CANCELLED,
                0,
                null,
                null);

        Event v2 = store.replace(v1, moved, "alice");
        assertEquals(2, v2.version());
        Event stored = store.find("2025-01-09-change").orElseThrow();
        assertEquals("Nouveau titre", stored.title());
        assertEquals(EventStatus.CANCELLED, stored.status());
        assertEquals("alice", stored.updatedBy());
        assertEquals(2, stored.version());

        assertThrows(EventStore.StaleVersionException.class, () -> store.replace(v1, moved, "bob"));
        assertEquals("alice", store.find("2025-01-09-change").orElseThrow().updatedBy());
        // The date indexes follow the move.
        assertEquals(
                List.of("2025-01-09-change"),
                ids(store.list(
                                Instant.parse("2025-01-09T08:00:00Z"),
                                Instant.parse("2025-01-09T09:00:00Z"),
                                null,
                                null,
                                10)
                        .events()));
    }

    @Test
    void aDeleteIsConditionalOnExistenceAndOnTheExpectedVersion() {
        store.insertIfAbsent(event("2025-02-13-delete", null, "2025-02-13T08:30"));
        assertThrows(EventStore.StaleVersionException.class, () -> store.delete("2025-02-13-delete", 7L));
        assertTrue(store.find("2025-02-13-delete").isPresent());
        assertTrue(store.delete("2025-02-13-delete", 1L));
        assertTrue(store.find("2025-02-13-delete").isEmpty());
        assertFalse(store.delete("2025-02-13-delete", null));
    }

    @Test
    void anEventCreatedAgainAfterADeleteContinuesItsVersionsAndSeedingDoesNotBringItBack() {
        Event first = event("2025-02-20-again", "rencontres-du-jeudi", "2025-02-20T08:30");
        store.insertIfAbsent(first);
        store.replace(store.findForUpdate(first.id()).orElseThrow(), first, "alice");
        assertTrue(store.delete(first.id(), 2L));
        assertTrue(
                store.list(Instant.parse("2025-02-01T00:00:00Z"), null, null, null, 10).events().stream()
                        .noneMatch(e -> e.id().equals(first.id())),
                "a tombstone is in no listing");
        assertFalse(store.insertIfAbsent(first), "seeding does not bring a deleted event back");

        Event again = store.create(first, "bob");
        assertEquals(4, again.version(), "after v1, v2 and the deletion (v3): the ETag of v1 never comes back");
        assertEquals(4, store.find(first.id()).orElseThrow().version());
        assertThrows(EventStore.EventExistsException.class, () -> store.create(first, "bob"));
        assertTrue(store.delete(first.id(), null));
        IdempotencyRecord.Key key = new IdempotencyRecord.Key("bob", "again-" + first.id());
        assertEquals(
                6,
                store.createOnce(first, "bob", key, "hash", e -> new HttpResponse(201, Map.of(), "{}"))
                        .version());
    }

    @Test
    void anIdempotentCreateStoresTheEventAndItsAnswerTogetherOnce() {
        IdempotencyRecord.Key key = new IdempotencyRecord.Key("alice", "key-1");
        Event created = store.createOnce(
                event("2025-03-13-once", null, "2025-03-13T08:30"),
                "alice",
                key,
                "hash-a",
                first -> new HttpResponse(201, Map.of("ETag", "\"v1\""), "{\"id\":\"" + first.id() + "\"}"));
        assertEquals(1, created.version());
        IdempotencyRecord record = store.findIdempotencyRecord(key).orElseThrow();
        assertEquals("hash-a", record.requestHash());
        assertEquals(201, record.response().status());
        assertEquals("{\"id\":\"2025-03-13-once\"}", record.response().body());
        assertTrue(record.expiresAt().isAfter(CLOCK_TIME.plusSeconds(23 * 3600)));

        assertThrows(
                EventStore.IdempotencyKeyUsedException.class,
                () -> store.createOnce(
                        event("2025-03-14-other", null, "2025-03-14T08:30"),
                        "alice",
                        key,
                        "hash-b",
                        first -> new HttpResponse(201, Map.of(), "{}")));
        assertTrue(store.find("2025-03-14-other").isEmpty(), "nothing half-written");
        // Keys are the administrator's own.
        assertTrue(store.findIdempotencyRecord(new IdempotencyRecord.Key("bob", "key-1"))
                .isEmpty());
        assertThrows(
                EventStore.EventExistsException.class,
                () -> store.createOnce(
                        event("2025-03-13-once", null, "2025-03-13T08:30"),
                        "bob",
                        new IdempotencyRecord.Key("bob", "key-1"),
                        "hash-a",
                        first -> new HttpResponse(201, Map.of(), "{}")));
        assertTrue(
                store.findIdempotencyRecord(new IdempotencyRecord.Key("bob", "key-1"))
                        .isEmpty(),
                "nothing half-written");
    }

    private static List<String> ids(List<Event> events) {
        return events.stream().map(Event::id).toList();
    }

    private static Event event(String id, String series, String start) {
        LocalDateTime at = LocalDateTime.parse(start);
        return new Event(
                id,
                "Titre " + id,
                series,
                at.atZone(EventDefaults.TIME_ZONE),
                at.plusHours(2).atZone(EventDefaults.TIME_ZONE),
                EventDefaults.TIME_ZONE,
                new Venue("Canopé", "Chaumont"),
                List.of(
                        new Speaker("José Sanchez", "MS Pétanque", Speaker.Role.TESTIMONY),
                        new Speaker(null, "Lisi", Speaker.Role.SPEAKER)),
                EventStatus.SCHEDULED,
                0,
                null,
                null);
    }
}
