package fr.nogentech.events.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import static fr.nogentech.events.store.Attributes.n;
import static fr.nogentech.events.store.Attributes.s;

/**
 * A count per day that cannot pass its cap, however many functions take from it at once: each take is one
 * conditional {@code UpdateItem} on the day's item ({@code QUOTA#<name>}, {@code <yyyy-mm-dd>}), which expires after
 * two days.
 */
public class DailyQuota {

    private final DynamoDbClient dynamo;
    private final String table;
    private final String name;
    private final long cap;

    public DailyQuota(DynamoDbClient dynamo, String table, String name, long cap) {
        this.dynamo = dynamo;
        this.table = table;
        this.name = name;
        this.cap = cap;
    }

    private Map<String, AttributeValue> key(LocalDate day) {
        return Map.of("pk", s("QUOTA#" + name), "sk", s(day.toString()));
    }

    /** Takes one from the day's quota; false when the cap is reached. */
    public boolean take(LocalDate day) {
        long expires = day.plusDays(2).toEpochDay() * Duration.ofDays(1).toSeconds();
        try {
            dynamo.updateItem(r -> r.tableName(table)
                    .key(key(day))
                    .updateExpression("ADD used :one SET expiresAt = :expires")
                    .conditionExpression("attribute_not_exists(used) OR used < :cap")
                    .expressionAttributeValues(Map.of(":one", n(1), ":cap", n(cap), ":expires", n(expires))));
            return true;
        } catch (ConditionalCheckFailedException full) {
            return false;
        }
    }

    /** Gives one back, for a take whose work could not be done. */
    public void giveBack(LocalDate day) {
        try {
            dynamo.updateItem(r -> r.tableName(table)
                    .key(key(day))
                    .updateExpression("ADD used :minusOne")
                    .conditionExpression("used > :zero")
                    .expressionAttributeValues(Map.of(":minusOne", n(-1), ":zero", n(0))));
        } catch (ConditionalCheckFailedException nothingTaken) {
            // nothing to give back
        }
    }

    public long used(LocalDate day) {
        var item = dynamo.getItem(r -> r.tableName(table).key(key(day)).consistentRead(true))
                .item();
        return item == null || !item.containsKey("used")
                ? 0
                : Long.parseLong(item.get("used").n());
    }
}
