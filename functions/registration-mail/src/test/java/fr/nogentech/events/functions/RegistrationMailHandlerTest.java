package fr.nogentech.events.functions;

import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.crypto.SigningKeys;
import fr.nogentech.events.email.MailLinks;
import fr.nogentech.events.event.Event;
import fr.nogentech.events.event.EventPages;
import fr.nogentech.events.event.EventStatus;
import fr.nogentech.events.event.RegistrationOptions;
import fr.nogentech.events.event.Venue;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.lambda.FunctionHandler;
import fr.nogentech.events.local.ChecksPermissions;
import fr.nogentech.events.local.LocalAws;
import fr.nogentech.events.local.MailSettings;
import fr.nogentech.events.local.MotoMail;
import fr.nogentech.events.local.SdkCalls;
import fr.nogentech.events.local.TestStack;
import fr.nogentech.events.registration.Registrant;
import fr.nogentech.events.registration.Registration;
import fr.nogentech.events.registration.RegistrationLinks;
import fr.nogentech.events.registration.RegistrationMails;
import fr.nogentech.events.registration.RegistrationTokens;
import fr.nogentech.events.registration.Registrations;
import fr.nogentech.events.store.DailyQuota;
import fr.nogentech.events.store.EventStore;
import fr.nogentech.events.store.RegistrationStore;
import fr.nogentech.events.subscription.EmailAddress;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The registration mailer as Lambda runs it, on moto with SES: the reminder of the day before goes once to each
 * confirmed registrant, whatever runs overlap or the mail service throttles; a change of a registered event sends one
 * updated invitation (or cancellation) to each, and nothing when what the invitation shows did not change; a larger
 * capacity promotes the waiting list. Each test has its own table, so that one test's sweep never sees another's events.
 */
@ChecksPermissions("RegistrationMailFunction")
class RegistrationMailHandlerTest {

    private static final String SECRET = "registration-mail-test-secret-0123456789ab";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final RegistrationTokens TOKENS = new RegistrationTokens(SigningKeys.of(SECRET, "test"));

    /** A table, the stores on it, registrations made without email (as confirmed earlier), and the handler. */
    private static final class Fixture implements AutoCloseable {
        final LocalAws moto = TestStack.moto();
        final String domain;
        final DynamoDbClient dynamoDb = moto.dynamoDb();
        final EventStore events;
        final RegistrationStore store;
        final Registrations registrations;
        final RegistrationMailHandler handler;

        Fixture(String purpose) {
            String table = TestStack.newEventsTable(moto, purpose);
            domain = "@" + purpose + ".example";
            MotoMail.verifySender(moto, MailSettings.SENDER_ADDRESS);
            events = new EventStore(dynamoDb, table, Clock.systemUTC());
            store = new RegistrationStore(dynamoDb, table);
            MailLinks links = new MailLinks(MailSettings.API_URL, new EventPages(MailSettings.EVENT_PAGE_URL));
            // The emails of registering went earlier; here they go nowhere.
            registrations = new Registrations(
                    events,
                    store,
                    new RegistrationLinks(TOKENS, links),
                    new RegistrationMails(links, links.pages(), MailSettings.SENDER),
                    mail -> "not-sent",
                    new DailyQuota(dynamoDb, table, "test", 1000),
                    Clock.systemUTC());
            handler = new RegistrationMailHandler(FunctionHandler.configured(MailSettings.forTable(table, SECRET)));
        }

        /** A breakfast {@code daysAhead} days from today, 8 h 30 – 10 h 30 in Paris, with {@code capacity} seats. */
        Event breakfast(String id, int daysAhead, int capacity) {
            LocalDate day = LocalDate.now(PARIS).plusDays(daysAhead);
            return events.create(
                    new Event(
                            id,
                            "Petit-déjeuner " + id,
                            "rencontres-du-jeudi",
                            ZonedDateTime.of(day, LocalTime.of(8, 30), PARIS),
                            ZonedDateTime.of(day, LocalTime.of(10, 30), PARIS),
                            PARIS,
                            new Venue("Canopé", "Chaumont"),
                            List.of(),
                            EventStatus.SCHEDULED,
                            0,
                            null,
                            null,
                            new RegistrationOptions(capacity, null)),
                    "test");
        }

        /** {@code name1@<domain>} … registered to {@code event} one after the other (a seat, then the waiting list). */
        List<String> register(Event event, String name, int count) {
            List<String> addresses = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                String address = name + i + domain;
                registrations.register(
                        event, new Registrant("Personne " + i, EmailAddress.parse(address, "email"), "Test SA"));
                addresses.add(address);
            }
            return addresses;
        }

        Registration.State state(Event event, String address) {
            return store.find(event.id(), hash(address)).orElseThrow().state();
        }

        /** The kinds of the emails sent to each address of this fixture. */
        Map<String, List<String>> sent() {
            return SentKinds.to(domain);
        }

        JsonNode remind() {
            return handler.invoke(
                    Json.object().put("scheduledTime", Instant.now().toString()), null);
        }

        JsonNode eventChanged(Event event) {
            return handler.invoke(Json.object().put("eventChanged", event.id()), null);
        }

        @Override
        public void close() {
            handler.close();
            dynamoDb.close();
        }
    }

    private static String hash(String address) {
        return EmailAddress.parse(address, "email").hash();
    }

    @Test
    void theReminderGoesOnceToEachConfirmedRegistrantOfTomorrowsEventsAndASecondRunSendsNothing() {
        try (Fixture fixture = new Fixture("rappel")) {
            Event tomorrow = fixture.breakfast("demain", 1, 2);
            Event later = fixture.breakfast("plus-tard", 3, 5);
            List<String> people = fixture.register(tomorrow, "inscrit", 3);
            String cancelling = fixture.register(tomorrow, "annule", 1).get(0);
            fixture.registrations.cancel(tomorrow, hash(cancelling));
            List<String> others = fixture.register(later, "autre", 1);
            assertEquals(Registration.State.WAITLISTED, fixture.state(tomorrow, people.get(2)));

            JsonNode result = fixture.remind();
            assertEquals(2, result.get("reminders").asInt(), result.toString());
            assertEquals(0, result.get("notices").asInt(), "nothing changed: the sweep sends nothing");
            Map<String, List<String>> sent = fixture.sent();
            assertEquals(
                    Map.of(
                            people.get(0), List.of("registration-reminder"),
                            people.get(1), List.of("registration-reminder")),
                    sent,
                    "the confirmed of tomorrow only: not the waiting, the cancelled, nor another day's");
            assertFalse(sent.containsKey(others.get(0)));
            List<MotoMail.Sent> mail = MotoMail.sent(fixture.moto, to -> to.equals(people.get(0)));
            assertTrue(readable(mail.get(0)).contains("/registrations/cancel?token="), "its cancel link");

            assertEquals(0, fixture.remind().get("reminders").asInt());
            assertEquals(sent, fixture.sent(), "a second run sends nothing");
        }
    }

    @Test
    void twoRunsAtOnceSendEachConfirmedRegistrantOneReminder() throws Exception {
        try (Fixture fixture = new Fixture("rappel-deux-runs")) {
            Event tomorrow = fixture.breakfast("demain-deux", 1, 20);
            List<String> people = fixture.register(tomorrow, "inscrit", 8);
            ExecutorService runs = Executors.newFixedThreadPool(2);
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Future<JsonNode>> results = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    results.add(runs.submit(() -> {
                        start.await();
                        return fixture.remind();
                    }));
                }
                start.countDown();
                int reminded = 0;
                for (Future<JsonNode> result : results) {
                    reminded += result.get().get("reminders").asInt();
                }
                assertEquals(people.size(), reminded);
            } finally {
                runs.shutdown();
            }
            Map<String, List<String>> sent = fixture.sent();
            assertEquals(Set.copyOf(people), sent.keySet());
            sent.forEach((to, kinds) -> assertEquals(List.of("registration-reminder"), kinds, to));
        }
    }

    @Test
    void aRecipientSesThrottlesIsLeftForTheNextRunWhichSendsOnlyThem() {
        try (Fixture fixture = new Fixture("rappel-limite")) {
            Event tomorrow = fixture.breakfast("demain-limite", 1, 10);
            List<String> people = fixture.register(tomorrow, "inscrit", 4);
            // The last in the run's order (registrations are read in the order of their address's hash).
            String throttled = people.stream()
                    .max(Comparator.comparing(RegistrationMailHandlerTest::hash))
                    .orElseThrow();
            try (AutoCloseable slowDown = SdkCalls.fail(
                    "SesV2.SendEmail",
                    call -> call instanceof SendEmailRequest send
                                    && send.destination().toAddresses().contains(throttled)
                            ? SdkCalls.sesError("TooManyRequestsException")
                            : null)) {
                assertThrows(RegistrationMailHandler.IncompleteRun.class, fixture::remind, "Lambda retries the run");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            Map<String, List<String>> sent = fixture.sent();
            assertEquals(3, sent.size(), sent.toString());
            assertFalse(sent.containsKey(throttled));
            assertFalse(
                    fixture.store
                            .find(tomorrow.id(), hash(throttled))
                            .orElseThrow()
                            .reminded(),
                    "given back, not marked");

            JsonNode next = fixture.remind();
            assertEquals(1, next.get("reminders").asInt(), next.toString());
            Map<String, List<String>> after = fixture.sent();
            assertEquals(Set.copyOf(people), after.keySet());
            after.forEach((to, kinds) -> assertEquals(1, kinds.size(), to));
        }
    }

    @Test
    void aMovedEventSendsEachConfirmedRegistrantOneUpdatedInvitationOnce() throws Exception {
        try (Fixture fixture = new Fixture("deplace")) {
            Event event = fixture.breakfast("deplace", 10, 2);
            List<String> people = fixture.register(event, "inscrit", 3);
            Event moved = fixture.events.replace(
                    event,
                    new Event(
                            event.id(),
                            event.title(),
                            event.series(),
                            event.start().plusHours(1),
                            event.end().plusHours(1),
                            event.timeZone(),
                            event.venue(),
                            event.speakers(),
                            event.status(),
                            event.version(),
                            event.updatedAt(),
                            event.updatedBy(),
                            event.registration()),
                    "test");

            JsonNode result = fixture.eventChanged(moved);
            assertEquals(2, result.get("sent").asInt(), result.toString());
            assertEquals(
                    Map.of(
                            people.get(0), List.of("registration-updated"),
                            people.get(1), List.of("registration-updated")),
                    fixture.sent(),
                    "the confirmed, not the waiting list");
            for (String person : people.subList(0, 2)) {
                MotoMail.Sent mail =
                        MotoMail.sent(fixture.moto, to -> to.equals(person)).get(0);
                assertTrue(subjectOf(mail).contains(moved.title()), subjectOf(mail));
                invitation(mail).ifPresent(calendar -> {
                    assertEquals(
                            "REQUEST",
                            calendar.getProperty(Property.METHOD).orElseThrow().getValue());
                    VEvent vevent =
                            (VEvent) calendar.getComponent(Component.VEVENT).orElseThrow();
                    assertEquals(
                            moved.id() + "@evenements.nogentech.fr",
                            vevent.getProperty(Property.UID).orElseThrow().getValue());
                    int sequence = Integer.parseInt(
                            vevent.getProperty(Property.SEQUENCE).orElseThrow().getValue());
                    assertEquals(moved.version() - 1, sequence, "SEQUENCE = version - 1, as the feed");
                    assertTrue(sequence > event.version() - 1, "above the first invitation's");
                });
            }

            assertEquals(0, fixture.eventChanged(moved).get("sent").asInt());
            assertEquals(0, fixture.remind().get("notices").asInt(), "nor does the sweep");
            fixture.sent().forEach((to, kinds) -> assertEquals(1, kinds.size(), to + ": " + kinds));
        }
    }

    @Test
    void aCancelledEventSendsOneCancellationToEachRegistrantConfirmedOrWaiting() throws Exception {
        try (Fixture fixture = new Fixture("annule")) {
            Event event = fixture.breakfast("annule", 10, 1);
            List<String> people = fixture.register(event, "inscrit", 2);
            Event cancelled = fixture.events.replace(event, withStatus(event, EventStatus.CANCELLED), "test");

            assertEquals(2, fixture.eventChanged(cancelled).get("sent").asInt());
            assertEquals(0, fixture.eventChanged(cancelled).get("sent").asInt(), "once");
            assertEquals(
                    Map.of(
                            people.get(0), List.of("registration-cancelled"),
                            people.get(1), List.of("registration-cancelled")),
                    fixture.sent());
            MotoMail.Sent mail =
                    MotoMail.sent(fixture.moto, to -> to.equals(people.get(0))).get(0);
            assertTrue(subjectOf(mail).contains(event.title()), subjectOf(mail));
            invitation(mail).ifPresent(calendar -> {
                assertEquals(
                        "CANCEL",
                        calendar.getProperty(Property.METHOD).orElseThrow().getValue());
                VEvent vevent = (VEvent) calendar.getComponent(Component.VEVENT).orElseThrow();
                assertEquals(
                        "CANCELLED",
                        vevent.getProperty(Property.STATUS).orElseThrow().getValue());
            });
        }
    }

    @Test
    void aCapacityOnlyChangeSendsNoNoticeAndALargerCapacityPromotesTheFirstWaiting() {
        try (Fixture fixture = new Fixture("capacite")) {
            Event event = fixture.breakfast("capacite", 10, 2);
            List<String> people = fixture.register(event, "inscrit", 4);
            assertEquals(Registration.State.WAITLISTED, fixture.state(event, people.get(2)));
            Event larger =
                    fixture.events.replace(event, event.withRegistration(new RegistrationOptions(3, null)), "test");

            JsonNode result = fixture.eventChanged(larger);
            assertEquals(0, result.get("sent").asInt(), "the invitation shows no capacity: " + result);
            assertEquals(Registration.State.CONFIRMED, fixture.state(event, people.get(2)), "the first waiting");
            assertEquals(Registration.State.WAITLISTED, fixture.state(event, people.get(3)), "one more seat only");
            Map<String, List<String>> sent = fixture.sent();
            assertEquals(Set.of(people.get(2)), sent.keySet(), "only the promoted is told: " + sent);
            assertEquals(1, sent.get(people.get(2)).size());
            assertEquals(3, fixture.store.seatsTaken(event.id()));

            assertEquals(0, fixture.eventChanged(larger).get("sent").asInt());
            assertEquals(sent, fixture.sent(), "the promoted holds this version's invitation already");
        }
    }

    @Test
    void primingWritesNothingAndSendsNothing() throws Exception {
        try (Fixture fixture = new Fixture("amorce")) {
            int sentBefore = MotoMail.sent(fixture.moto, to -> true).size();
            // The calls made to moto, and those priming's dry run answered itself (its rehearsal of the reminder).
            List<String> real = new java.util.concurrent.CopyOnWriteArrayList<>();
            List<String> dry = new java.util.concurrent.CopyOnWriteArrayList<>();
            List<SdkCalls.Call> calls = new java.util.concurrent.CopyOnWriteArrayList<>() {
                @Override
                public boolean add(SdkCalls.Call call) {
                    return (fr.nogentech.events.lambda.DryRun.isOn() ? dry : real).add(call.toString());
                }
            };
            try (AutoCloseable recording = SdkCalls.record(calls)) {
                fixture.handler.prime();
            }
            assertTrue(real.contains("DynamoDb.GetItem"), real.toString());
            assertTrue(real.stream().allMatch(call -> call.equals("DynamoDb.GetItem")), "reads only: " + real);
            assertTrue(
                    dry.containsAll(List.of("DynamoDb.Query", "DynamoDb.UpdateItem", "SesV2.SendEmail")),
                    "the reminder rehearsed in the dry run: " + dry);
            assertEquals(sentBefore, MotoMail.sent(fixture.moto, to -> true).size(), "priming sent no email");
        }
    }

    private static Event withStatus(Event event, EventStatus status) {
        return new Event(
                event.id(),
                event.title(),
                event.series(),
                event.start(),
                event.end(),
                event.timeZone(),
                event.venue(),
                event.speakers(),
                status,
                event.version(),
                event.updatedAt(),
                event.updatedBy(),
                event.registration());
    }

    /** The quoted-printable text of an email, readable. */
    private static String readable(MotoMail.Sent mail) {
        return mail.raw().replace("=\r\n", "").replace("=3D", "=");
    }

    private static MimeMessage mime(MotoMail.Sent mail) {
        try {
            return new MimeMessage(
                    Session.getInstance(new Properties()),
                    new ByteArrayInputStream(mail.raw().getBytes(StandardCharsets.UTF_8)));
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError("not a MIME message", e);
        }
    }

    private static String subjectOf(MotoMail.Sent mail) {
        try {
            return mime(mail).getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The email's {@code text/calendar} part read by ical4j (another library than the one that writes it), when the
     * email has one; an email with a calendar part that does not parse fails here.
     */
    static Optional<Calendar> invitation(MotoMail.Sent mail) throws Exception {
        Optional<String> text = calendarPart(mime(mail));
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CalendarBuilder().build(new StringReader(text.get())));
    }

    private static Optional<String> calendarPart(Part part) throws Exception {
        if (part.isMimeType("text/calendar")) {
            Object content = part.getContent();
            return Optional.of(
                    content instanceof String text
                            ? text
                            : new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                Optional<String> found = calendarPart(body);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}
