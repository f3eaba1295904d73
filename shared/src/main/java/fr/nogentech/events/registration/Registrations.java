package fr.nogentech.events.registration;

import fr.nogentech.events.email.MailSender;
import fr.nogentech.events.email.OutgoingMail;
import fr.nogentech.events.event.Event;
import fr.nogentech.events.event.EventDefaults;
import fr.nogentech.events.event.EventInput;
import fr.nogentech.events.event.EventStatus;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.problem.EchoText;
import fr.nogentech.events.problem.Problem;
import fr.nogentech.events.problem.ProblemType;
import fr.nogentech.events.store.DailyQuota;
import fr.nogentech.events.store.EventStore;
import fr.nogentech.events.store.RegistrationStore;
import fr.nogentech.events.subscription.EmailAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Registering to an event: the request (an email with a link to confirm), the confirmation (a seat or the waiting
 * list), the registration of a subscriber from the announcement's link (no email round-trip: the link proves the
 * address), and the cancellation, whose seat goes to the first on the waiting list. Each step writes its state first,
 * then sends its email; an email the mail service refuses is logged, never retried into a second seat.
 */
public class Registrations {

    /** At most one confirmation email per address and event in this time, so that no one is mail-bombed through us. */
    public static final Duration COOLDOWN = Duration.ofHours(24);

    static final Duration CONFIRMATION_VALIDITY = Duration.ofDays(7);
    private static final Logger LOG = LoggerFactory.getLogger(Registrations.class);

    private final EventStore events;
    private final RegistrationStore store;
    private final RegistrationLinks links;
    private final RegistrationMails mails;
    private final MailSender sender;
    private final DailyQuota dailyCap;
    private final Clock clock;

    public Registrations(
            EventStore events,
            RegistrationStore store,
            RegistrationLinks links,
            RegistrationMails mails,
            MailSender sender,
            DailyQuota dailyCap,
            Clock clock) {
        this.events = events;
        this.store = store;
        this.links = links;
        this.mails = mails;
        this.sender = sender;
        this.dailyCap = dailyCap;
        this.clock = clock;
    }

    /**
     * The path of a registration, read-only: a registration and the seats read, every email rendered with its
     * invitation, links signed, MIME written. Nothing is written or sent. What priming runs before the snapshot.
     */
    public void rehearse() {
        Event example = EventInput.read(Json.read("{\"id\": \"exemple\", \"title\": \"Rencontre du jeudi\", "
                        + "\"start\": \"2023-10-12T08:30\", \"end\": \"2023-10-12T10:30\", \"venue\": {\"name\": "
                        + "\"Salle des fêtes\", \"city\": \"Nogent\"}, \"registration\": {\"capacity\": 40}}"))
                // as the store gives it: a version and a time of change, which the invitation's DTSTAMP is
                .nextRevision(1, Instant.parse("2023-10-01T00:00:00Z"), "priming");
        Registrant who = new Registrant("Priming", EmailAddress.parse("priming@example.org", "email"), null);
        String hash = who.email().hash();
        store.find(example.id(), hash);
        store.seatsTaken(example.id());
        String cancelUrl = links.cancel(example, hash);
        sender.rehearse(mails.request(example, who, links.confirm(example, hash, clock.instant())));
        sender.rehearse(mails.confirmed(example, who, cancelUrl));
        sender.rehearse(mails.waitlisted(example, who, cancelUrl));
    }

    /** Whether {@code event} takes registrations at {@code now}: opened, not closed, scheduled, not started. */
    public static boolean isOpen(Event event, Instant now) {
        return event.registration() != null && event.registration().isOpen(event, now);
    }

    /** The event of {@code id} if it takes registrations now; otherwise the problem that says why not. */
    public Event openEvent(String id) {
        Event event = events.find(id)
                .orElseThrow(() -> Problem.of(
                                ProblemType.NOT_FOUND,
                                "No event has the id " + EchoText.of(id)
                                        + "; GET /events lists the events and their ids.")
                        .toException());
        if (event.registration() == null) {
            throw Problem.of(
                            ProblemType.REGISTRATION_NOT_OPEN,
                            "The event " + id + " takes no registrations: just come, or ask the association.")
                    .toException();
        }
        if (!isOpen(event, clock.instant())) {
            throw Problem.of(ProblemType.REGISTRATION_CLOSED, closedReason(event))
                    .toException();
        }
        return event;
    }

    private String closedReason(Event event) {
        if (event.status() == EventStatus.CANCELLED) {
            return "The event " + event.id() + " is cancelled: it takes no more registrations.";
        }
        if (event.status() == EventStatus.POSTPONED) {
            return "The event " + event.id() + " is postponed: registrations open again with its new date.";
        }
        return "Registrations to the event " + event.id() + " closed at "
                + event.registration().closesAt(event).toOffsetDateTime() + ".";
    }

    /**
     * Records a request to register and sends the email whose link confirms it, unless the address is registered
     * already, one went less than {@link #COOLDOWN} ago, or the daily cap is reached: the caller answers the same in
     * every case, so nobody learns who registered.
     *
     * @throws MailSender.Throttled    when the mail service cannot take the email now (nothing is kept: retry)
     * @throws MailSender.Unavailable  likewise
     */
    public void request(Event event, Registrant who) {
        Instant now = clock.instant();
        if (!store.request(event.id(), who, now, COOLDOWN, event.end().toInstant())) {
            LOG.info("registration: no confirmation email due (registered, or one sent less than {} ago)", COOLDOWN);
            return;
        }
        LocalDate today = LocalDate.ofInstant(now, EventDefaults.TIME_ZONE);
        if (!dailyCap.take(today)) {
            store.releaseRequest(event.id(), who.email().hash(), now);
            LOG.warn("registration: the daily cap of confirmation emails is reached; this request is dropped");
            return;
        }
        Instant expiry = earliest(
                now.plus(CONFIRMATION_VALIDITY),
                event.registration().closesAt(event).toInstant());
        String confirmUrl = links.confirm(event, who.email().hash(), expiry);
        try {
            sender.send(mails.request(event, who, confirmUrl));
        } catch (MailSender.Rejected e) {
            LOG.warn("registration: the mail service refused the confirmation email ({})", e.getMessage());
        } catch (MailSender.Throttled | MailSender.Unavailable e) {
            store.releaseRequest(event.id(), who.email().hash(), now);
            dailyCap.giveBack(today);
            throw e;
        }
    }

    /** The pending registration a confirmation link names, if any. */
    public Optional<Registration> find(String eventId, String hash) {
        return store.find(eventId, hash);
    }

    /** Confirms the registration a link names: a seat, or the waiting list; the email that says which goes. */
    public RegistrationStore.Outcome confirm(Event event, String hash) {
        RegistrationStore.Outcome outcome = store.confirm(
                event.id(),
                hash,
                event.registration().capacity(),
                clock.instant(),
                event.end().toInstant());
        tell(event, hash, outcome);
        return outcome;
    }

    /** Registers a subscriber from the announcement's link, with no email round-trip. */
    public RegistrationStore.Outcome register(Event event, Registrant who) {
        RegistrationStore.Outcome outcome = store.register(
                event.id(),
                who,
                event.registration().capacity(),
                clock.instant(),
                event.end().toInstant());
        tell(event, who.email().hash(), outcome);
        return outcome;
    }

    private void tell(Event event, String hash, RegistrationStore.Outcome outcome) {
        if (outcome != RegistrationStore.Outcome.CONFIRMED && outcome != RegistrationStore.Outcome.WAITLISTED) {
            return;
        }
        if (outcome == RegistrationStore.Outcome.CONFIRMED) {
            // the invitation that goes now shows this version: a later change is compared with it
            store.noticeBaseline(event.id(), hash, event.version(), RegistrantNotices.digest(event));
        }
        store.find(event.id(), hash).ifPresent(registration -> {
            Registrant who = registrant(registration);
            String cancelUrl = cancelUrl(event, hash);
            send(
                    outcome == RegistrationStore.Outcome.CONFIRMED
                            ? mails.confirmed(event, who, cancelUrl)
                            : mails.waitlisted(event, who, cancelUrl));
        });
    }

    /**
     * Cancels a registration; its seat, if it held one, goes to the first on the waiting list, who is told.
     *
     * @return the state it was in; empty when there was nothing to cancel
     */
    public Optional<Registration.State> cancel(Event event, String hash) {
        Optional<Registration.State> was = store.cancel(event.id(), hash, clock.instant());
        if (was.isPresent() && was.get() == Registration.State.CONFIRMED) {
            promote(event);
        }
        return was;
    }

    /** Gives the free seats of {@code event} to the waiting list, in order, and tells each one promoted. */
    public List<Registration> promote(Event event) {
        if (event.registration() == null || !clock.instant().isBefore(event.startInstant())) {
            return List.of();
        }
        List<Registration> promoted = store.promote(
                event.id(),
                event.registration().capacity(),
                clock.instant(),
                event.end().toInstant());
        for (Registration registration : promoted) {
            store.noticeBaseline(
                    event.id(), registration.addressHash(), event.version(), RegistrantNotices.digest(event));
            send(mails.promoted(event, registrant(registration), cancelUrl(event, registration.addressHash())));
        }
        return promoted;
    }

    /** The link that cancels a registration: valid until the event ends. */
    public String cancelUrl(Event event, String hash) {
        return links.cancel(event, hash);
    }

    public static Registrant registrant(Registration registration) {
        return new Registrant(registration.name(), new EmailAddress(registration.email()), registration.organization());
    }

    /** Sends an email whose state is stored already: a refusal or an outage is logged, not retried. */
    private void send(OutgoingMail mail) {
        try {
            sender.send(mail);
        } catch (MailSender.Rejected | MailSender.Throttled | MailSender.Unavailable e) {
            LOG.error(
                    "registration: the email {} could not go ({}); the registration itself is stored",
                    mail.tags().get("kind"),
                    e.getMessage());
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
