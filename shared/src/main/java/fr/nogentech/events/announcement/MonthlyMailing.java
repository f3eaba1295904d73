package fr.nogentech.events.announcement;

import fr.nogentech.events.email.MailLinks;
import fr.nogentech.events.email.MailSender;
import fr.nogentech.events.event.Event;
import fr.nogentech.events.event.EventDefaults;
import fr.nogentech.events.event.EventInput;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.registration.RegistrationLinks;
import fr.nogentech.events.store.EventStore;
import fr.nogentech.events.store.MailingStore;
import fr.nogentech.events.store.SubscriberStore;
import fr.nogentech.events.subscription.EmailAddress;
import fr.nogentech.events.subscription.Subscriber;
import fr.nogentech.events.subscription.SubscriptionTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Sends a month's announcement to every confirmed subscriber, once: each recipient is claimed in the send log before
 * their email goes and marked after, so a second run, a Lambda retry or a run after a crash sends only to those not
 * yet served. It keeps to a rate (SES's sending rate), backs off when throttled, and stops while {@code timeLeft}
 * still says so, to be resumed by a next invocation.
 */
public class MonthlyMailing {

    private static final Logger LOG = LoggerFactory.getLogger(MonthlyMailing.class);
    private static final int PAGE = 100;
    /** More events than a month's email could show. */
    private static final int MAX_EVENTS = 100;

    private static final int THROTTLE_ATTEMPTS = 6;

    /** How a run ended. */
    public enum Outcome {
        NO_EVENT,
        FINISHED,
        INCOMPLETE
    }

    private final EventStore events;
    private final SubscriberStore subscribers;
    private final MailingStore mailings;
    private final MailSender sender;
    private final SubscriptionTokens tokens;
    private final MailLinks links;
    private final Clock clock;
    private final SendingPace pace;
    private final RegistrationLinks registrationLinks;

    /**
     * @param pace the sending rate, shared by every run of this process, so that runs that overlap keep to it
     *             together
     */
    public MonthlyMailing(
            EventStore events,
            SubscriberStore subscribers,
            MailingStore mailings,
            MailSender sender,
            SubscriptionTokens tokens,
            MailLinks links,
            Clock clock,
            SendingPace pace) {
        this(events, subscribers, mailings, sender, tokens, links, clock, pace, null);
    }

    /**
     * A mailing whose emails carry, for each event open for registration, the subscriber's own "Je m'inscris" link
     * ({@code registrationLinks}; null: none).
     */
    public MonthlyMailing(
            EventStore events,
            SubscriberStore subscribers,
            MailingStore mailings,
            MailSender sender,
            SubscriptionTokens tokens,
            MailLinks links,
            Clock clock,
            SendingPace pace,
            RegistrationLinks registrationLinks) {
        this.registrationLinks = registrationLinks;
        this.events = events;
        this.subscribers = subscribers;
        this.mailings = mailings;
        this.sender = sender;
        this.tokens = tokens;
        this.links = links;
        this.clock = clock;
        this.pace = pace;
    }

    /** The subscriber's "Je m'inscris" link of each event open for registration now (null for the others). */
    private Function<Event, String> registerLink(String subscriberHash) {
        Instant now = clock.instant();
        return registrationLinks == null
                ? event -> null
                : event -> registrationLinks.invite(event, subscriberHash, now);
    }

    /** The month's announcement, or none when the month has no event. */
    public Optional<Announcement> announcement(YearMonth month) {
        return Announcement.of(month, eventsOf(month));
    }

    /**
     * A month's mailing without the sending: its events read, the state of its mailing read, and the email of one
     * example subscriber rendered, links signed and MIME written. What priming runs before the snapshot.
     */
    public void rehearse(YearMonth month) {
        mailings.find(month);
        Announcement example = announcement(month)
                .orElseGet(() -> Announcement.of(month, List.of(example())).orElseThrow());
        String unsubscribe = links.unsubscribe(tokens.unsubscribe(
                EmailAddress.parse("priming@example.org", "email").hash()));
        sender.rehearse(example.mailTo("priming@example.org", unsubscribe, links, false));
    }

    /**
     * A month's mailing to one example subscriber, for priming's dry run ({@code lambda.DryRun}), where the store's
     * answers are canned and nothing is sent: the mailing started, a page of subscribers read, the recipient claimed
     * (a transaction), the email sent, marked, counted and the mailing finished, without the pace's wait. The
     * canned answers hold no item, so the started mailing's read-back finds none: that is expected here.
     */
    public void dryRun(YearMonth month) {
        Announcement example = Announcement.of(month, List.of(example())).orElseThrow();
        Instant now = clock.instant();
        try {
            mailings.start(month, 1, now);
        } catch (java.util.NoSuchElementException cannedAnswerHasNoItem) {
            // the dry run's GetItem answers no item
        }
        subscribers.list(Subscriber.State.CONFIRMED, null, PAGE);
        String email = "priming@example.org";
        String hash = EmailAddress.parse(email, "email").hash();
        String runId = "dry-run";
        mailings.claim(hash, month, runId, now);
        String unsubscribe = links.unsubscribe(tokens.unsubscribe(hash));
        sender.send(example.mailTo(email, unsubscribe, links, false, registerLink(hash)));
        mailings.mark(hash, month, runId, true, null, now);
        mailings.raiseRecipients(month, 1);
        mailings.finish(month, now);
    }

    /**
     * An event to render when the rehearsed month has none; built when priming asks for it, never at class loading,
     * which every start of the function would pay for.
     */
    private static Event example() {
        return EventInput.read(Json.read("{\"id\": \"exemple\", \"title\": \"Rencontre du jeudi\", \"start\": "
                + "\"2023-10-12T08:30\", \"end\": \"2023-10-12T10:30\", \"venue\": {\"name\": \"Salle des fêtes\", "
                + "\"city\": \"Nogent\"}}"));
    }

    public List<Event> eventsOf(YearMonth month) {
        return events.listAll(
                month.atDay(1).atStartOfDay(EventDefaults.TIME_ZONE).toInstant(),
                month.plusMonths(1)
                        .atDay(1)
                        .atStartOfDay(EventDefaults.TIME_ZONE)
                        .toInstant(),
                null,
                MAX_EVENTS);
    }

    public Outcome run(YearMonth month, BooleanSupplier timeLeft) {
        Optional<Announcement> announcement = announcement(month);
        if (announcement.isEmpty()) {
            LOG.info("mailing {}: no event in the month, no mailing", month);
            return Outcome.NO_EVENT;
        }
        MailingStore.Mailing mailing =
                mailings.start(month, subscribers.count(Subscriber.State.CONFIRMED), clock.instant());
        if (mailing.finished()) {
            LOG.info("mailing {}: finished already ({} sent, {} failed)", month, mailing.sent(), mailing.failed());
            return Outcome.FINISHED;
        }
        // Drawn now, not at start-up: a SnapStart snapshot must not give every restored function the same id.
        String runId = UUID.randomUUID().toString();
        long seen = 0;
        long held = 0;
        String after = null;
        do {
            SubscriberStore.Page page = subscribers.list(Subscriber.State.CONFIRMED, after, PAGE);
            for (Subscriber subscriber : page.subscribers()) {
                seen++;
                if (!timeLeft.getAsBoolean()) {
                    LOG.info("mailing {}: stopping before the time limit; the next run goes on", month);
                    return Outcome.INCOMPLETE;
                }
                MailingStore.Claim claim = mailings.claim(subscriber.hash(), month, runId, clock.instant());
                if (claim == MailingStore.Claim.HELD) {
                    held++;
                }
                if (claim != MailingStore.Claim.CLAIMED) {
                    continue;
                }
                if (!sendOne(announcement.get(), subscriber, month, runId, timeLeft)) {
                    return Outcome.INCOMPLETE;
                }
            }
            after = page.next();
        } while (after != null);
        mailings.raiseRecipients(month, seen);
        if (held > 0) {
            // Claimed by a run that stopped before marking them (a crash): once their lease runs out, the next run
            // sends to them. Until then the mailing is not finished.
            LOG.info("mailing {}: {} recipient(s) held by an earlier run; the next run serves them", month, held);
            return Outcome.INCOMPLETE;
        }
        mailings.finish(month, clock.instant());
        MailingStore.Mailing done = mailings.find(month).orElseThrow();
        // One record per finished mailing, with its counts as fields: template.yaml's MailingFailures alarm reads it.
        LOG.atInfo()
                .addKeyValue("month", month.toString())
                .addKeyValue("sent", done.sent())
                .addKeyValue("failed", done.failed())
                .log("mailing finished");
        return Outcome.FINISHED;
    }

    /**
     * Sends to one claimed subscriber; false when the run must stop: throttling outlasted the time left (the claim
     * will lapse), or the mail service cannot send at all (nobody is marked; the mailing stays resumable).
     */
    private boolean sendOne(
            Announcement announcement, Subscriber subscriber, YearMonth month, String runId, BooleanSupplier timeLeft) {
        String unsubscribe = links.unsubscribe(tokens.unsubscribe(subscriber.hash()));
        Duration backoff = Duration.ofMillis(500);
        for (int attempt = 1; ; attempt++) {
            pace.await();
            try {
                sender.send(announcement.mailTo(
                        subscriber.email(), unsubscribe, links, false, registerLink(subscriber.hash())));
                mailings.mark(subscriber.hash(), month, runId, true, null, clock.instant());
                return true;
            } catch (MailSender.Rejected e) {
                LOG.warn("mailing {}: a recipient was rejected: {}", month, e.getMessage());
                mailings.mark(subscriber.hash(), month, runId, false, e.getMessage(), clock.instant());
                return true;
            } catch (MailSender.Unavailable e) {
                if (!e.maybeSent()) {
                    mailings.release(subscriber.hash(), month, runId);
                }
                LOG.atError()
                        .addKeyValue("month", month.toString())
                        .addKeyValue("reason", e.getMessage())
                        .log("mailing stopped: the mail service cannot send; nobody is marked, the mailing resumes "
                                + "on a later run");
                return false;
            } catch (MailSender.Throttled e) {
                if (attempt == THROTTLE_ATTEMPTS || !timeLeft.getAsBoolean()) {
                    LOG.warn("mailing {}: still throttled after {} attempts; the next run goes on", month, attempt);
                    return false;
                }
                sleep(backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
