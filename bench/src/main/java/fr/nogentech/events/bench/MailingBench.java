package fr.nogentech.events.bench;

import fr.nogentech.events.announcement.Announcement;
import fr.nogentech.events.announcement.MonthlyMailing;
import fr.nogentech.events.announcement.SendingPace;
import fr.nogentech.events.email.MailLinks;
import fr.nogentech.events.email.MailSender;
import fr.nogentech.events.email.MimeMessages;
import fr.nogentech.events.email.OutgoingMail;
import fr.nogentech.events.email.SesMailSender;
import fr.nogentech.events.event.EventPages;
import fr.nogentech.events.local.LocalAws;
import fr.nogentech.events.local.MotoMail;
import fr.nogentech.events.local.MotoServer;
import fr.nogentech.events.local.ProjectRoot;
import fr.nogentech.events.local.Seeds;
import fr.nogentech.events.local.TestStack;
import fr.nogentech.events.store.EventStore;
import fr.nogentech.events.store.MailingStore;
import fr.nogentech.events.store.SubscriberStore;
import fr.nogentech.events.subscription.EmailAddress;
import fr.nogentech.events.subscription.SubscriptionTokens;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * {@code make bench-mailing}: October 2023's announcement to {@code SUBSCRIBERS} (10,000) confirmed subscribers
 * against moto, with no rate limit. Prints milliseconds per recipient for rendering alone, for the SES calls alone
 * (the same raw email sent as many times) and for the whole mailing (render, claim, send, mark), and the last two as
 * ratios to the SES calls measured in the same run.
 */
public final class MailingBench {

    private MailingBench() {}

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(System.getenv().getOrDefault("SUBSCRIBERS", "10000"));
        Path root = ProjectRoot.find();
        try (MotoServer moto = MotoServer.start(root, root.resolve("target/moto-bench-mailing.log"))) {
            LocalAws aws = LocalAws.at(moto.endpoint());
            String table = TestStack.newEventsTable(aws, "bench-mailing");
            MotoMail.verifySender(aws, "annonces@nogentech.fr");
            Clock clock = Clock.systemUTC();
            try (DynamoDbClient dynamoDb = aws.dynamoDb();
                    SesV2Client ses = ses(aws)) {
                EventStore events = new EventStore(dynamoDb, table, clock);
                Seeds.load(events, Seeds.read(root.resolve("seeds")));
                SubscriberStore subscribers = new SubscriberStore(dynamoDb, table);
                subscribe(subscribers, count);
                MailLinks links = new MailLinks(
                        "https://api.nogentech.fr", new EventPages("https://www.nogentech.fr/evenements/{id}"));
                SubscriptionTokens tokens = new SubscriptionTokens("bench-secret-0123456789abcdefghijklmnop");
                YearMonth october = YearMonth.of(2023, 10);
                MailSender sender =
                        new SesMailSender(ses, "Nogentech <annonces@nogentech.fr>", "nogentech.fr", "bench-mail");
                MonthlyMailing mailing = new MonthlyMailing(
                        events,
                        subscribers,
                        new MailingStore(dynamoDb, table),
                        sender,
                        tokens,
                        links,
                        clock,
                        new SendingPace(0));
                Announcement announcement = mailing.announcement(october).orElseThrow();

                long renderStart = System.nanoTime();
                byte[] sample = null;
                for (int i = 0; i < count; i++) {
                    OutgoingMail mail = announcement.mailTo(
                            "membre" + i + "@bench.example",
                            links.unsubscribe(
                                    tokens.unsubscribe(EmailAddress.parse("membre" + i + "@bench.example", "email")
                                            .hash())),
                            links,
                            false);
                    sample = MimeMessages.write(mail, "Nogentech <annonces@nogentech.fr>", "nogentech.fr");
                }
                double render = perRecipient(renderStart, count);

                SdkBytes raw = SdkBytes.fromByteArray(sample);
                long sesStart = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    ses.sendEmail(r -> r.destination(d -> d.toAddresses("ses-only@bench.example"))
                            .content(c -> c.raw(x -> x.data(raw))));
                }
                double sesOnly = perRecipient(sesStart, count);

                long wholeStart = System.nanoTime();
                MonthlyMailing.Outcome outcome = mailing.run(october, () -> true);
                double whole = perRecipient(wholeStart, count);

                System.out.printf(
                        "%nMailing of %s to %,d confirmed subscribers against moto (no rate limit): %s%n%n",
                        october, count, outcome);
                System.out.printf("%-44s %10s %8s%n", "", "ms/recipient", "ratio");
                System.out.printf("%-44s %10.2f %8s%n", "rendering (templates + MIME)", render, "");
                System.out.printf("%-44s %10.2f %7.2fx%n", "SES v2 SendEmail calls alone (baseline)", sesOnly, 1.0);
                System.out.printf(
                        "%-44s %10.2f %7.2fx%n", "whole mailing (render, claim, send, mark)", whole, whole / sesOnly);
                System.out.printf(
                        "%nAt SES's sandbox rate (1/s) the same mailing takes %,d s; the rate, not the "
                                + "code, is the limit.%n",
                        count);
            }
        }
    }

    private static void subscribe(SubscriberStore subscribers, int count) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        Instant now = Instant.now();
        IntStream.range(0, count)
                .forEach(i -> pool.submit(() -> {
                    EmailAddress address = EmailAddress.parse("membre" + i + "@bench.example", "email");
                    subscribers.requestConfirmation(address, 1, now, Duration.ZERO);
                    subscribers.confirm(address.hash(), 1, now);
                }));
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.MINUTES);
    }

    private static double perRecipient(long startNanos, int count) {
        return (System.nanoTime() - startNanos) / 1_000_000.0 / count;
    }

    private static SesV2Client ses(LocalAws aws) {
        return SesV2Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(aws.endpoint())
                .region(Region.of(aws.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(aws.accessKeyId(), aws.secretAccessKey())))
                .build();
    }
}
