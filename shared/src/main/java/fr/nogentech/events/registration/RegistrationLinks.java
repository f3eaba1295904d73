package fr.nogentech.events.registration;

import fr.nogentech.events.email.MailLinks;
import fr.nogentech.events.event.Event;

import java.time.Instant;

/** The signed links of registrations that emails carry: confirm a request, cancel, and a subscriber's one click. */
public record RegistrationLinks(RegistrationTokens tokens, MailLinks links) {

    /** The link of the registration email: confirms that request until {@code expiry}. */
    public String confirm(Event event, String hash, Instant expiry) {
        return links.registrationConfirm(tokens.sign(RegistrationTokens.Purpose.CONFIRM, event.id(), hash, expiry));
    }

    /** The link that cancels a registration: valid as long as the registration may be cancelled. */
    public String cancel(Event event, String hash) {
        return links.registrationCancel(tokens.sign(RegistrationTokens.Purpose.CANCEL, event.id(), hash, null));
    }

    /**
     * The announcement's "Je m'inscris" link for one subscriber, valid until registrations close; null when the event
     * takes no registrations at {@code now}.
     */
    public String invite(Event event, String subscriberHash, Instant now) {
        if (event.registration() == null || !event.registration().isOpen(event, now)) {
            return null;
        }
        return links.registrationConfirm(tokens.sign(
                RegistrationTokens.Purpose.INVITE,
                event.id(),
                subscriberHash,
                event.registration().closesAt(event).toInstant()));
    }
}
