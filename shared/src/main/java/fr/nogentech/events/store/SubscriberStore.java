package fr.nogentech.events.store;

import fr.nogentech.events.subscription.EmailAddress;
import fr.nogentech.events.subscription.Subscriber;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static fr.nogentech.events.store.Attributes.n;
import static fr.nogentech.events.store.Attributes.s;

/**
 * Subscribers in DynamoDB, keyed by the hash of their address (docs/data-model.md). Every change of state is one
 * conditional {@code UpdateItem}; the ItemsByState index lists one state's subscribers a page at a time.
 */
public class SubscriberStore {

    static final String BY_STATE = "ItemsByState";
    static final String PROFILE = "PROFILE";

    private final DynamoDbClient dynamo;
    private final String table;

    public SubscriberStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    static String partition(String hash) {
        return "SUBSCRIBER#" + hash;
    }

    static Map<String, AttributeValue> key(String hash) {
        return Map.of("pk", s(partition(hash)), "sk", s(PROFILE));
    }

    /** How long a pending subscription, and its address, are kept: a little past the confirmation link's 7 days. */
    public static final Duration PENDING_LIFETIME = Duration.ofDays(8);

    /**
     * Records a request for a confirmation email: a new, pending or unsubscribed address becomes pending with this
     * request's link, unless a confirmation went to it less than {@code cooldown} ago. A confirmed or suppressed
     * address is left as it is.
     *
     * @param linkExpiry the expiry of the link the email will carry: only that link confirms (one-time links)
     * @return whether the email may go
     */
    public boolean requestConfirmation(EmailAddress address, long linkExpiry, Instant now, Duration cooldown) {
        try {
            dynamo.updateItem(request -> request.tableName(table)
                    .key(key(address.hash()))
                    .updateExpression("SET email = :email, #state = :pending, since = :now, gsi3pk = :bucket, "
                            + "gsi3sk = :hash, linkExpiry = :link, confirmationSentAt = :now, expiresAt = :ttl")
                    .conditionExpression("attribute_not_exists(pk) OR (#state <> :confirmed AND #state <> :suppressed "
                            + "AND (attribute_not_exists(confirmationSentAt) OR confirmationSentAt < :cooldown))")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(
                            ":email",
                            s(address.value()),
                            ":pending",
                            s("pending"),
                            ":confirmed",
                            s("confirmed"),
                            ":suppressed",
                            s("suppressed"),
                            ":now",
                            s(now.toString()),
                            ":bucket",
                            s(bucket(Subscriber.State.PENDING)),
                            ":hash",
                            s(address.hash()),
                            ":link",
                            n(linkExpiry),
                            ":cooldown",
                            s(now.minus(cooldown).toString()),
                            ":ttl",
                            n(now.plus(PENDING_LIFETIME).getEpochSecond()))));
            return true;
        } catch (ConditionalCheckFailedException confirmedSuppressedOrTooSoon) {
            return false;
        }
    }

    /** Gives back a request whose email could not go (the cap, the mail service): a retry may send it. */
    public void releaseConfirmation(String hash, long linkExpiry) {
        try {
            dynamo.updateItem(request -> request.tableName(table)
                    .key(key(hash))
                    .updateExpression("REMOVE confirmationSentAt")
                    .conditionExpression("linkExpiry = :link")
                    .expressionAttributeValues(Map.of(":link", n(linkExpiry))));
        } catch (ConditionalCheckFailedException anotherRequestSince) {
            // a newer request owns the profile now
        }
    }

    /**
     * Confirms the subscription the link of {@code linkExpiry} was sent for; confirming again with that link changes
     * nothing. False for any other link (an older request's, one sent before an unsubscribe), and when there is no
     * such subscription (erased, expired, suppressed).
     */
    public boolean confirm(String hash, long linkExpiry, Instant now) {
        try {
            dynamo.updateItem(request -> request.tableName(table)
                    .key(key(hash))
                    .updateExpression("SET #state = :confirmed, since = if_not_exists(confirmedAt, :now), "
                            + "confirmedAt = if_not_exists(confirmedAt, :now), gsi3pk = :bucket REMOVE expiresAt")
                    // Pending profiles from before one-time links have no linkExpiry: their link still confirms.
                    .conditionExpression(
                            "(#state = :pending AND (attribute_not_exists(linkExpiry) OR linkExpiry = :link)) "
                                    + "OR (#state = :confirmed AND linkExpiry = :link)")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(
                            ":pending",
                            s("pending"),
                            ":confirmed",
                            s("confirmed"),
                            ":link",
                            n(linkExpiry),
                            ":now",
                            s(now.toString()),
                            ":bucket",
                            s(bucket(Subscriber.State.CONFIRMED)))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Unsubscribes at once, and forgets the address (the hash stays); false when the address is not known. */
    public boolean unsubscribe(String hash, Instant now) {
        return forget(hash, Subscriber.State.UNSUBSCRIBED, now, "attribute_exists(pk)");
    }

    /**
     * Never mails the address again (it bounced for good, or its owner complained), and forgets it; false when the
     * address is not known (erased) or suppressed already.
     */
    public boolean suppress(String hash, Instant now) {
        return forget(hash, Subscriber.State.SUPPRESSED, now, "attribute_exists(pk) AND #state <> :state");
    }

    private boolean forget(String hash, Subscriber.State state, Instant now, String condition) {
        try {
            dynamo.updateItem(request -> request.tableName(table)
                    .key(key(hash))
                    .updateExpression("SET #state = :state, since = :now, gsi3pk = :bucket "
                            + "REMOVE email, #name, organization, linkExpiry, confirmedAt, expiresAt")
                    .conditionExpression(condition)
                    .expressionAttributeNames(Map.of("#state", "state", "#name", "name"))
                    .expressionAttributeValues(Map.of(
                            ":state", s(state.wireName()), ":now", s(now.toString()), ":bucket", s(bucket(state)))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Remembers the name and organization a confirmed subscriber gave when registering to an event, for their next
     * registration; nothing for any other state (an address forgotten stays forgotten).
     */
    public void remember(String hash, String name, String organization) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":name", s(name), ":confirmed", s("confirmed")));
        String update = "SET #name = :name";
        if (organization != null) {
            values.put(":org", s(organization));
            update += ", organization = :org";
        } else {
            update += " REMOVE organization";
        }
        String expression = update;
        try {
            dynamo.updateItem(request -> request.tableName(table)
                    .key(key(hash))
                    .updateExpression(expression)
                    .conditionExpression("#state = :confirmed")
                    .expressionAttributeNames(Map.of("#state", "state", "#name", "name"))
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException notConfirmed) {
            // unsubscribed meanwhile: nothing to remember
        }
    }

    public Optional<Subscriber> find(String hash) {
        GetItemResponse response =
                dynamo.getItem(r -> r.tableName(table).key(key(hash)).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(fromItem(response.item()))
                : Optional.empty();
    }

    /** One page of a state's subscribers, in hash order, after {@code afterHash}. */
    public Page list(Subscriber.State state, String afterHash, int limit) {
        QueryRequest.Builder query = QueryRequest.builder()
                .tableName(table)
                .indexName(BY_STATE)
                .keyConditionExpression("gsi3pk = :bucket")
                .expressionAttributeValues(Map.of(":bucket", s(bucket(state))))
                .limit(limit);
        if (afterHash != null) {
            Map<String, AttributeValue> start = new HashMap<>(key(afterHash));
            start.put("gsi3pk", s(bucket(state)));
            start.put("gsi3sk", s(afterHash));
            query.exclusiveStartKey(start);
        }
        QueryResponse response = dynamo.query(query.build());
        List<Subscriber> subscribers =
                response.items().stream().map(SubscriberStore::fromItem).toList();
        String next =
                response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                        ? response.lastEvaluatedKey().get("gsi3sk").s()
                        : null;
        return new Page(subscribers, next);
    }

    /** Subscribers of one page, and the hash to continue after (null at the end). */
    public record Page(List<Subscriber> subscribers, String next) {}

    public long count(Subscriber.State state) {
        return dynamo
                .queryPaginator(r -> r.tableName(table)
                        .indexName(BY_STATE)
                        .keyConditionExpression("gsi3pk = :bucket")
                        .expressionAttributeValues(Map.of(":bucket", s(bucket(state))))
                        .select(Select.COUNT))
                .stream()
                .mapToLong(QueryResponse::count)
                .sum();
    }

    /** Erases an address and its history (its send log); returns how many items went. */
    public int erase(EmailAddress address) {
        List<Map<String, AttributeValue>> keys = dynamo
                .queryPaginator(r -> r.tableName(table)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", s(partition(address.hash()))))
                        .projectionExpression("pk, sk")
                        .consistentRead(true))
                .items()
                .stream()
                .toList();
        for (Map<String, AttributeValue> key : keys) {
            dynamo.deleteItem(r -> r.tableName(table).key(key));
        }
        return keys.size();
    }

    static String bucket(Subscriber.State state) {
        return "SUBSCRIBERS#" + state.wireName();
    }

    private static Subscriber fromItem(Map<String, AttributeValue> item) {
        return new Subscriber(
                item.containsKey("email") ? item.get("email").s() : null,
                item.get("gsi3sk").s(),
                Subscriber.State.valueOf(item.get("state").s().toUpperCase(Locale.ROOT)),
                Instant.parse(item.get("since").s()),
                item.containsKey("name") ? item.get("name").s() : null,
                item.containsKey("organization") ? item.get("organization").s() : null);
    }
}
