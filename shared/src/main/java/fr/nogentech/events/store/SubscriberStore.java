package fr.nogentech.events.store;

import fr.nogentech.events.subscription.EmailAddress;
import fr.nogentech.events.subscription.Subscriber;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.Select;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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

    /**
     * Records a subscription request: a new or unsubscribed address becomes pending (again); a confirmed one stays as
     * it is.
     *
     * @return whether a confirmation email should be sent (the address is pending now)
     */
    public boolean requestSubscription(EmailAddress address, Instant now) {
        try {
            dynamo.updateItem(request -> request.tableName(table).key(key(address.hash()))
                    .updateExpression("SET email = :email, #state = :pending, since = :now, gsi3pk = :bucket, "
                            + "gsi3sk = :hash")
                    .conditionExpression("attribute_not_exists(pk) OR #state <> :confirmed")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":email", s(address.value()), ":pending", s("pending"),
                            ":confirmed", s("confirmed"), ":now", s(now.toString()),
                            ":bucket", s(bucket(Subscriber.State.PENDING)), ":hash", s(address.hash()))));
            return true;
        } catch (ConditionalCheckFailedException alreadyConfirmed) {
            return false;
        }
    }

    /** Confirms a pending subscription; false when there is none (erased, unsubscribed since, never asked). */
    public boolean confirm(String hash, Instant now) {
        return changeState(hash, Subscriber.State.CONFIRMED, now,
                "attribute_exists(pk) AND (#state = :pending OR #state = :confirmed)");
    }

    /** Unsubscribes at once; false when the address is not (or no longer) known. */
    public boolean unsubscribe(String hash, Instant now) {
        return changeState(hash, Subscriber.State.UNSUBSCRIBED, now, "attribute_exists(pk)");
    }

    private boolean changeState(String hash, Subscriber.State state, Instant now, String condition) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":state", s(state.wireName()),
                ":now", s(now.toString()), ":bucket", s(bucket(state))));
        // DynamoDB refuses values that the expressions do not use.
        for (String known : new String[]{"pending", "confirmed"}) {
            if (condition.contains(":" + known)) {
                values.put(":" + known, s(known));
            }
        }
        try {
            dynamo.updateItem(request -> request.tableName(table).key(key(hash))
                    .updateExpression("SET #state = :state, since = :now, gsi3pk = :bucket")
                    .conditionExpression(condition)
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.NONE));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    public Optional<Subscriber> find(String hash) {
        GetItemResponse response = dynamo.getItem(r -> r.tableName(table).key(key(hash)).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(fromItem(response.item()))
                : Optional.empty();
    }

    /** One page of a state's subscribers, in hash order, after {@code afterHash}. */
    public Page list(Subscriber.State state, String afterHash, int limit) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName(BY_STATE)
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
        List<Subscriber> subscribers = response.items().stream().map(SubscriberStore::fromItem).toList();
        String next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? response.lastEvaluatedKey().get("gsi3sk").s() : null;
        return new Page(subscribers, next);
    }

    /** Subscribers of one page, and the hash to continue after (null at the end). */
    public record Page(List<Subscriber> subscribers, String next) {
    }

    public long count(Subscriber.State state) {
        return dynamo.queryPaginator(r -> r.tableName(table).indexName(BY_STATE)
                        .keyConditionExpression("gsi3pk = :bucket")
                        .expressionAttributeValues(Map.of(":bucket", s(bucket(state))))
                        .select(Select.COUNT))
                .stream().mapToLong(QueryResponse::count).sum();
    }

    /** Erases an address and its history (its send log); returns how many items went. */
    public int erase(EmailAddress address) {
        List<Map<String, AttributeValue>> keys = dynamo.queryPaginator(r -> r.tableName(table)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", s(partition(address.hash()))))
                        .projectionExpression("pk, sk")
                        .consistentRead(true))
                .items().stream().toList();
        for (Map<String, AttributeValue> key : keys) {
            dynamo.deleteItem(r -> r.tableName(table).key(key));
        }
        return keys.size();
    }

    static String bucket(Subscriber.State state) {
        return "SUBSCRIBERS#" + state.wireName();
    }

    private static Subscriber fromItem(Map<String, AttributeValue> item) {
        return new Subscriber(item.get("email").s(), item.get("gsi3sk").s(),
                Subscriber.State.valueOf(item.get("state").s().toUpperCase(Locale.ROOT)),
                Instant.parse(item.get("since").s()));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
