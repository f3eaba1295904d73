package fr.nogentech.events.functions;

import fr.nogentech.events.event.EventPages;
import fr.nogentech.events.local.LocalAws;
import fr.nogentech.events.local.MotoMail;
import fr.nogentech.events.local.ProjectRoot;
import fr.nogentech.events.local.TestStack;
import fr.nogentech.events.mail.MailSender;
import fr.nogentech.events.mail.OutgoingMail;
import fr.nogentech.events.mail.SesMailSender;
import fr.nogentech.events.mailing.MailLinks;
import fr.nogentech.events.mailing.MonthlyMailing;
import fr.nogentech.events.seed.Seeds;
import fr.nogentech.events.store.EventStore;
import fr.nogentech.events.store.MailingStore;
import fr.nogentech.events.store.SubscriberStore;
import fr.nogentech.events.subscription.EmailAddress;
import fr.nogentech.events.subscription.SubscriptionTokens;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;

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
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A mailing that crashes after half its recipients, then runs again: everyone gets exactly one email. */
class MailingCrashTest {

    private static final String DOMAIN = "@crash-test.example";

    @Test
    void aRerunAfterACrashServesEveryConfirmedSubscriberExactlyOnce() {
        LocalAws moto = TestStack.moto();
        String table = TestStack.newEventsTable(moto, "mailing-crash");
        MotoMail.verifySender(moto, "annonces@nogentech.fr");
        MovableClock clock = new MovableClock(Instant.parse("2023-10-01T07:00:00Z"));
        try (var dynamoDb = moto.dynamoDb();
             SesV2Client ses = SesV2Client.builder().httpClient(UrlConnectionHttpClient.create())
                     .endpointOverride(moto.endpoint()).region(Region.of(moto.region()))
                     .credentialsProvider(StaticCredentialsProvider.create(
                             AwsBasicCredentials.create(moto.accessKeyId(), moto.secretAccessKey())))
                     .build()) {
            Seeds.load(new EventStore(dynamoDb, table, clock), Seeds.read(ProjectRoot.find().resolve("seeds")));
            SubscriberStore subscribers = new SubscriberStore(dynamoDb, table);
            for (int i = 1; i <= 6; i++) {
                EmailAddress address = EmailAddress.parse("membre" + i + DOMAIN, "email");
                subscribers.requestSubscription(address, clock.instant());
                subscribers.confirm(address.hash(), clock.instant());
            }
            MailSender throughSes = new SesMailSender(ses, "Nogentech <annonces@nogentech.fr>", "nogentech.fr");
            AtomicInteger sends = new AtomicInteger();
            MailSender crashingAfterThree = mail -> {
                if (sends.incrementAndGet() == 4) {
                    throw new IllegalStateException("simulated crash: the Lambda dies here");
                }
                return throughSes.send(mail);
            };
            Function<MailSender, MonthlyMailing> mailing = sender -> new MonthlyMailing(
                    new EventStore(dynamoDb, table, clock), subscribers, new MailingStore(dynamoDb, table), sender,
                    new SubscriptionTokens("crash-test-secret-0123456789abcdefghij"),
                    new MailLinks("https://api.nogentech.fr", new EventPages("https://www.nogentech.fr/e/{id}")),
                    clock, 0);
            YearMonth october = YearMonth.of(2023, 10);

            assertThrows(IllegalStateException.class, () -> mailing.apply(crashingAfterThree).run(october, () -> true));
            assertEquals(3, sentCounts(moto).values().stream().mapToLong(Long::longValue).sum());

            // The Lambda retry, a minute later: the crashed recipient's claim still holds, the rest are served.
            clock.advance(Duration.ofMinutes(1));
            assertEquals(MonthlyMailing.Outcome.INCOMPLETE, mailing.apply(throughSes).run(october, () -> true));
            assertEquals(5, sentCounts(moto).size());

            // The next run after the claim's lease: the crashed recipient is served, and the mailing finishes.
            clock.advance(MailingStore.CLAIM_LEASE);
            assertEquals(MonthlyMailing.Outcome.FINISHED, mailing.apply(throughSes).run(october, () -> true));
            Map<String, Long> counts = sentCounts(moto);
            assertEquals(6, counts.size());
            counts.forEach((to, count) -> assertEquals(1L, count, to + " got " + count + " emails"));
            assertEquals(MonthlyMailing.Outcome.FINISHED, mailing.apply(throughSes).run(october, () -> true));
            assertEquals(6, sentCounts(moto).values().stream().mapToLong(Long::longValue).sum());
        }
    }

    @Test
    void stopsCleanlyWhenTimeRunsOutAndGoesOnNextTime() {
        LocalAws moto = TestStack.moto();
        String table = TestStack.newEventsTable(moto, "mailing-deadline");
        Clock clock = Clock.systemUTC();
        try (var dynamoDb = moto.dynamoDb()) {
            Seeds.load(new EventStore(dynamoDb, table, clock), Seeds.read(ProjectRoot.find().resolve("seeds")));
            SubscriberStore subscribers = new SubscriberStore(dynamoDb, table);
            for (int i = 1; i <= 4; i++) {
                EmailAddress address = EmailAddress.parse("deadline" + i + "@deadline.example", "email");
                subscribers.requestSubscription(address, clock.instant());
                subscribers.confirm(address.hash(), clock.instant());
            }
            List<OutgoingMail> outbox = new CopyOnWriteArrayList<>();
            MailSender recording = mail -> {
                outbox.add(mail);
                return "id-" + outbox.size();
            };
            MonthlyMailing mailing = new MonthlyMailing(new EventStore(dynamoDb, table, clock), subscribers,
                    new MailingStore(dynamoDb, table), recording,
                    new SubscriptionTokens("deadline-test-secret-0123456789abcdefgh"),
                    new MailLinks("https://api.nogentech.fr", new EventPages("https://www.nogentech.fr/e/{id}")),
                    clock, 0);
            AtomicInteger budget = new AtomicInteger(2);
            assertEquals(MonthlyMailing.Outcome.INCOMPLETE, mailing.run(YearMonth.of(2023, 11),
                    () -> budget.getAndDecrement() > 0));
            assertEquals(2, outbox.size());
            assertEquals(MonthlyMailing.Outcome.FINISHED, mailing.run(YearMonth.of(2023, 11), () -> true));
            assertEquals(4, outbox.size());
            assertEquals(4, outbox.stream().map(OutgoingMail::to).distinct().count());
        }
    }

    @Test
    void backsOffWhenThrottledAndLeavesTheRestForTheNextRunWhenThrottlingLasts() {
        LocalAws moto = TestStack.moto();
        String table = TestStack.newEventsTable(moto, "mailing-throttle");
        Clock clock = Clock.systemUTC();
        try (var dynamoDb = moto.dynamoDb()) {
            Seeds.load(new EventStore(dynamoDb, table, clock), Seeds.read(ProjectRoot.find().resolve("seeds")));
            SubscriberStore subscribers = new SubscriberStore(dynamoDb, table);
            for (int i = 1; i <= 2; i++) {
                EmailAddress address = EmailAddress.parse("throttled" + i + "@throttle.example", "email");
                subscribers.requestSubscription(address, clock.instant());
                subscribers.confirm(address.hash(), clock.instant());
            }
            List<String> delivered = new CopyOnWriteArrayList<>();
            AtomicInteger attempts = new AtomicInteger();
            MailSender throttledTwice = mail -> {
                if (attempts.incrementAndGet() <= 2) {
                    throw new MailSender.Throttled("TooManyRequestsException");
                }
                delivered.add(mail.to());
                return "ok";
            };
            MailingStore mailings = new MailingStore(dynamoDb, table);
            MonthlyMailing mailing = new MonthlyMailing(new EventStore(dynamoDb, table, clock), subscribers, mailings,
                    throttledTwice, new SubscriptionTokens("throttle-test-secret-0123456789abcdefgh"),
                    new MailLinks("https://api.nogentech.fr", new EventPages("https://www.nogentech.fr/e/{id}")),
                    clock, 0);
            long start = System.nanoTime();
            assertEquals(MonthlyMailing.Outcome.FINISHED, mailing.run(YearMonth.of(2023, 12), () -> true));
            assertEquals(2, delivered.size());
            assertEquals(4, attempts.get());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 1_400, "waited 0.5 s, then 1 s");

            MailSender alwaysThrottled = mail -> {
                throw new MailSender.Throttled("TooManyRequestsException");
            };
            MonthlyMailing throttled = new MonthlyMailing(new EventStore(dynamoDb, table, clock), subscribers,
                    mailings, alwaysThrottled, new SubscriptionTokens("throttle-test-secret-0123456789abcdefgh"),
                    new MailLinks("https://api.nogentech.fr", new EventPages("https://www.nogentech.fr/e/{id}")),
                    clock, 0);
            AtomicInteger checks = new AtomicInteger();
            assertEquals(MonthlyMailing.Outcome.INCOMPLETE, throttled.run(YearMonth.of(2024, 1),
                    () -> checks.incrementAndGet() < 3));
            assertEquals(0, mailings.find(YearMonth.of(2024, 1)).orElseThrow().sent());
        }
    }

    private static Map<String, Long> sentCounts(LocalAws moto) {
        return MotoMail.sent(moto, to -> to.endsWith(DOMAIN)).stream()
                .collect(Collectors.groupingBy(sent -> sent.destinations().get(0), Collectors.counting()));
    }

    /** A clock the test moves forward, as time passes between Lambda invocations. */
    private static final class MovableClock extends Clock {
        private Instant now;

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
