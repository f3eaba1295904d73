package fr.nogentech.events.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A month's mailing and its per-recipient send log. A recipient is claimed before the email goes and marked sent or
 * failed after; a claim that was never marked (a crash in between) can be taken again once its lease has run out. So
 * a rerun never sends twice to whoever was marked, and never skips anyone.
 */
public class MailingStore {

    /** How long a claim protects a recipient whose send has not been marked yet. */
    public static final Duration CLAIM_LEASE = Duration.ofMinutes(2);

    private static final String ACTIVE = "MAILINGS#active";

    private final DynamoDbClient dynamo;
    private final String table;

    public MailingStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The state of a month's mailing, as administrators see it. */
    public record Mailing(YearMonth month, long recipients, long sent, long failed, Instant startedAt,
                          Instant finishedAt) {
        public boolean finished() {
            return finishedAt != null;
        }
    }

    private static Map<String, AttributeValue> mailingKey(YearMonth month) {
        return Map.of("pk", s("MAILING#" + month), "sk", s("MAILING"));
    }

    private static Map<String, AttributeValue> logKey(String hash, YearMonth month) {
        return Map.of("pk", s(SubscriberStore.partition(hash)), "sk", s("MAILING#" + month));
    }

    /** Starts the month's mailing unless it was started already; returns it as it is now. */
    public Mailing start(YearMonth month, long recipients, Instant now) {
        try {
            dynamo.putItem(r -> r.tableName(table).conditionExpression("attribute_not_exists(pk)").item(Map.of(
                    "pk", s("MAILING#" + month), "sk", s("MAILING"), "recipients", n(recipients), "sent", n(0),
                    "failed", n(0), "startedAt", s(now.toString()),
                    // In the ItemsByState index while unfinished, so that the resume schedule finds it.
                    "gsi3pk", s(ACTIVE), "gsi3sk", s(month.toString()))));
        } catch (ConditionalCheckFailedException alreadyStarted) {
            // resumed: the counters go on
        }
        return find(month).orElseThrow();
    }

    public Optional<Mailing> find(YearMonth month) {
        GetItemResponse response = dynamo.getItem(r -> r.tableName(table).key(mailingKey(month)).consistentRead(true));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = response.item();
        return Optional.of(new Mailing(month, Long.parseLong(item.get("recipients").n()),
                Long.parseLong(item.get("sent").n()), Long.parseLong(item.get("failed").n()),
                Instant.parse(item.get("startedAt").s()),
                item.containsKey("finishedAt") ? Instant.parse(item.get("finishedAt").s()) : null));
    }

    public void finish(YearMonth month, Instant now) {
        dynamo.updateItem(r -> r.tableName(table).key(mailingKey(month))
                .updateExpression("SET finishedAt = if_not_exists(finishedAt, :now) REMOVE gsi3pk, gsi3sk")
                .expressionAttributeValues(Map.of(":now", s(now.toString()))));
    }

    /** The months whose mailing started and has not finished. */
    public List<YearMonth> unfinished() {
        QueryResponse response = dynamo.query(r -> r.tableName(table).indexName(SubscriberStore.BY_STATE)
                .keyConditionExpression("gsi3pk = :active")
                .expressionAttributeValues(Map.of(":active", s(ACTIVE))));
        return response.items().stream().map(item -> YearMonth.parse(item.get("gsi3sk").s())).toList();
    }

    /** Records more recipients (subscribers confirmed after the mailing started are not forgotten). */
    public void raiseRecipients(YearMonth month, long recipients) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(mailingKey(month))
                    .updateExpression("SET recipients = :n")
                    .conditionExpression("recipients < :n")
                    .expressionAttributeValues(Map.of(":n", n(recipients))));
        } catch (ConditionalCheckFailedException notMore) {
            // as many or fewer than counted at the start: the count stands
        }
    }

    /** What a claim found. */
    public enum Claim {
        /** Nobody had served this recipient: the caller sends now. */
        CLAIMED,
        /** Sent (or refused) already this month. */
        DONE,
        /** Another run claimed them less than a lease ago and has not marked them yet. */
        HELD
    }

    /** Claims a recipient for the month, unless they were served already or another run holds a live claim. */
    public Claim claim(String hash, YearMonth month, Instant now) {
        try {
            dynamo.putItem(r -> r.tableName(table)
                    .item(Map.of("pk", s(SubscriberStore.partition(hash)), "sk", s("MAILING#" + month),
                            "state", s("sending"), "at", s(now.toString())))
                    .conditionExpression("attribute_not_exists(pk) OR (#state = :sending AND #at < :expired)")
                    .expressionAttributeNames(Map.of("#state", "state", "#at", "at"))
                    .expressionAttributeValues(Map.of(":sending", s("sending"),
                            ":expired", s(now.minus(CLAIM_LEASE).toString()))));
            return Claim.CLAIMED;
        } catch (ConditionalCheckFailedException taken) {
            GetItemResponse log = dynamo.getItem(r -> r.tableName(table).key(logKey(hash, month))
                    .consistentRead(true));
            boolean held = log.hasItem() && "sending".equals(log.item().get("state").s());
            return held ? Claim.HELD : Claim.DONE;
        }
    }

    /**
     * Marks a claimed recipient sent (or failed, with why), then counts it on the mailing. The entry is the truth of
     * who was served; the counters are for reading, and a crash between the two writes leaves them one short. (One
     * transaction would keep them exact, but moto's TransactWriteItems copies the whole table each time, which makes
     * a 10,000-recipient mailing untestable here; see bench/README.md.)
     */
    public void mark(String hash, YearMonth month, boolean sent, String reason, Instant now) {
        String counter = sent ? "sent" : "failed";
        try {
            dynamo.updateItem(r -> r.tableName(table).key(logKey(hash, month))
                    .updateExpression("SET #state = :state, #at = :now, reason = :reason")
                    .conditionExpression("#state = :sending")
                    .expressionAttributeNames(Map.of("#state", "state", "#at", "at"))
                    .expressionAttributeValues(Map.of(":state", s(counter), ":now", s(now.toString()),
                            ":reason", s(reason == null ? "-" : reason), ":sending", s("sending"))));
        } catch (ConditionalCheckFailedException alreadyMarked) {
            return;
        }
        dynamo.updateItem(r -> r.tableName(table).key(mailingKey(month))
                .updateExpression("ADD #counter :one")
                .expressionAttributeNames(Map.of("#counter", counter))
                .expressionAttributeValues(Map.of(":one", n(1))));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
