package fr.nogentech.events.registration;

import fr.nogentech.events.crypto.Digests;
import fr.nogentech.events.email.MailSender;
import fr.nogentech.events.email.OutgoingMail;
import fr.nogentech.events.event.Event;
import fr.nogentech.events.event.EventDefaults;
import fr.nogentech.events.event.EventStatus;
import fr.nogentech.events.event.RegistrationOptions;
import fr.nogentech.events.event.Venue;
import fr.nogentech.events.store.EventStore;
import fr.nogentech.events.store.RegistrationStore;
import fr.nogentech.events.subscription.EmailAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

/**
 * What registered people are told after they registered: an updated invitation when their event changes in a way
 * their calendar shows (or a cancellation), and a reminder the day before. Each email is sent once, as the monthly
 * mailing's are: the registration item is claimed for this run before the email goes and marked after; a second run,
 * or two at once, send nothing twice, and a claim a run left unmarked (cut between the claim and the send) is taken
 * again once its {@link #LEASE} has run out. When the mail service throttles or cannot send, the claim is given back
 * and the run stops: a later run (Lambda's retry, the sweep) sends what is left.
 */
public class RegistrantNotices {

    /** How long a claimed email is left to the run that claimed it before another run may send it. */
    public static final Duration LEASE = Duration.ofMinutes(15);
    /** How far ahead the sweep looks for changes whose notice did not go. */
    public static final Duration SWEEP_AHEAD = Duration.ofDays(60);

    private static final Logger LOG = LoggerFactory.getLogger(RegistrantNotices.class);
    private static final int MAX_EVENTS = 500;

    /** What a run did: emails sent, and whether it went through (false: stopped, a later run goes on). */
    public record Outcome(int sent, boolean complete) {
        static final Outcome NOTHING = new Outcome(0, true);

        Outcome plus(Outcome other) {
            return new Outcome(sent + other.sent, complete && other.complete);
        }
    }

    private final EventStore events;
    private final RegistrationStore store;
    private final Registrations registrations;
    private final RegistrationMails mails;
    private final MailSender sender;
    private final Clock clock;

    public RegistrantNotices(
            EventStore events,
            RegistrationStore store,
            Registrations registrations,
            RegistrationMails mails,
            MailSender sender,
            Clock clock) {
        this.events = events;
        this.store = store;
        this.registrations = registrations;
        this.mails = mails;
        this.sender = sender;
        this.clock = clock;
    }

    /**
     * What an invitation shows of an event (title, start, end, zone, place, status), as a digest: two versions with
     * the same digest look the same in a calendar, and a change between them is not worth an email.
     */
    public static String digest(Event event) {
        Venue venue = event.venue();
        return Digests.sha256Hex(String.join(
                        "\u001f",
                        event.title(),
                        event.start().toOffsetDateTime().toString(),
                        event.end().toOffsetDateTime().toString(),
                        event.timeZone().getId(),
                        venue == null ? "" : String.valueOf(venue.name()),
                        venue == null ? "" : String.valueOf(venue.city()),
                        event.status().wireName()))
                .substring(0, 32);
    }

    /**
     * After a change of an event: the waiting list takes the seats a larger capacity freed, then each confirmed
     * registrant (and each waiting one, when the event is cancelled) is sent the updated invitation or the
     * cancellation of this version, unless what the invitation shows did not change since they were last sent one.
     */
    public Outcome eventChanged(String eventId) {
        Event event = events.findForUpdate(eventId).orElse(null);
        if (event == null) {
            LOG.info("notices {}: no such event (deleted); nothing to tell", eventId);
            return Outcome.NOTHING;
        }
        if (!clock.instant().isBefore(event.startInstant())) {
            return Outcome.NOTHING;
        }
        if (event.registration() != null && event.status() == EventStatus.SCHEDULED) {
            registrations.promote(event);
        }
        boolean cancelled = event.status() == EventStatus.CANCELLED;
        List<Registration> told = store.list(eventId).stream()
                .filter(r -> r.state() == Registration.State.CONFIRMED
                        || (cancelled && r.state() == Registration.State.WAITLISTED))
                .toList();
        if (told.isEmpty()) {
            return Outcome.NOTHING;
        }
        String digest = digest(event);
        String runId = UUID.randomUUID().toString();
        int sent = 0;
        for (Registration registration : told) {
            String hash = registration.addressHash();
            if (!store.claimNotice(eventId, hash, event.version(), digest, runId, clock.instant(), LEASE)) {
                continue; // told already of this (or the same-looking) version, or another run is telling them
            }
            Registrant who = Registrations.registrant(registration);
            OutgoingMail mail = cancelled
                    ? mails.cancelled(event, who)
                    : mails.updated(event, who, registrations.cancelUrl(event, hash));
            switch (send(mail, eventId)) {
                case SENT, REJECTED -> {
                    store.finishNotice(eventId, hash, runId, digest);
                    sent++;
                }
                case STOP -> {
                    store.finishNotice(eventId, hash, runId, false);
                    return new Outcome(sent, false);
                }
                case MAYBE_SENT -> {
                    return new Outcome(sent, false); // the claim stays: retaken once its lease has run out
                }
            }
        }
        if (sent > 0) {
            LOG.atInfo()
                    .addKeyValue("event", eventId)
                    .addKeyValue("version", event.version())
                    .addKeyValue("sent", sent)
                    .log("notices of a change sent");
        }
        return new Outcome(sent, true);
    }

    /**
     * The reminder of the day before, to every confirmed registrant of the events that start on the Paris day after
     * {@code scheduledTime}'s Paris date (the schedule's time, never the clock's: a replayed payload reminds of that
     * day's events).
     */
    public Outcome remind(Instant scheduledTime) {
        LocalDate tomorrow =
                scheduledTime.atZone(EventDefaults.TIME_ZONE).toLocalDate().plusDays(1);
        Instant from = tomorrow.atStartOfDay(EventDefaults.TIME_ZONE).toInstant();
        Instant to = tomorrow.plusDays(1).atStartOfDay(EventDefaults.TIME_ZONE).toInstant();
        Outcome outcome = Outcome.NOTHING;
        for (Event event : events.listAll(from, to, null, MAX_EVENTS)) {
            if (event.registration() == null || event.status() != EventStatus.SCHEDULED) {
                continue;
            }
            outcome = outcome.plus(remind(event));
            if (!outcome.complete()) {
                return outcome;
            }
        }
        return outcome;
    }

    private Outcome remind(Event event) {
        String runId = UUID.randomUUID().toString();
        int sent = 0;
        for (Registration registration : store.list(event.id())) {
            if (registration.state() != Registration.State.CONFIRMED || registration.reminded()) {
                continue;
            }
            String hash = registration.addressHash();
            if (!store.claimReminder(event.id(), hash, runId, clock.instant(), LEASE)) {
                continue;
            }
            OutgoingMail mail =
                    mails.reminder(event, Registrations.registrant(registration), registrations.cancelUrl(event, hash));
            switch (send(mail, event.id())) {
                case SENT, REJECTED -> {
                    store.finishReminder(event.id(), hash, runId, true);
                    sent++;
                }
                case STOP -> {
                    store.finishReminder(event.id(), hash, runId, false);
                    return new Outcome(sent, false);
                }
                case MAYBE_SENT -> {
                    return new Outcome(sent, false); // the claim stays: retaken once its lease has run out
                }
            }
        }
        if (sent > 0) {
            LOG.atInfo()
                    .addKeyValue("event", event.id())
                    .addKeyValue("sent", sent)
                    .log("reminders sent");
        }
        return new Outcome(sent, true);
    }

    /**
     * The change notices of the events of the next {@link #SWEEP_AHEAD} that take registrations, in case the
     * trigger of a change was lost (the invocation failed, the administrators' function could not reach Lambda).
     */
    public Outcome sweep(Instant now) {
        Outcome outcome = Outcome.NOTHING;
        for (Event event : events.listAll(now, now.plus(SWEEP_AHEAD), null, MAX_EVENTS)) {
            if (event.registration() == null) {
                continue;
            }
            outcome = outcome.plus(eventChanged(event.id()));
            if (!outcome.complete()) {
                return outcome;
            }
        }
        return outcome;
    }

    /**
     * A reminder without the sending, for priming: an example event's email rendered and its MIME written, its link
     * signed, one registration read. Writes nothing, sends nothing.
     */
    public void rehearse(Instant now) {
        Event example = example(now);
        String hash = EmailAddress.parse("priming@example.org", "email").hash();
        store.find(example.id(), hash);
        sender.rehearse(mails.reminder(
                example,
                new Registrant("Priming", new EmailAddress("priming@example.org"), null),
                registrations.cancelUrl(example, hash)));
    }

    private static Event example(Instant now) {
        LocalDate day = now.atZone(EventDefaults.TIME_ZONE).toLocalDate().plusDays(1);
        return new Event(
                "exemple",
                "Rencontre du jeudi",
                null,
                ZonedDateTime.of(day, LocalTime.of(8, 30), EventDefaults.TIME_ZONE),
                ZonedDateTime.of(day, LocalTime.of(10, 30), EventDefaults.TIME_ZONE),
                EventDefaults.TIME_ZONE,
                new Venue("Salle des fêtes", "Nogent"),
                List.of(),
                EventStatus.SCHEDULED,
                1,
                now,
                "priming",
                new RegistrationOptions(40, null));
    }

    private enum Sent {
        SENT,
        REJECTED,
        /** Surely not sent: the claim is given back. */
        STOP,
        /** The service may have taken it before it failed: the claim is left to lapse. */
        MAYBE_SENT
    }

    private Sent send(OutgoingMail mail, String eventId) {
        try {
            sender.send(mail);
            return Sent.SENT;
        } catch (MailSender.Rejected e) {
            // refused for good (the address, the content): retrying would not help
            LOG.warn(
                    "notices {}: the mail service refused an email {} ({})",
                    eventId,
                    mail.tags().get("kind"),
                    e.getMessage());
            return Sent.REJECTED;
        } catch (MailSender.Throttled | MailSender.Unavailable e) {
            LOG.atError()
                    .addKeyValue("event", eventId)
                    .addKeyValue("kind", mail.tags().get("kind"))
                    .addKeyValue("reason", e.getMessage())
                    .log("registration emails stopped: the mail service cannot send now; the claim is given back "
                            + "and a later run sends what is left");
            return e instanceof MailSender.Unavailable unavailable && unavailable.maybeSent()
                    ? Sent.MAYBE_SENT
                    : Sent.STOP;
        }
    }
}
