package fr.nogentech.events.functions;

import fr.nogentech.events.config.ConfigKeys;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.lambda.FunctionHandler;
import fr.nogentech.events.local.ChecksPermissions;
import fr.nogentech.events.local.LocalAws;
import fr.nogentech.events.local.MailSettings;
import fr.nogentech.events.local.MotoMail;
import fr.nogentech.events.local.ProjectRoot;
import fr.nogentech.events.local.Seeds;
import fr.nogentech.events.local.Subscribers;
import fr.nogentech.events.local.TestStack;
import fr.nogentech.events.store.EventStore;
import fr.nogentech.events.store.MailingStore;
import fr.nogentech.events.store.SubscriberStore;
import fr.nogentech.events.subscription.EmailAddress;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scheduled mailing as Lambda runs it, replaying the scheduler's payload from events/, sending through SES v2 to
 * moto, and reading back what moto received.
 */
@ChecksPermissions("SendMailingFunction")
class SendMailingHandlerTest {

    private static final String DOMAIN = "@send-test.example";
    private static LocalAws moto;
    private static DynamoDbClient dynamoDb;
    private static String table;
    private static SendMailingHandler handler;

    @BeforeAll
    static void subscribersAndHandler() {
        moto = TestStack.moto();
        table = TestStack.newEventsTable(moto, "send-mailing");
        dynamoDb = moto.dynamoDb();
        Seeds.load(
                new EventStore(dynamoDb, table, Clock.systemUTC()),
                Seeds.read(ProjectRoot.find().resolve("seeds")));
        MotoMail.verifySender(moto, MailSettings.SENDER_ADDRESS);
        SubscriberStore subscribers = new SubscriberStore(dynamoDb, table);
        Instant now = Instant.now();
        for (int i = 1; i <= 5; i++) {
            Subscribers.confirmed(subscribers, now, "abonne" + i + DOMAIN);
        }
        subscribers.requestConfirmation(EmailAddress.parse("pending" + DOMAIN, "email"), 1, now, Duration.ZERO);
        EmailAddress gone =
                Subscribers.confirmed(subscribers, now, "gone" + DOMAIN).get(0);
        subscribers.unsubscribe(gone.hash(), now);
        // An address SES refuses (moto: no domain); it got in before the API checked addresses, say.
        Subscribers.confirm(subscribers, new EmailAddress("refused-by-ses@"), now);

        Map<String, Object> settings = MailSettings.forTable(table, "send-mailing-test-secret-0123456789abcdef");
        settings.put(ConfigKeys.MAIL_RATE_PER_SECOND, "0");
        settings.put(ConfigKeys.MAILING_SCHEDULE, "cron(0 9 1 * ? *)");
        handler = new SendMailingHandler(FunctionHandler.configured(settings));
    }

    @AfterAll
    static void close() {
        handler.close();
        dynamoDb.close();
    }

    @Test
    void sendsTheScheduledMonthOnceToEachConfirmedSubscriberThroughSes() throws Exception {
        Map<String, Object> result = run(payload("mailing-scheduled.json"));
        assertEquals(Map.of("2023-10", "finished"), result);

        List<MotoMail.Sent> sent = october();
        assertEquals(
                List.of("abonne1", "abonne2", "abonne3", "abonne4", "abonne5"),
                sent.stream()
                        .map(s -> s.destinations().get(0).replace(DOMAIN, ""))
                        .sorted()
                        .toList());

        MimeMessage mail = new MimeMessage(
                Session.getInstance(new Properties()),
                new ByteArrayInputStream(sent.get(0).raw().getBytes(StandardCharsets.UTF_8)));
        assertEquals(
                "Rencontre du jeudi 12 octobre 2023 : Comment utiliser les réseaux sociaux dans l’industrie ?",
                mail.getSubject());
        assertEquals("Nogentech <annonces@nogentech.fr>", mail.getFrom()[0].toString());
        String unsubscribe = mail.getHeader("List-Unsubscribe")[0];
        assertTrue(
                unsubscribe.matches("<https://api\\.nogentech\\.fr/subscriptions/unsubscribe\\?token=u\\.[^>]+>"),
                unsubscribe);
        assertEquals("List-Unsubscribe=One-Click", mail.getHeader("List-Unsubscribe-Post")[0]);
        Multipart parts = (Multipart) mail.getContent();
        assertTrue(mail.isMimeType("multipart/alternative"));
        String text = part(parts, "text/plain");
        String html = part(parts, "text/html");
        for (String body : List.of(text, html)) {
            assertTrue(body.contains("jeudi 12 octobre 2023, de 8 h 30 à 10 h 30"), body);
            assertTrue(body.contains("Canopé, Chaumont"), body);
            assertTrue(body.contains("Germain Chittaro (groupe Interactions)"), body);
            assertTrue(body.contains("Témoignage : José Sanchez (MS Pétanque)"), body);
            assertTrue(
                    body.contains("https://www.nogentech.fr/evenements/2023-10-12-reseaux-sociaux-dans-l-industrie"));
            assertTrue(body.contains(
                    "https://api.nogentech.fr/events/2023-10-12-reseaux-sociaux-dans-l-industrie/" + "calendar.ics"));
            assertTrue(body.contains(unsubscribe.substring(1, unsubscribe.length() - 1)), "personal unsubscribe link");
        }

        assertEquals(Map.of("2023-10", "finished"), run(payload("mailing-scheduled.json")));
        assertEquals(5, october().size(), "a second run sends nothing");
        MailingStore.Mailing status =
                new MailingStore(dynamoDb, table).find(YearMonth.of(2023, 10)).orElseThrow();
        assertEquals(5, status.sent());
        assertEquals(1, status.failed(), "the address SES refused is recorded as failed");
        assertEquals(6, status.recipients());
        var log = dynamoDb.getItem(r -> r.tableName(table)
                        .key(Map.of(
                                "pk",
                                        AttributeValue.fromS("SUBSCRIBER#"
                                                + EmailAddress.parse("abonne1" + DOMAIN, "email")
                                                        .hash()),
                                "sk", AttributeValue.fromS("MAILING#2023-10"))))
                .item();
        assertEquals("sent", log.get("state").s());
        long keptDays = Duration.ofSeconds(
                        Long.parseLong(log.get("expiresAt").n()) - Instant.now().getEpochSecond())
                .toDays();
        assertTrue(keptDays >= 393 && keptDays <= 397, "a send log entry is kept 13 months: " + keptDays + " days");
    }

    @Test
    void theResumeScheduleGoesOnWithUnfinishedMailingsOnly() throws Exception {
        MailingStore mailings = new MailingStore(dynamoDb, table);
        mailings.start(YearMonth.of(2024, 1), 0, Instant.now());
        // Before the month's scheduled time (1 February, 9:00 in Paris): February is not started by the resume.
        Map<String, Object> early = Map.of("resume", true, "scheduledTime", "2024-02-01T07:45:00Z");
        Map<String, Object> resumed = run(early);
        assertEquals(Map.of("2024-01", "finished"), resumed);
        List<String> confirmed = List.of("abonne1", "abonne2", "abonne3", "abonne4", "abonne5");
        assertEquals(
                confirmed,
                recipientsOf("Rencontre du jeudi 11 janvier 2024"),
                "January's email, once to each confirmed subscriber");
        assertTrue(mailings.unfinished().isEmpty());
        assertTrue(mailings.find(YearMonth.of(2024, 2)).isEmpty());
        assertEquals(Map.of(), run(early));
        assertEquals(confirmed, recipientsOf("Rencontre du jeudi 11 janvier 2024"), "and never again");
        assertEquals(List.of(), recipientsOf("Rencontre du jeudi 8 février 2024"), "February was not started");
    }

    @Test
    void theResumeScheduleStartsTheCurrentMonthWhenItsScheduledRunNeverCame() throws Exception {
        // 1 November 2023, 9:15 in Paris: the monthly run (9:00) failed before it began, so November never started.
        Map<String, Object> late = Map.of("resume", true, "scheduledTime", "2023-11-01T08:15:00Z");
        assertEquals(Map.of("2023-11", "finished"), run(late));
        List<String> confirmed = List.of("abonne1", "abonne2", "abonne3", "abonne4", "abonne5");
        assertEquals(confirmed, recipientsOf("Rencontre du jeudi 9 novembre 2023"));
        assertEquals(Map.of(), run(late), "started once: the next resume has nothing to do");
        assertEquals(confirmed, recipientsOf("Rencontre du jeudi 9 novembre 2023"), "sent once");
    }

    @Test
    void anAdministratorsSendArrivesAsTheMonthAndIsSentOnce() throws Exception {
        YearMonth march = YearMonth.of(2024, 3);
        Map<String, Object> requested = new java.util.HashMap<>(payload("mailing-requested.json"));
        requested.put("month", march.toString());
        assertEquals(Map.of("2024-03", "finished"), run(requested));
        assertEquals(Map.of("2024-03", "finished"), run(requested));
        assertEquals(
                5, new MailingStore(dynamoDb, table).find(march).orElseThrow().sent());
    }

    @Test
    void aMonthWithoutEventsSendsNothing() {
        int before = MotoMail.sent(moto, to -> to.endsWith(DOMAIN)).size();
        assertEquals(Map.of("2025-06", "no_event"), run(Map.of("scheduledTime", "2025-06-01T07:00:00Z")));
        assertEquals(before, MotoMail.sent(moto, to -> to.endsWith(DOMAIN)).size());
    }

    /** What moto received for October 2023 (other tests send other months to the same subscribers). */
    private static List<MotoMail.Sent> october() throws Exception {
        List<MotoMail.Sent> october = new ArrayList<>();
        for (MotoMail.Sent sent : MotoMail.sent(moto, to -> to.endsWith(DOMAIN))) {
            MimeMessage mail = new MimeMessage(
                    Session.getInstance(new Properties()),
                    new ByteArrayInputStream(sent.raw().getBytes(StandardCharsets.UTF_8)));
            if (mail.getSubject().startsWith("Rencontre du jeudi 12 octobre 2023")) {
                october.add(sent);
            }
        }
        return october;
    }

    /**
     * Who received the emails whose subject starts so, one entry per email (the local part at {@link #DOMAIN}),
     * sorted: a subscriber served twice shows twice.
     */
    private static List<String> recipientsOf(String subject) throws Exception {
        List<String> recipients = new ArrayList<>();
        for (MotoMail.Sent sent : MotoMail.sent(moto, to -> to.endsWith(DOMAIN))) {
            MimeMessage mail = new MimeMessage(
                    Session.getInstance(new Properties()),
                    new ByteArrayInputStream(sent.raw().getBytes(StandardCharsets.UTF_8)));
            if (mail.getSubject().startsWith(subject)) {
                assertEquals(1, sent.destinations().size(), sent.destinations().toString());
                recipients.add(sent.destinations().get(0).replace(DOMAIN, ""));
            }
        }
        return recipients.stream().sorted().toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> payload(String file) throws Exception {
        return Json.MAPPER.readValue(
                Files.readString(ProjectRoot.find().resolve("events").resolve(file)), Map.class);
    }

    private static String part(Multipart parts, String type) throws Exception {
        for (int i = 0; i < parts.getCount(); i++) {
            Part part = parts.getBodyPart(i);
            if (part.isMimeType(type)) {
                return (String) part.getContent();
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    /** Runs the function as Lambda does, on the event as JSON, and reads its answer as a map. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> run(Object event) {
        return Json.MAPPER.convertValue(handler.invoke(Json.MAPPER.valueToTree(event), null), Map.class);
    }
}
