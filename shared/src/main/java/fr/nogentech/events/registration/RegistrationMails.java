package fr.nogentech.events.registration;

import fr.nogentech.events.calendar.Invitation;
import fr.nogentech.events.email.MailLinks;
import fr.nogentech.events.email.MailTemplates;
import fr.nogentech.events.email.OutgoingMail;
import fr.nogentech.events.event.Event;
import fr.nogentech.events.event.EventPages;
import fr.nogentech.events.event.EventStatus;
import fr.nogentech.events.event.FrenchText;

import java.util.HashMap;
import java.util.Map;

/**
 * The emails of registrations, in French, each as HTML and text ({@code registration-<kind>.html} and
 * {@code .txt} templates) and tagged {@code kind=registration-<kind>}: the link that confirms a request, the seat
 * (with its invitation, {@code METHOD:REQUEST}), the waiting list, the seat freed for the first waiting, the event
 * changed (the invitation again, with its higher {@code SEQUENCE}), the event cancelled ({@code METHOD:CANCEL}), and
 * the reminder the day before. Names and addresses are user input: the HTML templates escape them, and nothing here
 * logs them.
 */
public class RegistrationMails {

    static final String REQUEST = "registration-request";
    static final String CONFIRMED = "registration-confirmed";
    static final String WAITLISTED = "registration-waitlisted";
    static final String PROMOTED = "registration-promoted";
    static final String UPDATED = "registration-updated";
    static final String CANCELLED = "registration-cancelled";
    static final String REMINDER = "registration-reminder";

    private final MailLinks links;
    private final Invitation invitations;
    private final String organizerAddress;

    /**
     * @param organizerAddress the sender of the emails ({@code MAIL_FROM}, plain or as
     *     {@code Nogentech <noreply@nogentech.fr>}): the invitations' organizer
     */
    public RegistrationMails(MailLinks links, EventPages pages, String organizerAddress) {
        this.links = links;
        this.invitations = new Invitation(pages);
        this.organizerAddress = organizerAddress;
    }

    /** The link that confirms a registration request ("Confirmer mon inscription"). */
    public OutgoingMail request(Event event, Registrant who, String confirmUrl) {
        Map<String, Object> model = model(event, who);
        model.put("confirmUrl", confirmUrl);
        return mail(REQUEST, "Confirmez votre inscription : " + event.title(), who, model);
    }

    /**
     * A seat: "Votre place est réservée", with the invitation. For a cancelled event, the {@link #cancelled}
     * email instead (its seat is of no use).
     */
    public OutgoingMail confirmed(Event event, Registrant who, String cancelUrl) {
        if (event.status() == EventStatus.CANCELLED) {
            return cancelled(event, who);
        }
        return invited(CONFIRMED, "Votre place est réservée : ", event, who, cancelUrl);
    }

    /** The event is full: on the waiting list, told by email when a seat frees. */
    public OutgoingMail waitlisted(Event event, Registrant who, String cancelUrl) {
        Map<String, Object> model = model(event, who);
        model.put("cancelUrl", cancelUrl);
        return mail(WAITLISTED, "Liste d’attente : " + event.title(), who, model);
    }

    /**
     * A seat freed and given to {@code who}, who was waiting: as {@link #confirmed}, saying so. For a cancelled
     * event, the {@link #cancelled} email instead.
     */
    public OutgoingMail promoted(Event event, Registrant who, String cancelUrl) {
        if (event.status() == EventStatus.CANCELLED) {
            return cancelled(event, who);
        }
        return invited(PROMOTED, "Une place s’est libérée : ", event, who, cancelUrl);
    }

    /**
     * The event changed (date, place, postponed…): its new date and place, and the invitation again, which updates
     * the calendar's copy. For a cancelled event, the {@link #cancelled} email instead.
     */
    public OutgoingMail updated(Event event, Registrant who, String cancelUrl) {
        if (event.status() == EventStatus.CANCELLED) {
            return cancelled(event, who);
        }
        return invited(UPDATED, "Changement : ", event, who, cancelUrl);
    }

    /** The event is cancelled: the cancellation of the invitation, which takes it out of the calendar. */
    public OutgoingMail cancelled(Event event, Registrant who) {
        return mail(CANCELLED, "Annulé : " + event.title(), who, model(event, who))
                .withCalendar(
                        new OutgoingMail.CalendarPart("CANCEL", invitations.cancel(event, who, organizerAddress)));
    }

    /** The day before: the time and the place, and how to give the seat back. */
    public OutgoingMail reminder(Event event, Registrant who, String cancelUrl) {
        Map<String, Object> model = model(event, who);
        model.put("cancelUrl", cancelUrl);
        return mail(REMINDER, "C’est demain : " + event.title(), who, model);
    }

    private OutgoingMail invited(String kind, String subject, Event event, Registrant who, String cancelUrl) {
        Map<String, Object> model = model(event, who);
        model.put("cancelUrl", cancelUrl);
        return mail(kind, subject + event.title(), who, model)
                .withCalendar(
                        new OutgoingMail.CalendarPart("REQUEST", invitations.request(event, who, organizerAddress)));
    }

    private Map<String, Object> model(Event event, Registrant who) {
        Map<String, Object> model = new HashMap<>();
        String name = who.name() == null ? "" : who.name().strip();
        model.put("name", name);
        model.put("hasName", !name.isEmpty());
        model.put("title", event.title());
        model.put("when", FrenchText.when(event));
        String place = FrenchText.place(event.venue());
        if (place != null) {
            model.put("place", place);
        }
        model.put("postponed", event.status() == EventStatus.POSTPONED);
        model.put("eventUrl", links.event(event));
        model.put("siteUrl", links.site());
        return model;
    }

    private static OutgoingMail mail(String kind, String subject, Registrant who, Map<String, Object> model) {
        model.put("subject", subject);
        return new OutgoingMail(
                who.email().value(),
                subject,
                MailTemplates.render(kind + ".html", model),
                MailTemplates.render(kind + ".txt", model),
                Map.of(),
                Map.of("kind", kind));
    }
}
