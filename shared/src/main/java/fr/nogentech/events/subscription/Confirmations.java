package fr.nogentech.events.subscription;

import fr.nogentech.events.email.MailLinks;
import fr.nogentech.events.email.MailSender;
import fr.nogentech.events.email.MailTemplates;
import fr.nogentech.events.email.OutgoingMail;
import fr.nogentech.events.event.EventDefaults;
import fr.nogentech.events.store.DailyQuota;
import fr.nogentech.events.store.SubscriberStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * Sends the confirmation email of a queued subscription request, when it should go: at most one per address per
 * {@link #COOLDOWN}, none to a confirmed or suppressed address, and no more than the daily cap in all, so that nobody
 * can mail-bomb a third party through us. Both limits are conditional writes, which concurrent consumers cannot race
 * past.
 */
public class Confirmations {

    public static final Duration COOLDOWN = Duration.ofHours(24);
    static final String SUBJECT = "Confirmez votre inscription aux annonces de Nogentech";
    private static final Logger LOG = LoggerFactory.getLogger(Confirmations.class);

    /** What became of a request. */
    public enum Outcome {
        /** The email went. */
        SENT,
        /** No email is due (confirmed, suppressed, within the cooldown, the cap reached, not a request): done. */
        SKIPPED,
        /** The mail service could not take it now: the request goes back to the queue. */
        RETRY
    }

    private final SubscriberStore subscribers;
    private final DailyQuota dailyCap;
    private final SubscriptionTokens tokens;
    private final MailSender sender;
    private final MailLinks links;
    private final Clock clock;

    public Confirmations(
            SubscriberStore subscribers,
            DailyQuota dailyCap,
            SubscriptionTokens tokens,
            MailSender sender,
            MailLinks links,
            Clock clock) {
        this.subscribers = subscribers;
        this.dailyCap = dailyCap;
        this.tokens = tokens;
        this.sender = sender;
        this.links = links;
        this.clock = clock;
    }

    /**
     * The path of a confirmation, read-only: a queued request read, a link signed, the email rendered, the address's
     * state read. Nothing is written or sent. What priming runs before the snapshot.
     */
    public void rehearse() {
        EmailAddress address = ConfirmationQueue.read(
                        "{\"email\":\"priming@example.org\",\"requestedAt\":\"" + clock.instant() + "\"}")
                .map(ConfirmationQueue.Request::address)
                .orElseThrow();
        Map<String, Object> model = Map.of("confirmUrl", links.confirm(tokens.confirmation(address, clock.instant())));
        MailTemplates.render("confirmation.html", model);
        MailTemplates.render("confirmation.txt", model);
        subscribers.find(address.hash());
    }

    public Outcome handle(String message) {
        Optional<ConfirmationQueue.Request> request = ConfirmationQueue.read(message);
        if (request.isEmpty()) {
            LOG.warn("confirmation: a queued message is not a subscription request; dropped");
            return Outcome.SKIPPED;
        }
        EmailAddress address = request.get().address();
        Instant now = clock.instant();
        long link = SubscriptionTokens.confirmationExpiry(now);
        if (!subscribers.requestConfirmation(address, link, now, COOLDOWN)) {
            LOG.info("confirmation: none due (confirmed, suppressed, or one sent less than {} ago)", COOLDOWN);
            return Outcome.SKIPPED;
        }
        LocalDate today = LocalDate.ofInstant(now, EventDefaults.TIME_ZONE);
        if (!dailyCap.take(today)) {
            subscribers.releaseConfirmation(address.hash(), link);
            LOG.warn("confirmation: the daily cap of confirmation emails is reached; this request is dropped");
            return Outcome.SKIPPED;
        }
        Map<String, Object> model = Map.of("confirmUrl", links.confirm(tokens.confirmation(address, now)));
        try {
            sender.send(new OutgoingMail(
                    address.value(),
                    SUBJECT,
                    MailTemplates.render("confirmation.html", model),
                    MailTemplates.render("confirmation.txt", model),
                    Map.of(),
                    Map.of("kind", "confirmation")));
            return Outcome.SENT;
        } catch (MailSender.Rejected e) {
            LOG.warn("confirmation: the mail service refused the email ({})", e.getMessage());
            return Outcome.SKIPPED;
        } catch (MailSender.Throttled | MailSender.Unavailable e) {
            subscribers.releaseConfirmation(address.hash(), link);
            dailyCap.giveBack(today);
            if (e instanceof MailSender.Unavailable) {
                LOG.error(
                        "confirmation: the mail service cannot send ({}); the request goes back to the queue",
                        e.getMessage());
            }
            return Outcome.RETRY;
        }
    }
}
