package fr.nogentech.events.functions;

import fr.nogentech.events.announcement.MonthlyMailing;
import fr.nogentech.events.announcement.SendingPace;
import fr.nogentech.events.email.MailLinks;
import fr.nogentech.events.email.MailSender;
import fr.nogentech.events.email.SesMailSender;
import fr.nogentech.events.event.EventPages;
import fr.nogentech.events.local.LocalAws;
import fr.nogentech.events.local.MailSettings;
import fr.nogentech.events.local.MotoIsolation;
import fr.nogentech.events.local.MotoMail;
import fr.nogentech.events.local.SeededTables;
import fr.nogentech.events.local.Subscribers;
import fr.nogentech.events.local.TestStack;
import fr.nogentech.events.store.EventStore;
import fr.nogentech.events.store.MailingStore;
import fr.nogentech.events.store.SubscriberStore;
import fr.nogentech.events.subscription.EmailAddress;
import fr.nogentech.events.subscription.SubscriptionTokens;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A mailing as the mailer function runs it, on moto: a table with the seeds, confirmed subscribers at a test's own
 * domain, SES v2 through the real SDK (with interceptors a test adds to inject faults), and the monthly mailing.
 */
final class MailingFixture implements AutoCloseable {

    static final String SENDER = MailSettings.SENDER;

    final LocalAws moto = TestStack.moto();
    final String table;
    final String domain;
    final DynamoDbClient dynamoDb;
    final SubscriberStore subscribers;
    final MailingStore mailings;
    final Clock clock;
    private final SesV2Client ses;

    /** @param interceptors on the SES client, to inject what SES would answer */
    MailingFixture(String purpose, Clock clock, ExecutionInterceptor... interceptors) {
        this.table = TestStack.newEventsTable(moto, purpose);
        this.domain = "@" + purpose + ".example";
        this.clock = clock;
        // Concurrent runs meet in conditional writes and transactions: moto makes neither atomic (MotoIsolation).
        this.dynamoDb = dynamoDbWith(new MotoIsolation());
        this.subscribers = new SubscriberStore(dynamoDb, table);
        this.mailings = new MailingStore(dynamoDb, table);
        SeededTables.loadSeeds(new EventStore(dynamoDb, table, clock));
        MotoMail.verifySender(moto, MailSettings.SENDER_ADDRESS);
        this.ses = moto.client(SesV2Client.builder()
                .overrideConfiguration(o -> List.of(interceptors).forEach(o::addExecutionInterceptor)));
    }

    /** {@code count} confirmed subscribers, {@code name1@<domain>} to {@code nameN@<domain>}. */
    List<EmailAddress> confirmed(String name, int count) {
        return Subscribers.confirmed(
                subscribers,
                clock.instant(),
                IntStream.rangeClosed(1, count).mapToObj(i -> name + i + domain).toArray(String[]::new));
    }

    /** A DynamoDB client on moto with these interceptors (to act between the mailing's calls). */
    DynamoDbClient dynamoDbWith(ExecutionInterceptor... interceptors) {
        return moto.client(DynamoDbClient.builder()
                .overrideConfiguration(o -> List.of(interceptors).forEach(o::addExecutionInterceptor)));
    }

    MailSender ses() {
        return new SesMailSender(ses, SENDER, "nogentech.fr", "test-mail");
    }

    MonthlyMailing mailing(MailSender sender, SendingPace pace) {
        return mailing(sender, pace, dynamoDb);
    }

    /** A mailing whose reads and writes go through {@code dynamo} (one with interceptors, say). */
    MonthlyMailing mailing(MailSender sender, SendingPace pace, DynamoDbClient dynamo) {
        return new MonthlyMailing(
                new EventStore(dynamo, table, clock),
                new SubscriberStore(dynamo, table),
                new MailingStore(dynamo, table),
                sender,
                new SubscriptionTokens("mailing-fixture-secret-0123456789abcdefgh"),
                new MailLinks("https://api.nogentech.fr", new EventPages("https://www.nogentech.fr/e/{id}")),
                clock,
                pace);
    }

    MonthlyMailing mailing(MailSender sender) {
        return mailing(sender, new SendingPace(0));
    }

    /** How many emails moto received for each address of this fixture's domain. */
    Map<String, Long> sentCounts() {
        return MotoMail.sent(moto, to -> to.endsWith(domain)).stream()
                .collect(Collectors.groupingBy(sent -> sent.destinations().get(0), Collectors.counting()));
    }

    @Override
    public void close() {
        ses.close();
        dynamoDb.close();
    }
}
