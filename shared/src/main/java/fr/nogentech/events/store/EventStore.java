package fr.nogentech.events.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.nogentech.events.event.Event;
import fr.nogentech.events.event.EventKey;
import fr.nogentech.events.event.EventStatus;
import fr.nogentech.events.event.RegistrationOptions;
import fr.nogentech.events.event.Speaker;
import fr.nogentech.events.event.Venue;
import fr.nogentech.events.http.HttpResponse;
import fr.nogentech.events.json.Json;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static fr.nogentech.events.store.Attributes.n;
import static fr.nogentech.events.store.Attributes.s;

/**
 * Events in DynamoDB. The key design and the access patterns are in docs/data-model.md; listing by date is a
 * {@code Query} on the EventsByStart (or EventsBySeries) index, so a page costs the same whatever the table holds.
 */
public class EventStore {

    /** The attribute that marks a tombstone: the id of a deleted event, keeping its last version. */
    private static final String DELETED = "deleted";
    /** What a tombstone no longer holds: the event's content and its places in the indexes. */
    private static final Map<String, String> CONTENT = Map.ofEntries(
            Map.entry("#g1p", "gsi1pk"),
            Map.entry("#g1s", "gsi1sk"),
            Map.entry("#g2p", "gsi2pk"),
            Map.entry("#g2s", "gsi2sk"),
            Map.entry("#title", "title"),
            Map.entry("#series", "series"),
            Map.entry("#start", "start"),
            Map.entry("#end", "end"),
            Map.entry("#zone", "timeZone"),
            Map.entry("#venue", "venue"),
            Map.entry("#speakers", "speakers"),
            Map.entry("#status", "status"),
            Map.entry("#registration", "registration"));

    static final String BY_START = "EventsByStart";
    static final String BY_SERIES = "EventsBySeries";
    private static final String ALL_EVENTS = "EVENTS";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public EventStore(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    public Optional<Event> find(String id) {
        return read(id, false);
    }

    /**
     * Up to {@code limit} events starting in [{@code from}, {@code to}) after {@code after}, in date order, and
     * whether more follow.
     */
    public Slice list(Instant from, Instant to, String series, EventKey after, int limit) {
        QueryRequest.Builder query = query(from, to, series)
                // One more than asked tells whether another page follows without an empty last page.
                .limit(limit + 1);
        if (after != null) {
            Map<String, AttributeValue> start = new HashMap<>(key(after.id()));
            start.put(series == null ? "gsi1pk" : "gsi2pk", s(series == null ? ALL_EVENTS : seriesPartition(series)));
            start.put(series == null ? "gsi1sk" : "gsi2sk", s(after.sortKey()));
            query.exclusiveStartKey(start);
        }
        List<Event> events = dynamo.query(query.build()).items().stream()
                .map(EventStore::fromItem)
                .toList();
        boolean more = events.size() > limit;
        return new Slice(more ? events.subList(0, limit) : events, more);
    }

    /** All events starting in [{@code from}, {@code to}), in date order, at most {@code max} of them. */
    public List<Event> listAll(Instant from, Instant to, String series, int max) {
        return dynamo.queryPaginator(query(from, to, series).build()).items().stream()
                .limit(max)
                .map(EventStore::fromItem)
                .toList();
    }

    /** The date-ordered {@code Query} of [{@code from}, {@code to}) on the right index. */
    private QueryRequest.Builder query(Instant from, Instant to, String series) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":p", s(series == null ? ALL_EVENTS : seriesPartition(series)));
        values.put(":lo", s(EventKey.lowerBound(from)));
        String condition = "#p = :p AND ";
        if (to == null) {
            condition += "#s >= :lo";
        } else {
            condition += "#s BETWEEN :lo AND :hi";
            values.put(":hi", s(EventKey.upperBoundExclusive(to)));
        }
        return QueryRequest.builder()
                .tableName(table)
                .indexName(series == null ? BY_START : BY_SERIES)
                .keyConditionExpression(condition)
                .expressionAttributeNames(
                        Map.of("#p", series == null ? "gsi1pk" : "gsi2pk", "#s", series == null ? "gsi1sk" : "gsi2sk"))
                .expressionAttributeValues(values);
    }

    /** One page of a listing, and whether another follows. */
    public record Slice(List<Event> events, boolean more) {}

    /**
     * Stores the event as version 1 unless an event with that id exists or existed (seeding).
     *
     * @return whether it was stored
     */
    public boolean insertIfAbsent(Event event) {
        try {
            // Never over a tombstone either: an event an administrator deleted is not brought back by seeding.
            dynamo.putItem(request -> request.tableName(table)
                    .item(toItem(event.nextRevision(1, now(), "seed")))
                    .conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Stores a new event, made by {@code admin}: as version 1, or after the last version of a deleted event with
     * that id, so that a version (and the ETag and calendar SEQUENCE made of it) never names two contents. An
     * existing id is never overwritten.
     */
    public Event create(Event event, String admin) {
        Slot slot = slot(event.id());
        Event first = event.nextRevision(slot.previousVersion() + 1, now(), admin);
        try {
            dynamo.putItem(request -> request.tableName(table)
                    .item(toItem(first))
                    .conditionExpression(slot.condition())
                    .expressionAttributeNames(slot.names())
                    .expressionAttributeValues(slot.values()));
            return first;
        } catch (ConditionalCheckFailedException e) {
            throw new EventExistsException(event.id());
        }
    }

    /** Where a new event with an id goes: a free key, or the tombstone of a deleted event. */
    private record Slot(long previousVersion) {
        String condition() {
            return previousVersion == 0 ? "attribute_not_exists(pk)" : "#deleted = :true AND version = :previous";
        }

        Map<String, String> names() {
            return previousVersion == 0 ? null : Map.of("#deleted", DELETED);
        }

        Map<String, AttributeValue> values() {
            return previousVersion == 0
                    ? null
                    : Map.of(":true", AttributeValue.fromBool(true), ":previous", n(previousVersion));
        }
    }

    private Slot slot(String id) {
        GetItemResponse response =
                dynamo.getItem(request -> request.tableName(table).key(key(id)).consistentRead(true));
        if (!response.hasItem() || response.item().isEmpty()) {
            return new Slot(0);
        }
        if (!isTombstone(response.item())) {
            throw new EventExistsException(id);
        }
        return new Slot(Long.parseLong(response.item().get("version").n()));
    }

    private static boolean isTombstone(Map<String, AttributeValue> item) {
        AttributeValue deleted = item.get(DELETED);
        return deleted != null && Boolean.TRUE.equals(deleted.bool());
    }

    /**
     * Stores a new event and the record of the request that created it in one transaction: either both are written
     * or neither, so a retry with the same idempotency key finds the answer that was given, or nothing.
     *
     * @param answer renders the stored event as the response to record
     * @throws IdempotencyKeyUsedException when a live record for that key exists already
     * @throws EventExistsException        when an event has that id already
     * @throws WriteConflictException      when a concurrent transaction held the same items
     */
    public Event createOnce(
            Event event,
            String admin,
            IdempotencyRecord.Key key,
            String requestHash,
            Function<Event, HttpResponse> answer) {
        Slot slot = slot(event.id());
        Event first = event.nextRevision(slot.previousVersion() + 1, now(), admin);
        IdempotencyRecord record = new IdempotencyRecord(
                key, requestHash, answer.apply(first), first.updatedAt().plus(IdempotencyRecord.LIFETIME));
        try {
            dynamo.transactWriteItems(request -> request.transactItems(
                    TransactWriteItem.builder()
                            .put(Put.builder()
                                    .tableName(table)
                                    .item(toItem(first))
                                    .conditionExpression(slot.condition())
                                    .expressionAttributeNames(slot.names())
                                    .expressionAttributeValues(slot.values())
                                    .build())
                            .build(),
                    TransactWriteItem.builder()
                            .put(Put.builder()
                                    .tableName(table)
                                    .item(record.toItem())
                                    .conditionExpression("attribute_not_exists(pk) OR expiresAt < :now")
                                    .expressionAttributeValues(
                                            Map.of(":now", n(first.updatedAt().getEpochSecond())))
                                    .build())
                            .build()));
            return first;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
            if (reasons.size() == 2
                    && "ConditionalCheckFailed".equals(reasons.get(1).code())) {
                throw new IdempotencyKeyUsedException();
            }
            if (!reasons.isEmpty()
                    && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                throw new EventExistsException(event.id());
            }
            if (reasons.stream().anyMatch(reason -> "TransactionConflict".equals(reason.code()))) {
                throw new WriteConflictException();
            }
            throw e;
        }
    }

    /** The live record of an idempotent request, if any (expired records are ignored before TTL removes them). */
    public Optional<IdempotencyRecord> findIdempotencyRecord(IdempotencyRecord.Key key) {
        GetItemResponse response = dynamo.getItem(request ->
                request.tableName(table).key(IdempotencyRecord.itemKey(key)).consistentRead(true));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        IdempotencyRecord record = IdempotencyRecord.fromItem(key, response.item());
        return record.expiresAt().isAfter(now()) ? Optional.of(record) : Optional.empty();
    }

    /** The event as it is now, read consistently: the base of a change. */
    public Optional<Event> findForUpdate(String id) {
        return read(id, true);
    }

    private Optional<Event> read(String id, boolean consistent) {
        GetItemResponse response =
                dynamo.getItem(request -> request.tableName(table).key(key(id)).consistentRead(consistent));
        return response.hasItem() && !response.item().isEmpty() && !isTombstone(response.item())
                ? Optional.of(fromItem(response.item()))
                : Optional.empty();
    }

    /**
     * Writes {@code next} over {@code current} as its next version, on condition that the stored version is still
     * {@code current.version()}: of concurrent changes made from the same version, exactly one is written.
     *
     * @throws StaleVersionException when the event changed (or was deleted) since {@code current} was read
     */
    public Event replace(Event current, Event next, String admin) {
        Event stored = next.nextRevision(current.version() + 1, now(), admin);
        try {
            dynamo.putItem(request -> request.tableName(table)
                    .item(toItem(stored))
                    .conditionExpression("version = :read")
                    .expressionAttributeValues(Map.of(":read", n(current.version()))));
            return stored;
        } catch (ConditionalCheckFailedException e) {
            throw new StaleVersionException();
        }
    }

    /**
     * Deletes the event if it exists and, when {@code expectedVersion} is given, is still at that version. What stays
     * is a tombstone: the id and its next version, nothing of the event, in no listing.
     *
     * @return whether it was deleted: false when there was no such event
     * @throws StaleVersionException when the event is at another version than expected
     */
    public boolean delete(String id, Long expectedVersion) {
        String live = "attribute_exists(pk) AND attribute_not_exists(#deleted)";
        Map<String, String> names = new HashMap<>(CONTENT);
        names.put("#deleted", DELETED);
        Map<String, AttributeValue> values = new HashMap<>(
                Map.of(":true", AttributeValue.fromBool(true), ":one", n(1), ":now", s(now().toString())));
        if (expectedVersion != null) {
            values.put(":expected", n(expectedVersion));
        }
        try {
            dynamo.updateItem(request -> request.tableName(table)
                    .key(key(id))
                    .updateExpression("SET #deleted = :true, version = version + :one, updatedAt = :now REMOVE "
                            + String.join(", ", CONTENT.keySet()))
                    .conditionExpression(expectedVersion == null ? live : live + " AND version = :expected")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            if (findForUpdate(id).isEmpty()) {
                return false;
            }
            throw new StaleVersionException();
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The event was changed by someone else since it was read. */
    public static final class StaleVersionException extends RuntimeException {
        StaleVersionException() {
            super("stale version", null, false, false);
        }
    }

    /** An event with that id exists already. */
    public static final class EventExistsException extends RuntimeException {
        private final String id;

        EventExistsException(String id) {
            super("event exists", null, false, false);
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** A live idempotency record holds that key already. */
    public static final class IdempotencyKeyUsedException extends RuntimeException {
        IdempotencyKeyUsedException() {
            super("idempotency key used", null, false, false);
        }
    }

    /** Another transaction on the same items was under way (DynamoDB's TransactionConflict): nothing was written. */
    public static final class WriteConflictException extends RuntimeException {
        WriteConflictException() {
            super("write conflict", null, false, false);
        }
    }

    static Map<String, AttributeValue> key(String id) {
        return Map.of("pk", s("EVENT#" + id), "sk", s("EVENT"));
    }

    private static String seriesPartition(String series) {
        return "SERIES#" + series;
    }

    /**
     * GetItem's answer holding {@code event}, as DynamoDB writes it: what priming's dry run answers
     * ({@code lambda.DryRun#answering}) so that a change or a read of an event finds one.
     */
    public static String dryRunAnswer(Event event) {
        ObjectNode answer = Json.object();
        answer.set("Item", Attributes.json(toItem(event)));
        return answer.toString();
    }

    /** Query's answer, a page holding {@code event} alone: what priming's dry run answers for a month's events. */
    public static String dryRunPage(Event event) {
        ObjectNode answer = Json.object();
        answer.putArray("Items").add(Attributes.json(toItem(event)));
        answer.put("Count", 1).put("ScannedCount", 1);
        return answer.toString();
    }

    static Map<String, AttributeValue> toItem(Event event) {
        Map<String, AttributeValue> item = new HashMap<>(key(event.id()));
        String sortKey = EventKey.of(event).sortKey();
        item.put("gsi1pk", s(ALL_EVENTS));
        item.put("gsi1sk", s(sortKey));
        if (event.series() != null) {
            item.put("gsi2pk", s(seriesPartition(event.series())));
            item.put("gsi2sk", s(sortKey));
            item.put("series", s(event.series()));
        }
        item.put("id", s(event.id()));
        item.put("title", s(event.title()));
        item.put("start", s(event.start().toOffsetDateTime().toString()));
        item.put("end", s(event.end().toOffsetDateTime().toString()));
        item.put("timeZone", s(event.timeZone().getId()));
        if (event.venue() != null) {
            Map<String, AttributeValue> venue = new HashMap<>();
            putIfPresent(venue, "name", event.venue().name());
            putIfPresent(venue, "city", event.venue().city());
            item.put("venue", AttributeValue.fromM(venue));
        }
        List<AttributeValue> speakers = new ArrayList<>();
        for (Speaker speaker : event.speakers()) {
            Map<String, AttributeValue> map = new HashMap<>();
            putIfPresent(map, "name", speaker.name());
            putIfPresent(map, "organization", speaker.organization());
            map.put("role", s(speaker.role().wireName()));
            speakers.add(AttributeValue.fromM(map));
        }
        item.put("speakers", AttributeValue.fromL(speakers));
        item.put("status", s(event.status().wireName()));
        item.put("version", n(event.version()));
        item.put("updatedAt", s(event.updatedAt().toString()));
        if (event.updatedBy() != null) {
            item.put("updatedBy", s(event.updatedBy()));
        }
        if (event.registration() != null) {
            Map<String, AttributeValue> registration = new HashMap<>();
            registration.put("capacity", n(event.registration().capacity()));
            if (event.registration().closesAt() != null) {
                registration.put(
                        "closesAt",
                        s(event.registration().closesAt().toOffsetDateTime().toString()));
            }
            item.put("registration", AttributeValue.fromM(registration));
        }
        return item;
    }

    static Event fromItem(Map<String, AttributeValue> item) {
        Venue venue = null;
        if (item.containsKey("venue")) {
            Map<String, AttributeValue> map = item.get("venue").m();
            venue = new Venue(text(map, "name"), text(map, "city"));
        }
        List<Speaker> speakers = new ArrayList<>();
        if (item.containsKey("speakers")) {
            for (AttributeValue value : item.get("speakers").l()) {
                Map<String, AttributeValue> map = value.m();
                speakers.add(new Speaker(
                        text(map, "name"), text(map, "organization"), Speaker.Role.fromWireName(text(map, "role"))));
            }
        }
        ZoneId zone = ZoneId.of(text(item, "timeZone"));
        RegistrationOptions registration = null;
        if (item.containsKey("registration")) {
            Map<String, AttributeValue> map = item.get("registration").m();
            String closesAt = text(map, "closesAt");
            registration = new RegistrationOptions(
                    Integer.parseInt(map.get("capacity").n()), closesAt == null ? null : zoned(closesAt, zone));
        }
        return new Event(
                text(item, "id"),
                text(item, "title"),
                text(item, "series"),
                zoned(text(item, "start"), zone),
                zoned(text(item, "end"), zone),
                zone,
                venue,
                speakers,
                EventStatus.fromWireName(text(item, "status")),
                Long.parseLong(item.get("version").n()),
                Instant.parse(text(item, "updatedAt")),
                text(item, "updatedBy"),
                registration);
    }

    /** A stored time: the wall-clock time with its offset; items written before offsets were kept have none. */
    private static ZonedDateTime zoned(String text, ZoneId zone) {
        try {
            OffsetDateTime at = OffsetDateTime.parse(text);
            return ZonedDateTime.ofLocal(at.toLocalDateTime(), zone, at.getOffset());
        } catch (DateTimeParseException withoutOffset) {
            return LocalDateTime.parse(text).atZone(zone);
        }
    }

    private static void putIfPresent(Map<String, AttributeValue> map, String name, String value) {
        if (value != null) {
            map.put(name, s(value));
        }
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
