package fr.nogentech.events.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static fr.nogentech.events.store.Attributes.n;
import static fr.nogentech.events.store.Attributes.s;

/**
 * A month's mailing and its per-recipient send log. A recipient is claimed before the email goes and marked sent or
 * failed after; a claim that was never marked (a crash in between) can be taken again once its lease has run out. So
 * a rerun never sends twice to whoever was marked, and never skips anyone. Each claim carries its run's id, and only
 * that run can mark or release it. Send log entries expire after 13 months.
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

    /** How long a send log entry is kept. */
    public static final Period LOG_LIFETIME = Period.ofMonths(13);

    /** The state of a month's mailing, as administrators see it. */
    public record Mailing(
            YearMonth month,
            long recipients,
            long sent,
            long failed,
            long suppressed,
            Instant startedAt,
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
            dynamo.putItem(r -> r.tableName(table)
                    .conditionExpression("attribute_not_exists(pk)")
                    .item(Map.of(
                            "pk",
                            s("MAILING#" + month),
                            "sk",
                            s("MAILING"),
                            "recipients",
                            n(recipients),
                            "sent",
                            n(0),
                            "failed",
                            n(0),
                            "startedAt",
                            s(now.toString()),
                            // In the ItemsByState index while unfinished, so that the resume schedule finds it.
                            "gsi3pk",
                            s(ACTIVE),
                            "gsi3sk",
                            s(month.toString()))));
        } catch (ConditionalCheckFailedException alreadyStarted) {
            // resumed: the counters go on
        }
        return find(month).orElseThrow();
    }

    public Optional<Mailing> find(YearMonth month) {
        GetItemResponse response =
                dynamo.getItem(r -> r.tableName(table).key(mailingKey(month)).consistentRead(true));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = response.item();
        return Optional.of(new Mailing(
                month,
                Long.parseLong(item.get("recipients").n()),
                Long.parseLong(item.get("sent").n()),
                Long.parseLong(item.get("failed").n()),
                item.containsKey("suppressed")
                        ? Long.parseLong(item.get("suppressed").n())
                        : 0,
                Instant.parse(item.get("startedAt").s()),
                item.containsKey("finishedAt")
                        ? Instant.parse(item.get("finishedAt").s())
                        : null));
    }

    /**
     * GetItem's answer for priming's dry run ({@code lambda.DryRun#answering}): the month's mailing item as
     * {@link #start} writes it and the counters raise it, finished at {@code finishedAt} unless null.
     */
    public static String dryRunAnswer(YearMonth month, Instant startedAt, Instant finishedAt) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(mailingKey(month));
        item.put("recipients", n(1));
        item.put("sent", n(1));
        item.put("failed", n(0));
        item.put("suppressed", n(0));
        item.put("startedAt", s(startedAt.toString()));
        if (finishedAt != null) {
            item.put("finishedAt", s(finishedAt.toString()));
        } else {
            item.put("gsi3pk", s(ACTIVE));
            item.put("gsi3sk", s(month.toString()));
        }
        com.fasterxml.jackson.databind.node.ObjectNode answer = fr.nogentech.events.json.Json.object();
        answer.set("Item", Attributes.json(item));
        return answer.toString();
    }

    public void finish(YearMonth month, Instant now) {
        dynamo.updateItem(r -> r.tableName(table)
                .key(mailingKey(month))
                .updateExpression("SET finishedAt = if_not_exists(finishedAt, :now) REMOVE gsi3pk, gsi3sk")
                .expressionAttributeValues(Map.of(":now", s(now.toString()))));
    }

    /** The months whose mailing started and has not finished. */
    public List<YearMonth> unfinished() {
        QueryResponse response = dynamo.query(r -> r.tableName(table)
                .indexName(SubscriberStore.BY_STATE)
                .keyConditionExpression("gsi3pk = :active")
                .expressionAttributeValues(Map.of(":active", s(ACTIVE))));
        return response.items().stream()
                .map(item -> YearMonth.parse(item.get("gsi3sk").s()))
                .toList();
    }

    /** Records more recipients (subscribers confirmed after the mailing started are not forgotten). */
    public void raiseRecipients(YearMonth month, long recipients) {
        try {
            dynamo.updateItem(r -> r.tableName(table)
                    .key(mailingKey(month))
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
        HELD,
        /** No longer a confirmed subscriber (unsubscribed, suppressed or erased since the page was read). */
        GONE
    }

    /**
     * Claims a recipient for the month, for the run {@code runId}: in one transaction, the subscriber is still
     * confirmed (so a claim never recreates an erased subscriber's items) and nobody served or holds them.
     */
    public Claim claim(String hash, YearMonth month, String runId, Instant now) {
        try {
            dynamo.transactWriteItems(t -> t.transactItems(
                    TransactWriteItem.builder()
                            .conditionCheck(c -> c.tableName(table)
                                    .key(SubscriberStore.key(hash))
                                    .conditionExpression("#state = :confirmed")
                                    .expressionAttributeNames(Map.of("#state", "state"))
                                    .expressionAttributeValues(Map.of(":confirmed", s("confirmed"))))
                            .build(),
                    TransactWriteItem.builder()
                            .put(p -> p.tableName(table)
                                    .item(Map.of(
                                            "pk",
                                            s(SubscriberStore.partition(hash)),
                                            "sk",
                                            s("MAILING#" + month),
                                            "state",
                                            s("sending"),
                                            "at",
                                            s(now.toString()),
                                            "runId",
                                            s(runId),
                                            "expiresAt",
                                            n(now.atZone(ZoneOffset.UTC)
                                                    .plus(LOG_LIFETIME)
                                                    .toEpochSecond())))
                                    .conditionExpression(
                                            "attribute_not_exists(pk) OR (#state = :sending AND #at < :expired)")
                                    .expressionAttributeNames(Map.of("#state", "state", "#at", "at"))
                                    .expressionAttributeValues(Map.of(
                                            ":sending",
                                            s("sending"),
                                            ":expired",
                                            s(now.minus(CLAIM_LEASE).toString()))))
                            .build()));
            return Claim.CLAIMED;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
            if (!reasons.isEmpty()
                    && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                return Claim.GONE;
            }
            GetItemResponse log = dynamo.getItem(
                    r -> r.tableName(table).key(logKey(hash, month)).consistentRead(true));
            if (!log.hasItem() || log.item().isEmpty()) {
                // cancelled for another reason (a concurrent write): the next run looks again
                return Claim.HELD;
            }
            return "sending".equals(log.item().get("state").s()) ? Claim.HELD : Claim.DONE;
        }
    }

    /**
     * Marks a claimed recipient sent (or failed, with why), then counts it on the mailing; only the run that holds
     * the claim can. The entry is the truth of who was served; the counters are for reading, and a crash between the
     * two writes leaves them one short.
     */
    public void mark(String hash, YearMonth month, String runId, boolean sent, String reason, Instant now) {
        String counter = sent ? "sent" : "failed";
        try {
            dynamo.updateItem(r -> r.tableName(table)
                    .key(logKey(hash, month))
                    .updateExpression("SET #state = :state, #at = :now, reason = :reason")
                    .conditionExpression("#state = :sending AND runId = :run")
                    .expressionAttributeNames(Map.of("#state", "state", "#at", "at"))
                    .expressionAttributeValues(Map.of(
                            ":state",
                            s(counter),
                            ":now",
                            s(now.toString()),
                            ":reason",
                            s(reason == null ? "-" : reason),
                            ":sending",
                            s("sending"),
                            ":run",
                            s(runId))));
        } catch (ConditionalCheckFailedException notOurs) {
            return;
        }
        count(month, counter);
    }

    /** Gives back a claim whose email surely did not go (the mail service refused to send anything). */
    public void release(String hash, YearMonth month, String runId) {
        try {
            dynamo.deleteItem(r -> r.tableName(table)
                    .key(logKey(hash, month))
                    .conditionExpression("#state = :sending AND runId = :run")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":sending", s("sending"), ":run", s(runId))));
        } catch (ConditionalCheckFailedException notOurs) {
            // marked, retaken or erased meanwhile
        }
    }

    /** Counts an address of the month's mailing that bounced for good or complained, when the mailing exists. */
    public void countSuppressed(YearMonth month) {
        try {
            count(month, "suppressed");
        } catch (ConditionalCheckFailedException noSuchMailing) {
            // a test email, or a mailing erased since
        }
    }

    private void count(YearMonth month, String counter) {
        dynamo.updateItem(r -> r.tableName(table)
                .key(mailingKey(month))
                .updateExpression("ADD #counter :one")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeNames(Map.of("#counter", counter))
                .expressionAttributeValues(Map.of(":one", n(1))));
    }
}
