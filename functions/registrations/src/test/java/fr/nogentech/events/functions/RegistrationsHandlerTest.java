package fr.nogentech.events.functions;

import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.config.ConfigKeys;
import fr.nogentech.events.crypto.SigningKeys;
import fr.nogentech.events.event.Event;
import fr.nogentech.events.event.EventStatus;
import fr.nogentech.events.event.RegistrationOptions;
import fr.nogentech.events.event.Venue;
import fr.nogentech.events.http.HttpResponse;
import fr.nogentech.events.lambda.ApiGatewayHttp;
import fr.nogentech.events.lambda.FunctionHandler;
import fr.nogentech.events.local.ChecksPermissions;
import fr.nogentech.events.local.LocalAws;
import fr.nogentech.events.local.MailSettings;
import fr.nogentech.events.local.MotoMail;
import fr.nogentech.events.local.SampleEvents;
import fr.nogentech.events.local.Subscribers;
import fr.nogentech.events.local.TestStack;
import fr.nogentech.events.registration.Registration;
import fr.nogentech.events.registration.RegistrationTokens;
import fr.nogentech.events.store.EventStore;
import fr.nogentech.events.store.RegistrationStore;
import fr.nogentech.events.store.SubscriberStore;
import fr.nogentech.events.subscription.EmailAddress;
import fr.nogentech.events.subscription.Subscriber;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Registrations as Lambda serves them, on moto with SES: the request's email and its link, seats given exactly by
 * conditional writes under a crowd, the waiting list in order, a freed seat going to the first waiting, and the
 * announcement's one-click link.
 */
@ChecksPermissions("RegistrationsFunction")
class RegistrationsHandlerTest {

    private static final String SECRET = "registrations-test-secret-0123456789abcdef";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static LocalAws moto;
    private static DynamoDbClient dynamoDb;
    private static String table;
    private static RegistrationsHandler handler;
    private static EventStore events;
    private static RegistrationStore registrations;
    private static SubscriberStore subscribers;
    private static final RegistrationTokens TOKENS = new RegistrationTokens(SigningKeys.of(SECRET, "test"));

    @BeforeAll
    static void handlerOnMoto() {
        moto = TestStack.moto();
        table = TestStack.newEventsTable(moto, "registrations-handler");
        dynamoDb = moto.dynamoDb();
        MotoMail.verifySender(moto, MailSettings.SENDER_ADDRESS);
        events = new EventStore(dynamoDb, table, Clock.systemUTC());
        registrations = new RegistrationStore(dynamoDb, table);
        subscribers = new SubscriberStore(dynamoDb, table);
        Map<String, Object> settings = MailSettings.forTable(table, SECRET);
        settings.put(ConfigKeys.REGISTRATION_DAILY_CAP, "1000");
        handler = new RegistrationsHandler(FunctionHandler.configured(settings));
    }

    @AfterAll
    static void close() {
        handler.close();
        dynamoDb.close();
    }

    /** A breakfast in ten days, 8 h 30 – 10 h 30 in Paris, with {@code capacity} seats (none: no registrations). */
    private static Event breakfast(String id, Integer capacity) {
        LocalDate day = LocalDate.now(PARIS).plusDays(10);
        Event event = new Event(
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
                capacity == null ? null : new RegistrationOptions(capacity, null));
        return events.create(event, "test");
    }

    private static JsonNode post(String id, String body) {
        return ApiGatewayHttp.event(
                "POST /events/{id}/registrations",
                "/events/" + id + "/registrations",
                Map.of("id", id),
                Map.of(),
                Map.of("content-type", "application/json"),
                body,
                null);
    }

    private static JsonNode link(String method, String route, String token, String form) {
        return ApiGatewayHttp.event(
                method + " " + route,
                route,
                Map.of(),
                Map.of("token", token),
                form == null ? Map.of() : Map.of("content-type", "application/x-www-form-urlencoded"),
                form,
                null);
    }

    private static String register(String id, String name, String email) {
        return "{\"name\": \"" + name + "\", \"email\": \"" + email + "\", \"organization\": \"Test SA\"}";
    }

    private static List<MotoMail.Sent> mailTo(String address) {
        return MotoMail.sent(moto, to -> to.equals(address));
    }

    /** The quoted-printable text of an email, readable. */
    private static String readable(MotoMail.Sent mail) {
        return mail.raw().replace("=\r\n", "").replace("=3D", "=");
    }

    private static String hash(String address) {
        return EmailAddress.parse(address, "email").hash();
    }

    @Test
    void theRequestEmailsALinkWhosePageConfirmsOnlyByItsButton() {
        breakfast("lien-confirmation", 10);
        HttpResponse accepted =
                handler.serve(post("lien-confirmation", register("x", "Marie Dupont", "marie@lien.example")));
        assertEquals(202, accepted.status(), accepted.body());
        List<MotoMail.Sent> sent = mailTo("marie@lien.example");
        assertEquals(1, sent.size());
        Matcher link = Pattern.compile("https://api\\.nogentech\\.fr/registrations/confirm\\?token=([^\\s\"<&]+)")
                .matcher(readable(sent.get(0)));
        assertTrue(link.find(), readable(sent.get(0)));
        String token = java.net.URLDecoder.decode(link.group(1), StandardCharsets.UTF_8);

        HttpResponse page = handler.serve(link("GET", "/registrations/confirm", token, null));
        assertEquals(200, page.status(), page.body());
        assertTrue(page.body().contains("Confirmer mon inscription"), page.body());
        assertEquals(
                Registration.State.PENDING,
                registrations
                        .find("lien-confirmation", hash("marie@lien.example"))
                        .orElseThrow()
                        .state(),
                "opening the link (a mail scanner does) registers no one");

        HttpResponse confirmed = handler.serve(link("POST", "/registrations/confirm", token, null));
        assertEquals(200, confirmed.status(), confirmed.body());
        assertTrue(confirmed.body().contains("Inscription confirmée"), confirmed.body());
        assertEquals(1, registrations.seatsTaken("lien-confirmation"));
        List<MotoMail.Sent> both = mailTo("marie@lien.example");
        assertEquals(2, both.size(), "the confirmation follows");
        net.fortuna.ical4j.model.Calendar invitation = invitation(both.get(1));
        assertEquals("REQUEST", invitation.getProperty("METHOD").orElseThrow().getValue());
        net.fortuna.ical4j.model.component.VEvent vevent = invitation
                .<net.fortuna.ical4j.model.component.VEvent>getComponents("VEVENT")
                .get(0);
        assertEquals(
                "lien-confirmation@evenements.nogentech.fr",
                vevent.getProperty("UID").orElseThrow().getValue(),
                "the feed's UID: the calendar updates the event it has");
        assertEquals(
                "mailto:marie@lien.example",
                vevent.getProperty("ATTENDEE").orElseThrow().getValue());

        HttpResponse again = handler.serve(link("POST", "/registrations/confirm", token, null));
        assertTrue(again.body().contains("déjà inscrit"), again.body());
        assertEquals(1, registrations.seatsTaken("lien-confirmation"), "pressed twice: still one seat");
    }

    @Test
    void theSamplePayloadOfEventsRegistersAndEmailsItsLink() {
        breakfast("2023-10-12-reseaux-sociaux-dans-l-industrie", 40);
        HttpResponse accepted = handler.serve(SampleEvents.event("register.json"));
        assertEquals(202, accepted.status(), accepted.body());
        List<MotoMail.Sent> sent = mailTo("marie.dupont@example.org");
        assertEquals(1, sent.size());
        assertTrue(subjectOf(sent.get(0)).startsWith("Confirmez votre inscription"), subjectOf(sent.get(0)));
    }

    @Test
    void registeringTwiceWithOneAddressIsOneRegistrationAndOneEmail() {
        breakfast("deux-fois", 10);
        for (int i = 0; i < 3; i++) {
            assertEquals(
                    202,
                    handler.serve(post("deux-fois", register("x", "Paul", "Paul@Deux.example")))
                            .status());
        }
        assertEquals(1, mailTo("paul@deux.example").size());
        assertEquals(1, registrations.list("deux-fois").size());
    }

    @Test
    void fiveSeatsAndTenConfirmingAtOnceGiveFiveSeatsAndAWaitingListInOrder() throws Exception {
        breakfast("cinq-places", 5);
        List<String> people = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String address = "personne" + i + "@foule.example";
            people.add(address);
            assertEquals(
                    202,
                    handler.serve(post("cinq-places", register("x", "Personne " + i, address)))
                            .status());
        }
        ExecutorService pool = Executors.newFixedThreadPool(10);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse>> answers = new ArrayList<>();
        try {
            for (String address : people) {
                String token = TOKENS.sign(RegistrationTokens.Purpose.CONFIRM, "cinq-places", hash(address), null);
                answers.add(pool.submit(() -> {
                    start.await();
                    return handler.serve(link("POST", "/registrations/confirm", token, null));
                }));
            }
            start.countDown();
            for (Future<HttpResponse> answer : answers) {
                assertEquals(200, answer.get().status(), answer.get().body());
            }
        } finally {
            pool.shutdown();
        }
        List<Registration> all = registrations.list("cinq-places");
        assertEquals(
                5,
                all.stream()
                        .filter(r -> r.state() == Registration.State.CONFIRMED)
                        .count());
        assertEquals(
                5,
                all.stream()
                        .filter(r -> r.state() == Registration.State.WAITLISTED)
                        .count());
        assertEquals(5, registrations.seatsTaken("cinq-places"));
        for (String address : people) {
            String kind = registrations
                                    .find("cinq-places", hash(address))
                                    .orElseThrow()
                                    .state()
                            == Registration.State.CONFIRMED
                    ? "Votre place est réservée"
                    : "Liste d’attente";
            List<MotoMail.Sent> sent = mailTo(address);
            assertEquals(2, sent.size(), address);
            assertTrue(subjectOf(sent.get(1)).startsWith(kind), subjectOf(sent.get(1)));
        }

        // A seat freed goes to the first on the waiting list, who is told; then to the second.
        List<Registration> waiting = registrations.waitingList("cinq-places");
        String leaving = all.stream()
                .filter(r -> r.state() == Registration.State.CONFIRMED)
                .findFirst()
                .orElseThrow()
                .email();
        String cancelToken = TOKENS.sign(RegistrationTokens.Purpose.CANCEL, "cinq-places", hash(leaving), null);
        HttpResponse page = handler.serve(link("GET", "/registrations/cancel", cancelToken, null));
        assertTrue(page.body().contains("Annuler mon inscription"), page.body());
        assertEquals(5, registrations.seatsTaken("cinq-places"), "the page cancels nothing");
        HttpResponse cancelled = handler.serve(link("POST", "/registrations/cancel", cancelToken, null));
        assertEquals(200, cancelled.status(), cancelled.body());
        assertEquals(
                Registration.State.CANCELLED,
                registrations.find("cinq-places", hash(leaving)).orElseThrow().state());
        Registration first =
                registrations.find("cinq-places", waiting.get(0).addressHash()).orElseThrow();
        assertEquals(Registration.State.CONFIRMED, first.state());
        assertEquals(5, registrations.seatsTaken("cinq-places"));
        List<MotoMail.Sent> told = mailTo(first.email());
        assertEquals(3, told.size());
        assertTrue(subjectOf(told.get(2)).startsWith("Une place s’est libérée"), subjectOf(told.get(2)));
        assertEquals(
                Registration.State.WAITLISTED,
                registrations
                        .find("cinq-places", waiting.get(1).addressHash())
                        .orElseThrow()
                        .state(),
                "one seat, one promotion");
        assertEquals(4, registrations.waitingList("cinq-places").size());
    }

    /** The iCalendar part of an email ({@code text/calendar}), as a calendar program reads it. */
    static net.fortuna.ical4j.model.Calendar invitation(MotoMail.Sent mail) {
        try {
            var message = new jakarta.mail.internet.MimeMessage(
                    jakarta.mail.Session.getInstance(new java.util.Properties()),
                    new java.io.ByteArrayInputStream(mail.raw().getBytes(StandardCharsets.UTF_8)));
            var parts = (jakarta.mail.Multipart) message.getContent();
            for (int i = 0; i < parts.getCount(); i++) {
                if (parts.getBodyPart(i).isMimeType("text/calendar")) {
                    assertTrue(
                            parts.getBodyPart(i)
                                    .getContentType()
                                    .toLowerCase(java.util.Locale.ROOT)
                                    .contains("method="),
                            parts.getBodyPart(i).getContentType());
                    return new net.fortuna.ical4j.data.CalendarBuilder()
                            .build(parts.getBodyPart(i).getInputStream());
                }
            }
            throw new AssertionError("no text/calendar part");
        } catch (Exception e) {
            throw new AssertionError("the invitation could not be read: " + e.getMessage(), e);
        }
    }

    /** The subject of an email as its reader sees it (the raw message holds encoded words). */
    static String subjectOf(MotoMail.Sent mail) {
        try {
            return new jakarta.mail.internet.MimeMessage(
                            jakarta.mail.Session.getInstance(new java.util.Properties()),
                            new java.io.ByteArrayInputStream(mail.raw().getBytes(StandardCharsets.UTF_8)))
                    .getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError("not a MIME message", e);
        }
    }

    @Test
    void aSubscriberRegistersFromTheAnnouncementWithOneButtonAndNoSecondEmail() {
        breakfast("un-clic", 30);
        EmailAddress address =
                Subscribers.confirmed(subscribers, "abonnee@clic.example").get(0);
        Instant closes = Instant.now().plus(Duration.ofDays(9));
        String token = TOKENS.sign(RegistrationTokens.Purpose.INVITE, "un-clic", address.hash(), closes);

        HttpResponse page = handler.serve(link("GET", "/registrations/confirm", token, null));
        assertEquals(200, page.status(), page.body());
        assertTrue(page.body().contains("abonnee@clic.example"), "the address is filled in");
        assertTrue(page.body().contains("name=\"name\""), page.body());
        assertTrue(registrations.find("un-clic", address.hash()).isEmpty(), "the page registers no one");

        String form = "name=" + URLEncoder.encode("Élodie Martin", StandardCharsets.UTF_8) + "&organization="
                + URLEncoder.encode("Forges & Cie", StandardCharsets.UTF_8);
        HttpResponse registered = handler.serve(link("POST", "/registrations/confirm", token, form));
        assertEquals(200, registered.status(), registered.body());
        assertTrue(registered.body().contains("Inscription confirmée"), registered.body());
        Registration registration =
                registrations.find("un-clic", address.hash()).orElseThrow();
        assertEquals(Registration.State.CONFIRMED, registration.state());
        assertEquals("Élodie Martin", registration.name());
        assertEquals("Forges & Cie", registration.organization());
        List<MotoMail.Sent> sent = mailTo("abonnee@clic.example");
        assertEquals(1, sent.size(), "the confirmation only: no link to click first");

        // Next time the form is filled in already: one button.
        breakfast("un-clic-bis", 30);
        String next = TOKENS.sign(RegistrationTokens.Purpose.INVITE, "un-clic-bis", address.hash(), closes);
        HttpResponse prefilled = handler.serve(link("GET", "/registrations/confirm", next, null));
        assertTrue(prefilled.body().contains("value=\"Élodie Martin\""), prefilled.body());
        assertEquals(
                "Élodie Martin",
                subscribers.find(address.hash()).map(Subscriber::name).orElseThrow());
    }

    @Test
    void anAnnouncementLinkOfAnUnsubscribedAddressOrAForgedOneRegistersNoOne() {
        breakfast("lien-perime", 30);
        EmailAddress address =
                Subscribers.confirmed(subscribers, "parti@clic.example").get(0);
        subscribers.unsubscribe(address.hash(), Instant.now());
        String token = TOKENS.sign(RegistrationTokens.Purpose.INVITE, "lien-perime", address.hash(), null);
        HttpResponse refused = handler.serve(link("POST", "/registrations/confirm", token, "name=Parti"));
        assertEquals(400, refused.status());
        String forged = new RegistrationTokens(SigningKeys.of("another-secret-0123456789abcdef0123456789", "x"))
                .sign(RegistrationTokens.Purpose.INVITE, "lien-perime", hash("x@forge.example"), null);
        assertEquals(
                400,
                handler.serve(link("POST", "/registrations/confirm", forged, "name=X"))
                        .status());
        assertTrue(registrations.list("lien-perime").isEmpty());
    }

    @Test
    void eventsWithoutRegistrationsClosedOrUnknownRefuseWithAProblem() {
        breakfast("sans-inscription", null);
        HttpResponse notOpen = handler.serve(post("sans-inscription", register("x", "A", "a@refus.example")));
        assertEquals(409, notOpen.status());
        assertTrue(notOpen.body().contains("/problems/registration-not-open"), notOpen.body());

        Event closed = breakfast("closes", 10);
        events.replace(
                closed,
                closed.withRegistration(
                        new RegistrationOptions(10, ZonedDateTime.now(PARIS).minusHours(1))),
                "test");
        HttpResponse late = handler.serve(post("closes", register("x", "A", "a@refus.example")));
        assertEquals(409, late.status());
        assertTrue(late.body().contains("/problems/registration-closed"), late.body());

        HttpResponse unknown = handler.serve(post("nulle-part", register("x", "A", "a@refus.example")));
        assertEquals(404, unknown.status());
        HttpResponse bad = handler.serve(post("closes", "{\"name\": \"A\", \"email\": \"a@refus.example\", \"x\": 1}"));
        assertEquals(422, bad.status(), bad.body());
        assertTrue(bad.body().contains("/problems/invalid-registration"), bad.body());
        assertFalse(bad.body().contains("a@refus.example"), "no address echoed");
        assertTrue(mailTo("a@refus.example").isEmpty());
    }
}
