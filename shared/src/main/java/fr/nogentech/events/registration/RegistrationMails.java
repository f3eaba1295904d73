package fr.nogentech.events.registration;

import fr.nogentech.events.email.MailLinks;
import fr.nogentech.events.email.OutgoingMail;
import fr.nogentech.events.event.Event;
import fr.nogentech.events.event.EventPages;
import fr.nogentech.events.event.FrenchText;

import java.util.Map;

/** Placeholder until the registration emails' templates land. */
public class RegistrationMails {

    public RegistrationMails(MailLinks links, EventPages pages, String organizerAddress) {}

    private static OutgoingMail mail(String kind, String subject, Event event, Registrant who, String url) {
        String text = subject + "\n" + FrenchText.when(event) + "\n" + (url == null ? "" : url);
        return new OutgoingMail(
                who.email().value(), subject, "<p>" + text + "</p>", text, Map.of(), Map.of("kind", kind));
    }

    public OutgoingMail request(Event event, Registrant who, String confirmUrl) {
        return mail("registration-request", "Confirmez votre inscription : " + event.title(), event, who, confirmUrl);
    }

    public OutgoingMail confirmed(Event event, Registrant who, String cancelUrl) {
        return mail("registration-confirmed", "Votre place est réservée : " + event.title(), event, who, cancelUrl);
    }

    public OutgoingMail waitlisted(Event event, Registrant who, String cancelUrl) {
        return mail("registration-waitlisted", "Liste d’attente : " + event.title(), event, who, cancelUrl);
    }

    public OutgoingMail promoted(Event event, Registrant who, String cancelUrl) {
        return mail("registration-promoted", "Une place s’est libérée : " + event.title(), event, who, cancelUrl);
    }

    public OutgoingMail updated(Event event, Registrant who, String cancelUrl) {
        return mail("registration-updated", "Changement : " + event.title(), event, who, cancelUrl);
    }

    public OutgoingMail cancelled(Event event, Registrant who) {
        return mail("registration-cancelled", "Annulé : " + event.title(), event, who, null);
    }

    public OutgoingMail reminder(Event event, Registrant who, String cancelUrl) {
        return mail("registration-reminder", "C’est demain : " + event.title(), event, who, cancelUrl);
    }
}
