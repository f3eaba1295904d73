package fr.nogentech.events.functions;

import fr.nogentech.events.announcement.MonthlyMailing;
import fr.nogentech.events.email.MailSender;
import fr.nogentech.events.email.OutgoingMail;
import fr.nogentech.events.store.MailingStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mailings that crash, run out of time or are throttled, then run again: everyone gets exactly one email. */
class MailingCrashTest {

    @Test
    void aRerunAfterACrashServesEveryConfirmedSubscriberExactlyOnce() {
        MovableClock clock = new MovableClock(Instant.parse("2023-10-01T07:00:00Z"));
        try (MailingFixture fixture = new MailingFixture("mailing-crash", clock)) {
            fixture.confirmed("membre", 6);
            MailSender throughSes = fixture.ses();
            AtomicInteger sends = new AtomicInteger();
            MailSender crashingAfterThree = mail -> {
                if (sends.incrementAndGet() == 4) {
                    throw new IllegalStateException("simulated crash: the Lambda dies here");
                }
                return throughSes.send(mail);
            };
            YearMonth october = YearMonth.of(2023, 10);

            assertThrows(
                    IllegalStateException.class,
                    () -> fixture.mailing(crashingAfterThree).run(october, () -> true));
            assertEquals(3, total(fixture.sentCounts()));

            // The Lambda retry, a minute later: the crashed recipient's claim still holds, the rest are served.
            clock.advance(Duration.ofMinutes(1));
            assertEquals(
                    MonthlyMailing.Outcome.INCOMPLETE,
                    fixture.mailing(throughSes).run(october, () -> true));
            assertEquals(5, fixture.sentCounts().size());

            // The next run after the claim's lease: the crashed recipient is served, and the mailing finishes.
            clock.advance(MailingStore.CLAIM_LEASE);
            assertEquals(
                    MonthlyMailing.Outcome.FINISHED, fixture.mailing(throughSes).run(october, () -> true));
            Map<String, Long> counts = fixture.sentCounts();
            assertEquals(6, counts.size());
            counts.forEach((to, count) -> assertEquals(1L, count, to + " got " + count + " emails"));
            assertEquals(
                    MonthlyMailing.Outcome.FINISHED, fixture.mailing(throughSes).run(october, () -> true));
            assertEquals(6, total(fixture.sentCounts()));
        }
    }

    @Test
    void stopsCleanlyWhenTimeRunsOutAndGoesOnNextTime() {
        try (MailingFixture fixture = new MailingFixture("mailing-deadline", Clock.systemUTC())) {
            fixture.confirmed("deadline", 4);
            List<OutgoingMail> outbox = new CopyOnWriteArrayList<>();
            MailSender recording = mail -> {
                outbox.add(mail);
                return "id-" + outbox.size();
            };
            MonthlyMailing mailing = fixture.mailing(recording);
            AtomicInteger budget = new AtomicInteger(2);
            assertEquals(
                    MonthlyMailing.Outcome.INCOMPLETE,
                    mailing.run(YearMonth.of(2023, 11), () -> budget.getAndDecrement() > 0));
            assertEquals(2, outbox.size());
            assertEquals(MonthlyMailing.Outcome.FINISHED, mailing.run(YearMonth.of(2023, 11), () -> true));
            assertEquals(4, outbox.size());
            assertEquals(4, outbox.stream().map(OutgoingMail::to).distinct().count());
        }
    }

    @Test
    void backsOffWhenThrottledAndLeavesTheRestForTheNextRunWhenThrottlingLasts() {
        try (MailingFixture fixture = new MailingFixture("mailing-throttle", Clock.systemUTC())) {
            fixture.confirmed("throttled", 2);
            List<String> delivered = new CopyOnWriteArrayList<>();
            AtomicInteger attempts = new AtomicInteger();
            MailSender throttledTwice = mail -> {
                if (attempts.incrementAndGet() <= 2) {
                    throw new MailSender.Throttled("TooManyRequestsException");
                }
                delivered.add(mail.to());
                return "ok";
            };
            long start = System.nanoTime();
            assertEquals(
                    MonthlyMailing.Outcome.FINISHED,
                    fixture.mailing(throttledTwice).run(YearMonth.of(2023, 12), () -> true));
            assertEquals(2, delivered.size());
            assertEquals(4, attempts.get());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 1_400, "waited 0.5 s, then 1 s");

            MailSender alwaysThrottled = mail -> {
                throw new MailSender.Throttled("TooManyRequestsException");
            };
            AtomicInteger checks = new AtomicInteger();
            assertEquals(
                    MonthlyMailing.Outcome.INCOMPLETE,
                    fixture.mailing(alwaysThrottled).run(YearMonth.of(2024, 1), () -> checks.incrementAndGet() < 3));
            assertEquals(
                    0,
                    fixture.mailings.find(YearMonth.of(2024, 1)).orElseThrow().sent());
        }
    }

    private static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** A clock the test moves forward, as time passes between Lambda invocations. */
    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
