package fr.nogentech.events.functions;

import fr.nogentech.events.announcement.MonthlyMailing;
import fr.nogentech.events.announcement.SendingPace;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.logging.LogRecords;
import fr.nogentech.events.store.MailingStore;
import fr.nogentech.events.subscription.EmailAddress;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mailing when SES or the world misbehaves, with SES's answers injected through an SDK interceptor: what marks a
 * recipient failed, what stops the run, overlapping runs, and subscribers who leave while it runs.
 */
class MailingFaultsTest {

    /** Errors that say nothing about the recipient: the run stops, nobody is marked, the mailing stays resumable. */
    private static final List<String> ACCOUNT_ERRORS = List.of(
            "AccountSuspendedException",
            "SendingPausedException",
            "MailFromDomainNotVerifiedException",
            "NotFoundException",
            "AccessDeniedException",
            "LimitExceededException");

    @Test
    void anAccountOrConfigurationErrorStopsTheRunMarksNobodyAndTheMailingResumesWhenItIsMended() throws Exception {
        SesFaults ses = new SesFaults();
        try (MailingFixture fixture = new MailingFixture("account-errors", Clock.systemUTC(), ses)) {
            List<EmailAddress> members = fixture.confirmed("membre", 3);
            // One seeded month per error, so that each starts a mailing of its own.
            YearMonth month = YearMonth.of(2023, 10);
            for (String code : ACCOUNT_ERRORS) {
                ses.answerEveryone(code);
                List<String> logs = Collections.synchronizedList(new ArrayList<>());
                MonthlyMailing.Outcome outcome;
                try (AutoCloseable capture = LogRecords.capture(logs::add)) {
                    outcome = fixture.mailing(fixture.ses()).run(month, () -> true);
                }
                assertEquals(MonthlyMailing.Outcome.INCOMPLETE, outcome, code);
                MailingStore.Mailing state = fixture.mailings.find(month).orElseThrow();
                assertEquals(0, state.sent(), code);
                assertEquals(0, state.failed(), code + " marked someone failed");
                assertFalse(state.finished(), code);
                assertTrue(fixture.mailings.unfinished().contains(month), code + ": not resumable");
                assertTrue(
                        logs.stream()
                                .map(this::record)
                                .anyMatch(r -> r.get("level").equals("ERROR")
                                        && r.get("reason").equals(code)),
                        code + " logged no error an alarm can catch: " + logs);

                ses.heal();
                assertEquals(
                        MonthlyMailing.Outcome.FINISHED,
                        fixture.mailing(fixture.ses()).run(month, () -> true));
                assertEquals(3, fixture.mailings.find(month).orElseThrow().sent(), code);
                month = month.plusMonths(1);
            }
            Map<String, Long> counts = fixture.sentCounts();
            assertEquals(members.size(), counts.size());
            counts.forEach((to, n) -> assertEquals(ACCOUNT_ERRORS.size(), n, to + ": one email a month"));
        }
    }

    @Test
    void aRecipientLevelRejectionMarksThatRecipientFailedAndTheOthersAreServed() {
        SesFaults ses = new SesFaults();
        try (MailingFixture fixture = new MailingFixture("recipient-errors", Clock.systemUTC(), ses)) {
            List<EmailAddress> members = fixture.confirmed("membre", 3);
            String refused = members.get(1).value();
            for (String code : List.of("MessageRejected", "BadRequestException")) {
                ses.answer(to -> to.equals(refused) ? code : null);
                YearMonth month = code.equals("MessageRejected") ? YearMonth.of(2023, 10) : YearMonth.of(2023, 11);
                assertEquals(
                        MonthlyMailing.Outcome.FINISHED,
                        fixture.mailing(fixture.ses()).run(month, () -> true));
                MailingStore.Mailing state = fixture.mailings.find(month).orElseThrow();
                assertEquals(2, state.sent(), code);
                assertEquals(1, state.failed(), code);
            }
            assertFalse(fixture.sentCounts().containsKey(refused));
        }
    }

    @Test
    void twoRunsAtOnceUnderThrottlingSendEveryoneExactlyOneEmailWithinTheRateTogether() throws Exception {
        SesFaults ses = new SesFaults();
        AtomicInteger calls = new AtomicInteger();
        // SES's "maximum sending rate exceeded", now and then.
        ses.answer(to -> calls.incrementAndGet() % 5 == 2 ? "TooManyRequestsException" : null);
        try (MailingFixture fixture = new MailingFixture("two-runs", Clock.systemUTC(), ses)) {
            List<EmailAddress> members = fixture.confirmed("membre", 12);
            double rate = 4;
            SendingPace pace = new SendingPace(rate);
            YearMonth month = YearMonth.of(2023, 12);
            ExecutorService runs = Executors.newFixedThreadPool(2);
            try {
                List<Future<MonthlyMailing.Outcome>> outcomes = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    outcomes.add(runs.submit(
                            () -> fixture.mailing(fixture.ses(), pace).run(month, () -> true)));
                }
                for (Future<MonthlyMailing.Outcome> outcome : outcomes) {
                    outcome.get();
                }
            } finally {
                runs.shutdown();
            }
            if (fixture.mailings.unfinished().contains(month)) {
                // A run that met the other's claims leaves them to the next run; it adds nobody twice.
                assertEquals(
                        MonthlyMailing.Outcome.FINISHED,
                        fixture.mailing(fixture.ses(), pace).run(month, () -> true));
            }
            Map<String, Long> counts = fixture.sentCounts();
            assertEquals(members.size(), counts.size(), counts.toString());
            counts.forEach((to, n) -> assertEquals(1L, n, to + " got " + n + " emails"));
            List<Instant> accepted = ses.accepted.stream().sorted().toList();
            assertEquals(members.size(), accepted.size());
            double seconds = Duration.between(accepted.get(0), accepted.get(accepted.size() - 1))
                            .toNanos()
                    / 1e9;
            assertTrue(
                    (accepted.size() - 1) / seconds <= rate * 1.1,
                    (accepted.size() - 1) + " emails in " + seconds + " s: over " + rate + " a second");
        }
    }

    @Test
    void subscribersWhoUnsubscribeOrAreErasedAfterThePageIsReadGetNothingAndNothingOfTheErasedComesBack() {
        try (MailingFixture fixture = new MailingFixture("leaving", Clock.systemUTC())) {
            List<EmailAddress> members = fixture.confirmed("membre", 4);
            AtomicBoolean meddled = new AtomicBoolean();
            // Right after the mailing reads its page of confirmed subscribers, one unsubscribes and one is erased.
            ExecutionInterceptor leaveAfterThePageRead = new ExecutionInterceptor() {
                @Override
                public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                    if (context.request() instanceof QueryRequest query
                            && "ItemsByState".equals(query.indexName())
                            && query.expressionAttributeValues().toString().contains("SUBSCRIBERS#confirmed")
                            && meddled.compareAndSet(false, true)) {
                        fixture.subscribers.unsubscribe(members.get(0).hash(), Instant.now());
                        fixture.subscribers.erase(members.get(1));
                    }
                }
            };
            try (DynamoDbClient watched = fixture.dynamoDbWith(leaveAfterThePageRead)) {
                assertEquals(
                        MonthlyMailing.Outcome.FINISHED,
                        fixture.mailing(fixture.ses(), new SendingPace(0), watched)
                                .run(YearMonth.of(2024, 1), () -> true));
            }
            assertTrue(meddled.get(), "the subscribers were read from the index");
            assertEquals(Map.of(members.get(2).value(), 1L, members.get(3).value(), 1L), fixture.sentCounts());
            int itemsOfTheErased = fixture.dynamoDb
                    .query(q -> q.tableName(fixture.table)
                            .keyConditionExpression("pk = :pk")
                            .consistentRead(true)
                            .expressionAttributeValues(Map.of(
                                    ":pk",
                                    AttributeValue.fromS(
                                            "SUBSCRIBER#" + members.get(1).hash()))))
                    .count();
            assertEquals(0, itemsOfTheErased, "a claim recreated an erased subscriber's items");
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> record(String line) {
        try {
            return Json.MAPPER.readValue(line, Map.class);
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }
}
