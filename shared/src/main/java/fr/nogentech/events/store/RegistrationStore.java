package fr.nogentech.events.store;

import fr.nogentech.events.registration.Registrant;
import fr.nogentech.events.registration.Registration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static fr.nogentech.events.store.Attributes.n;
import static fr.nogentech.events.store.Attributes.s;

/**
 * Registrations to events, and each event's count of seats taken, in the events' table (docs/data-model.md). A
 * registration lives in its event's partition ({@code EVENT#<id>}, {@code REGISTRATION#<address hash>}), so that one
 * address registers once per event; the seats item ({@code EVENT#<id>}, {@code SEATS}) counts the confirmed ones.
 *
 * <p>A seat is given by one transaction that takes it on the seats item ({@code taken < capacity}) and confirms the
 * registration: of many people confirming at once, exactly as many as there are seats get one, whatever the order in
 * which DynamoDB serves them; the others go on the waiting list, in the order they came. Concurrent transactions on the
 * seats item may be refused as conflicting: they are retried.
 */
public class RegistrationStore {

    /** How long a registration outlives its event: the host may want the list for a while, not for ever. */
    public static final Duration KEPT_AFTER_EVENT = Duration.ofDays(90);
    /** How long a registration that was never confirmed is kept. */
    public static final Duration PENDING_LIFETIME = Duration.ofDays(8);

    static final String SEATS = "SEATS";
    static final String PREFIX = "REGISTRATION#";
    private static final int ATTEMPTS = 12;

    private final DynamoDbClient dynamo;
    private final String table;

    public RegistrationStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** What a confirmation came to. */
    public enum Outcome {
        /** A seat is theirs. */
        CONFIRMED,
        /** The event is full: they are on the waiting list. */
        WAITLISTED,
        /** They were confirmed or waitlisted already: nothing changed. */
        UNCHANGED,
        /** No registration waits for that confirmation (never requested, expired, cancelled). */
        NOT_FOUND
    }

    private static Map<String, AttributeValue> key(String eventId, String hash) {
        return Map.of("pk", s("EVENT#" + eventId), "sk", s(PREFIX + hash));
    }

    private static Map<String, AttributeValue> seatsKey(String eventId) {
        return Map.of("pk", s("EVENT#" + eventId), "sk", s(SEATS));
    }

    static String registrantBucket(String hash) {
        return "REGISTRANT#" + hash;
    }

    /**
     * Records a request to register, pending its confirmation: a new, pending or cancelled registration becomes
     * pending with these details, unless a confirmation email went to that address for this event less than
     * {@code cooldown} ago. A confirmed or waitlisted registration is left as it is.
     *
     * @return whether the confirmation email may go
     */
    public boolean request(String eventId, Registrant who, Instant now, Duration cooldown, Instant eventEnd) {
        Map<String, AttributeValue> values = new HashMap<>(details(who));
        values.putAll(Map.of(
                ":pending", s(Registration.State.PENDING.wireName()),
                ":cancelled", s(Registration.State.CANCELLED.wireName()),
                ":now", s(now.toString()),
                ":cooldown", s(now.minus(cooldown).toString()),
                ":bucket", s(registrantBucket(who.email().hash())),
                ":event", s(eventId),
                ":ttl", n(pendingExpiry(now, eventEnd))));
        try {
            dynamo.updateItem(request -> request.tableName(table)
                    .key(key(eventId, who.email().hash()))
                    .updateExpression("SET #state = :pending, #name = :name, email = :email, organization = :org, "
                            + "requestedAt = :now, requestSentAt = :now, gsi3pk = :bucket, gsi3sk = :event, "
                            + "expiresAt = :ttl REMOVE cancelledAt")
                    .conditionExpression("attribute_not_exists(pk) OR ((#state = :pending OR #state = :cancelled) "
                            + "AND (attribute_not_exists(requestSentAt) OR requestSentAt < :cooldown))")
                    .expressionAttributeNames(Map.of("#state", "state", "#name", "name"))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException registeredOrTooSoon) {
            return false;
        }
    }

    /** Gives back a request whose email could not go, so that a retry may send it. */
    public void releaseRequest(String eventId, String hash, Instant sentAt) {
        try {
            dynamo.updateItem(request -> request.tableName(table)
                    .key(key(eventId, hash))
                    .updateExpression("REMOVE requestSentAt")
                    .conditionExpression("requestSentAt = :sent")
                    .expressionAttributeValues(Map.of(":sent", s(sentAt.toString()))));
        } catch (ConditionalCheckFailedException anotherRequestSince) {
            // a newer request owns the registration now
        }
    }

    /** Confirms the pending registration of {@code hash} (the link of its email): a seat, or the waiting list. */
    public Outcome confirm(String eventId, String hash, int capacity, Instant now, Instant eventEnd) {
        return seatOrWaitlist(eventId, hash, null, capacity, now, eventEnd);
    }

    /**
     * Registers {@code who} at once, without a confirmation email (a subscriber's link from the announcement, which
     * proves the address): a seat, or the waiting list; a pending or cancelled registration is taken over.
     */
    public Outcome register(String eventId, Registrant who, int capacity, Instant now, Instant eventEnd) {
        return seatOrWaitlist(eventId, who.email().hash(), who, capacity, now, eventEnd);
    }

    private Outcome seatOrWaitlist(
            String eventId, String hash, Registrant who, int capacity, Instant now, Instant eventEnd) {
        String condition = who == null
                ? "#state = :pending"
                : "attribute_not_exists(pk) OR #state = :pending OR #state = :cancelled";
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":pending", s(Registration.State.PENDING.wireName()),
                ":now", s(now.toString()),
                ":ttl", n(eventEnd.plus(KEPT_AFTER_EVENT).getEpochSecond()),
                ":bucket", s(registrantBucket(hash)),
                ":event", s(eventId)));
        String set = "SET #state = :state, expiresAt = :ttl, gsi3pk = :bucket, gsi3sk = :event, "
                + "requestedAt = if_not_exists(requestedAt, :now)"
                + (who == null ? "" : ", #name = :name, email = :email, organization = :org");
        if (who != null) {
            values.put(":cancelled", s(Registration.State.CANCELLED.wireName()));
            values.putAll(details(who));
        }
        Map<String, String> names =
                who == null ? Map.of("#state", "state") : Map.of("#state", "state", "#name", "name");
        for (int attempt = 1; ; attempt++) {
            Map<String, AttributeValue> confirmed = new HashMap<>(values);
            confirmed.put(":state", s(Registration.State.CONFIRMED.wireName()));
            try {
                dynamo.transactWriteItems(request -> request.transactItems(
                        takeSeat(eventId, capacity),
                        TransactWriteItem.builder()
                                .update(Update.builder()
                                        .tableName(table)
                                        .key(key(eventId, hash))
                                        .updateExpression(set + ", confirmedAt = :now REMOVE waitlistedAt, cancelledAt")
                                        .conditionExpression(condition)
                                        .expressionAttributeNames(names)
                                        .expressionAttributeValues(confirmed)
                                        .build())
                                .build()));
                return Outcome.CONFIRMED;
            } catch (TransactionCanceledException e) {
                String seat = reason(e, 0);
                String registration = reason(e, 1);
                if ("ConditionalCheckFailed".equals(registration)) {
                    return find(eventId, hash)
                            .filter(r -> r.state() == Registration.State.CONFIRMED
                                    || r.state() == Registration.State.WAITLISTED)
                            .map(r -> Outcome.UNCHANGED)
                            .orElse(Outcome.NOT_FOUND);
                }
                if ("ConditionalCheckFailed".equals(seat)) {
                    return waitlist(eventId, hash, condition, set, names, values);
                }
                if (!conflict(e) || attempt == ATTEMPTS) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    private Outcome waitlist(
            String eventId,
            String hash,
            String condition,
            String set,
            Map<String, String> names,
            Map<String, AttributeValue> values) {
        Map<String, AttributeValue> waitlisted = new HashMap<>(values);
        waitlisted.put(":state", s(Registration.State.WAITLISTED.wireName()));
        try {
            dynamo.updateItem(request -> request.tableName(table)
                    .key(key(eventId, hash))
                    .updateExpression(set + ", waitlistedAt = :now REMOVE confirmedAt, cancelledAt")
                    .conditionExpression(condition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(waitlisted));
            return Outcome.WAITLISTED;
        } catch (ConditionalCheckFailedException confirmedMeanwhile) {
            return Outcome.UNCHANGED;
        }
    }

    private TransactWriteItem takeSeat(String eventId, int capacity) {
        return TransactWriteItem.builder()
                .update(Update.builder()
                        .tableName(table)
                        .key(seatsKey(eventId))
                        .updateExpression("SET taken = if_not_exists(taken, :zero) + :one")
                        .conditionExpression("attribute_not_exists(taken) OR taken < :capacity")
                        .expressionAttributeValues(Map.of(":zero", n(0), ":one", n(1), ":capacity", n(capacity)))
                        .build())
                .build();
    }

    /**
     * Cancels a registration; a confirmed one gives its seat back in the same transaction.
     *
     * @return the state it was in, empty when there was nothing to cancel (unknown, or cancelled already)
     */
    public Optional<Registration.State> cancel(String eventId, String hash, Instant now) {
        for (int attempt = 1; ; attempt++) {
            Optional<Registration> current = find(eventId, hash);
            if (current.isEmpty() || current.get().state() == Registration.State.CANCELLED) {
                return Optional.empty();
            }
            Registration.State was = current.get().state();
            Update cancel = Update.builder()
                    .tableName(table)
                    .key(key(eventId, hash))
                    .updateExpression("SET #state = :cancelled, cancelledAt = :now REMOVE confirmedAt, waitlistedAt")
                    .conditionExpression("#state = :was")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(
                            ":cancelled", s(Registration.State.CANCELLED.wireName()),
                            ":was", s(was.wireName()),
                            ":now", s(now.toString())))
                    .build();
            try {
                if (was == Registration.State.CONFIRMED) {
                    dynamo.transactWriteItems(request -> request.transactItems(
                            TransactWriteItem.builder().update(cancel).build(),
                            TransactWriteItem.builder()
                                    .update(Update.builder()
                                            .tableName(table)
                                            .key(seatsKey(eventId))
                                            .updateExpression("SET taken = taken - :one")
                                            .conditionExpression("taken > :zero")
                                            .expressionAttributeValues(Map.of(":zero", n(0), ":one", n(1)))
                                            .build())
                                    .build()));
                } else {
                    dynamo.updateItem(request -> request.tableName(cancel.tableName())
                            .key(cancel.key())
                            .updateExpression(cancel.updateExpression())
                            .conditionExpression(cancel.conditionExpression())
                            .expressionAttributeNames(cancel.expressionAttributeNames())
                            .expressionAttributeValues(cancel.expressionAttributeValues()));
                }
                return Optional.of(was);
            } catch (ConditionalCheckFailedException changedMeanwhile) {
                // read again
            } catch (TransactionCanceledException e) {
                if (!conflict(e) && !"ConditionalCheckFailed".equals(reason(e, 0))) {
                    throw e;
                }
            }
            if (attempt == ATTEMPTS) {
                throw new IllegalStateException("a registration kept changing while it was cancelled");
            }
            pause(attempt);
        }
    }

    /**
     * Gives the free seats to the first on the waiting list, in order, each by the transaction that confirms a
     * registration.
     *
     * @return those who got a seat
     */
    public List<Registration> promote(String eventId, int capacity, Instant now, Instant eventEnd) {
        List<Registration> promoted = new ArrayList<>();
        for (Registration waiting : waitingList(eventId)) {
            Map<String, AttributeValue> values = Map.of(
                    ":waitlisted", s(Registration.State.WAITLISTED.wireName()),
                    ":confirmed", s(Registration.State.CONFIRMED.wireName()),
                    ":now", s(now.toString()),
                    ":ttl", n(eventEnd.plus(KEPT_AFTER_EVENT).getEpochSecond()));
            for (int attempt = 1; ; attempt++) {
                try {
                    dynamo.transactWriteItems(request -> request.transactItems(
                            takeSeat(eventId, capacity),
                            TransactWriteItem.builder()
                                    .update(Update.builder()
                                            .tableName(table)
                                            .key(key(eventId, waiting.addressHash()))
                                            .updateExpression("SET #state = :confirmed, confirmedAt = :now, "
                                                    + "expiresAt = :ttl REMOVE waitlistedAt")
                                            .conditionExpression("#state = :waitlisted")
                                            .expressionAttributeNames(Map.of("#state", "state"))
                                            .expressionAttributeValues(values)
                                            .build())
                                    .build()));
                    promoted.add(find(eventId, waiting.addressHash()).orElseThrow());
                    break;
                } catch (TransactionCanceledException e) {
                    if ("ConditionalCheckFailed".equals(reason(e, 0))) {
                        return promoted;
                    }
                    if ("ConditionalCheckFailed".equals(reason(e, 1))) {
                        break; // they cancelled meanwhile: the next one
                    }
                    if (!conflict(e) || attempt == ATTEMPTS) {
                        throw e;
                    }
                    pause(attempt);
                }
            }
        }
        return promoted;
    }

    /** The waiting list, in order. */
    public List<Registration> waitingList(String eventId) {
        return list(eventId).stream()
                .filter(r -> r.state() == Registration.State.WAITLISTED)
                .sorted(Comparator.comparing(Registration::waitlistedAt).thenComparing(Registration::addressHash))
                .toList();
    }

    public Optional<Registration> find(String eventId, String hash) {
        var response = dynamo.getItem(
                request -> request.tableName(table).key(key(eventId, hash)).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(fromItem(eventId, response.item()))
                : Optional.empty();
    }

    /** Every registration of an event, in no particular order: one {@code Query} of the event's partition. */
    public List<Registration> list(String eventId) {
        return dynamo
                .queryPaginator(request -> request.tableName(table)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                        .expressionAttributeValues(Map.of(":pk", s("EVENT#" + eventId), ":prefix", s(PREFIX)))
                        .consistentRead(true))
                .items()
                .stream()
                .map(item -> fromItem(eventId, item))
                .toList();
    }

    /** The seats taken of each event named, read in one batch (events without a seats item have none taken). */
    public Map<String, Integer> seatsTaken(List<String> eventIds) {
        Map<String, Integer> taken = new HashMap<>();
        List<String> distinct = eventIds.stream().distinct().toList();
        for (int from = 0; from < distinct.size(); from += 100) {
            List<Map<String, AttributeValue>> keys =
                    distinct.subList(from, Math.min(distinct.size(), from + 100)).stream()
                            .map(RegistrationStore::seatsKey)
                            .toList();
            Map<String, KeysAndAttributes> unread =
                    Map.of(table, KeysAndAttributes.builder().keys(keys).build());
            while (!unread.isEmpty()) {
                Map<String, KeysAndAttributes> request = unread;
                var response = dynamo.batchGetItem(r -> r.requestItems(request));
                response.responses()
                        .getOrDefault(table, List.of())
                        .forEach(item -> taken.put(
                                item.get("pk").s().substring("EVENT#".length()),
                                Integer.parseInt(item.get("taken").n())));
                unread = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return taken;
    }

    public int seatsTaken(String eventId) {
        var item = dynamo.getItem(request -> request.tableName(table).key(seatsKey(eventId)))
                .item();
        return item == null || !item.containsKey("taken")
                ? 0
                : Integer.parseInt(item.get("taken").n());
    }

    /** The events an address is registered to (any state), by the ItemsByState index. */
    public List<String> eventsOf(String hash) {
        return dynamo
                .queryPaginator(request -> request.tableName(table)
                        .indexName(SubscriberStore.BY_STATE)
                        .keyConditionExpression("gsi3pk = :bucket")
                        .expressionAttributeValues(Map.of(":bucket", s(registrantBucket(hash)))))
                .items()
                .stream()
                .map(item -> item.get("gsi3sk").s())
                .toList();
    }

    /**
     * Erases an address's registration to an event: its seat first given back (a confirmed one is cancelled), then
     * the item deleted.
     *
     * @return whether it held a seat, which the waiting list may now take
     */
    public boolean erase(String eventId, String hash, Instant now) {
        boolean heldSeat = cancel(eventId, hash, now)
                .filter(was -> was == Registration.State.CONFIRMED)
                .isPresent();
        dynamo.deleteItem(request -> request.tableName(table).key(key(eventId, hash)));
        return heldSeat;
    }

    /** Marks the claimed notice sent (or, with {@code sent} false, gives the claim back for a later run). */
    public void finishNotice(String eventId, String hash, String run, boolean sent) {
        finish(eventId, hash, run, "noticeRun", sent ? "SET noticeState = :sent" : "REMOVE noticeState, noticeVersion");
    }

    /**
     * Claims the sending of the notice of version {@code version} (updated invitation or cancellation) to one
     * registrant, when what the invitation shows ({@code digest}) differs from what this registrant was last sent
     * ({@code noticeDigest}): false when that notice (or a later one) went already, when the change is one nobody sees
     * in their calendar (the capacity, the speakers), or when another run is sending it and its lease has not run out.
     */
    public boolean claimNotice(
            String eventId, String hash, long version, String digest, String run, Instant now, Duration lease) {
        return claim(
                eventId,
                hash,
                "SET noticeVersion = :version, noticeState = :sending, noticeRun = :run, noticeAt = :now",
                "attribute_exists(pk) AND (attribute_not_exists(noticeDigest) OR noticeDigest <> :digest) "
                        + "AND (attribute_not_exists(noticeVersion) OR noticeVersion < :version "
                        + "OR (noticeVersion = :version AND noticeState = :sending AND noticeAt < :lease))",
                Map.of(":version", n(version), ":digest", s(digest)),
                run,
                now,
                lease);
    }

    /**
     * Marks the claimed notice sent and records what it showed ({@code digest}), against which the next change is
     * compared; only the run that holds the claim can.
     */
    public void finishNotice(String eventId, String hash, String run, String digest) {
        try {
            dynamo.updateItem(request -> request.tableName(table)
                    .key(key(eventId, hash))
                    .updateExpression("SET noticeState = :sent, noticeDigest = :digest")
                    .conditionExpression("noticeRun = :run")
                    .expressionAttributeValues(Map.of(":run", s(run), ":sent", s("sent"), ":digest", s(digest))));
        } catch (ConditionalCheckFailedException anotherRunTookIt) {
            // its lease ran out and another run claimed it: that run finishes it
        }
    }

    /**
     * Records that a registrant holds the invitation of {@code version} (showing {@code digest}), sent with their
     * confirmation or promotion: a later change is compared with it. Never goes back to an older version.
     */
    public void noticeBaseline(String eventId, String hash, long version, String digest) {
        try {
            dynamo.updateItem(request -> request.tableName(table)
                    .key(key(eventId, hash))
                    .updateExpression("SET noticeVersion = :version, noticeDigest = :digest, noticeState = :sent")
                    .conditionExpression(
                            "attribute_exists(pk) AND (attribute_not_exists(noticeVersion) OR noticeVersion < :version)")
                    .expressionAttributeValues(
                            Map.of(":version", n(version), ":digest", s(digest), ":sent", s("sent"))));
        } catch (ConditionalCheckFailedException newerOrGone) {
            // a notice of that version or a later one is recorded already, or the registration is gone
        }
    }

    /** Claims the sending of the reminder of the day before: false when it went, or another run is sending it. */
    public boolean claimReminder(String eventId, String hash, String run, Instant now, Duration lease) {
        return claim(
                eventId,
                hash,
                "SET reminder = :sending, reminderRun = :run, reminderAt = :now",
                "#state = :confirmed AND (attribute_not_exists(reminder) "
                        + "OR (reminder = :sending AND reminderAt < :lease))",
                Map.of(":confirmed", s(Registration.State.CONFIRMED.wireName())),
                run,
                now,
                lease);
    }

    public void finishReminder(String eventId, String hash, String run, boolean sent) {
        finish(eventId, hash, run, "reminderRun", sent ? "SET reminder = :sent" : "REMOVE reminder");
    }

    private boolean claim(
            String eventId,
            String hash,
            String update,
            String condition,
            Map<String, AttributeValue> extra,
            String run,
            Instant now,
            Duration lease) {
        Map<String, AttributeValue> values = new HashMap<>(extra);
        values.put(":sending", s("sending"));
        values.put(":run", s(run));
        values.put(":now", s(now.toString()));
        values.put(":lease", s(now.minus(lease).toString()));
        try {
            dynamo.updateItem(request -> request.tableName(table)
                    .key(key(eventId, hash))
                    .updateExpression(update)
                    .conditionExpression(condition)
                    .expressionAttributeNames(condition.contains("#state") ? Map.of("#state", "state") : null)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException doneOrTaken) {
            return false;
        }
    }

    private void finish(String eventId, String hash, String run, String runAttribute, String update) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":run", s(run)));
        if (update.contains(":sent")) {
            values.put(":sent", s("sent"));
        }
        try {
            dynamo.updateItem(request -> request.tableName(table)
                    .key(key(eventId, hash))
                    .updateExpression(update)
                    .conditionExpression(runAttribute + " = :run")
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException anotherRunTookIt) {
            // its lease ran out and another run claimed it: that run finishes it
        }
    }

    private static Map<String, AttributeValue> details(Registrant who) {
        return Map.of(
                ":name", s(who.name()),
                ":email", s(who.email().value()),
                ":org", who.organization() == null ? AttributeValue.fromNul(true) : s(who.organization()));
    }

    private static long pendingExpiry(Instant now, Instant eventEnd) {
        Instant pending = now.plus(PENDING_LIFETIME);
        Instant kept = eventEnd.plus(KEPT_AFTER_EVENT);
        return (pending.isBefore(kept) ? pending : kept).getEpochSecond();
    }

    private static String reason(TransactionCanceledException e, int index) {
        List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
        return reasons.size() > index ? reasons.get(index).code() : null;
    }

    private static boolean conflict(TransactionCanceledException e) {
        return e.hasCancellationReasons()
                && e.cancellationReasons().stream().anyMatch(r -> "TransactionConflict".equals(r.code()));
    }

    /** A short random pause before retrying a conflicting transaction, so that the contenders spread out. */
    private static void pause(int attempt) {
        long bound = Math.min(400, 10L << Math.min(attempt, 5));
        try {
            TimeUnit.MILLISECONDS.sleep(ThreadLocalRandom.current().nextLong(1, bound));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Query's answer for priming's dry run ({@code lambda.DryRun#answeringInTurn}): a page of an event's
     * registrations holding one confirmed registration of {@code email}, stored as {@link #register} stores it, not
     * yet reminded.
     */
    public static String dryRunPage(String eventId, String email, String name, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(key(
                eventId,
                fr.nogentech.events.subscription.EmailAddress.parse(email, "email")
                        .hash()));
        item.put("state", s(Registration.State.CONFIRMED.wireName()));
        item.put("name", s(name));
        item.put("email", s(email));
        item.put("requestedAt", s(at.toString()));
        item.put("confirmedAt", s(at.toString()));
        com.fasterxml.jackson.databind.node.ObjectNode answer = fr.nogentech.events.json.Json.object();
        answer.putArray("Items").add(Attributes.json(item));
        answer.put("Count", 1).put("ScannedCount", 1);
        return answer.toString();
    }

    private static Registration fromItem(String eventId, Map<String, AttributeValue> item) {
        return new Registration(
                eventId,
                item.get("sk").s().substring(PREFIX.length()),
                Registration.State.fromWireName(item.get("state").s()),
                text(item, "name"),
                text(item, "organization"),
                text(item, "email"),
                instant(item, "requestedAt"),
                instant(item, "confirmedAt"),
                instant(item, "waitlistedAt"),
                item.containsKey("reminder")
                        && "sent".equals(item.get("reminder").s()));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null ? null : value.s();
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        String text = text(item, name);
        return text == null ? null : Instant.parse(text);
    }
}
