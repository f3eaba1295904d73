package fr.nogentech.events.api;

import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.email.MailLinks;
import fr.nogentech.events.email.MailSender;
import fr.nogentech.events.event.Event;
import fr.nogentech.events.event.EventInput;
import fr.nogentech.events.event.FrenchText;
import fr.nogentech.events.http.FormBody;
import fr.nogentech.events.http.HtmlPages;
import fr.nogentech.events.http.HttpApi;
import fr.nogentech.events.http.HttpRequest;
import fr.nogentech.events.http.HttpResponse;
import fr.nogentech.events.http.HttpResponses;
import fr.nogentech.events.http.JsonBody;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.problem.EchoText;
import fr.nogentech.events.problem.Problem;
import fr.nogentech.events.problem.ProblemException;
import fr.nogentech.events.problem.ProblemType;
import fr.nogentech.events.registration.Registrant;
import fr.nogentech.events.registration.Registration;
import fr.nogentech.events.registration.RegistrationTokens;
import fr.nogentech.events.registration.Registrations;
import fr.nogentech.events.store.EventStore;
import fr.nogentech.events.store.RegistrationStore;
import fr.nogentech.events.store.SubscriberStore;
import fr.nogentech.events.subscription.EmailAddress;
import fr.nogentech.events.subscription.Subscriber;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Registering to an event: {@code POST /events/{id}/registrations} (202, and an email whose link confirms), the pages
 * of {@code /registrations/confirm} (from that email, or a subscriber's "Je m'inscris" link of the announcement) and
 * {@code /registrations/cancel}. Each GET shows a page with a button and changes nothing, so that link scanners
 * register and cancel no one; the button's POST does it.
 */
public class RegistrationsApi implements HttpApi {

    static final int NAME_MAX = 100;
    static final int ORGANIZATION_MAX = 200;
    private static final Set<String> FIELDS = Set.of("name", "email", "organization");

    private final Registrations registrations;
    private final EventStore events;
    private final SubscriberStore subscribers;
    private final RegistrationTokens tokens;
    private final MailLinks links;
    private final Clock clock;

    public RegistrationsApi(
            Registrations registrations,
            EventStore events,
            SubscriberStore subscribers,
            RegistrationTokens tokens,
            MailLinks links,
            Clock clock) {
        this.registrations = registrations;
        this.events = events;
        this.subscribers = subscribers;
        this.tokens = tokens;
        this.links = links;
        this.clock = clock;
    }

    /** What no read-only request reaches: the emails, their invitations and MIME (see {@link Registrations#rehearse}). */
    public void rehearse() {
        registrations.rehearse();
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        return switch (request.routeKey()) {
            case "POST /events/{id}/registrations" -> register(request);
            case "GET /registrations/confirm" -> confirmPage(request);
            case "POST /registrations/confirm" -> confirm(request);
            case "GET /registrations/cancel" -> cancelPage(request);
            case "POST /registrations/cancel" -> cancel(request);
            default ->
                throw Problem.of(ProblemType.NOT_FOUND, "No such route: " + request.routeKey())
                        .toException();
        };
    }

    private HttpResponse register(HttpRequest request) {
        // JSON only: a form posted from any web page must not send mail in someone else's name.
        JsonBody.requireJsonContentType(request);
        Registrant who = registrant(JsonBody.read(request));
        String id = request.pathParameters().get("id");
        boolean wellFormed =
                id != null && id.length() <= 100 && EventInput.ID.matcher(id).matches();
        if (!wellFormed) {
            throw Problem.of(
                            ProblemType.NOT_FOUND,
                            "No event has the id " + EchoText.of(id) + "; GET /events lists the events and their ids.")
                    .toException();
        }
        Event event = registrations.openEvent(id);
        try {
            registrations.request(event, who);
        } catch (MailSender.Throttled | MailSender.Unavailable e) {
            throw Problem.of(
                            ProblemType.MAIL_UNAVAILABLE,
                            "The confirmation email cannot go now; nothing was recorded. Try again in a minute.")
                    .toException();
        }
        return HttpResponses.json(
                202,
                Json.object()
                        .put("status", "accepted")
                        .put(
                                "message",
                                "Un e-mail vient de partir vers cette adresse : cliquez sur son lien pour confirmer "
                                        + "votre inscription. (Si vous êtes déjà inscrit, rien ne change.)"));
    }

    /** The registrant a request's JSON describes, each field checked. */
    static Registrant registrant(JsonNode body) {
        try {
            return readRegistrant(body);
        } catch (ProblemException e) {
            Problem problem = e.problem();
            throw (problem.type() == ProblemType.INVALID_EVENT
                            ? new Problem(ProblemType.INVALID_REGISTRATION, problem.detail(), problem.extensions())
                            : problem)
                    .toException();
        }
    }

    private static Registrant readRegistrant(JsonNode body) {
        if (!body.isObject()) {
            throw Problem.invalidField(
                            "",
                            "The body must be a JSON object such as {\"name\": \"Marie Dupont\", "
                                    + "\"email\": \"marie.dupont@entreprise.fr\", \"organization\": \"Entreprise\"}")
                    .toException();
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw Problem.invalidField(
                                name.length() > 40 ? name.substring(0, 40) : name,
                                "Unknown field " + EchoText.of(name) + ": the fields are email, name and organization")
                        .toException();
            }
        }
        String name = EventInput.text(body, "name", "name", NAME_MAX, true);
        String organization = EventInput.text(body, "organization", "organization", ORGANIZATION_MAX, false);
        JsonNode email = body.get("email");
        EmailAddress address =
                EmailAddress.parse(email != null && email.isTextual() ? email.textValue() : null, "email");
        return new Registrant(name, address, organization);
    }

    /** What a confirmation link names, with its event; empty when it is not a valid link to an existing event. */
    private record Link(RegistrationTokens.Signed signed, Event event) {}

    private Optional<Link> link(HttpRequest request, RegistrationTokens.Purpose... purposes) {
        return tokens.read(request.query().get("token"), clock.instant(), purposes)
                .flatMap(signed -> events.find(signed.eventId()).map(event -> new Link(signed, event)));
    }

    private HttpResponse confirmPage(HttpRequest request) {
        Optional<Link> link = link(request, RegistrationTokens.Purpose.CONFIRM, RegistrationTokens.Purpose.INVITE);
        if (link.isEmpty()) {
            return invalidLink();
        }
        Event event = link.get().event();
        if (!Registrations.isOpen(event, clock.instant())) {
            return closed(event);
        }
        String action = links.registrationConfirm(request.query().get("token"));
        String hash = link.get().signed().hash();
        Optional<Registration> current = registrations.find(event.id(), hash);
        if (current.isPresent()
                && (current.get().state() == Registration.State.CONFIRMED
                        || current.get().state() == Registration.State.WAITLISTED)) {
            return state(event, current.get().state(), RegistrationStore.Outcome.UNCHANGED);
        }
        if (link.get().signed().purpose() == RegistrationTokens.Purpose.CONFIRM) {
            if (current.isEmpty() || current.get().state() != Registration.State.PENDING) {
                return invalidLink();
            }
            return HtmlPages.form(
                    200,
                    "Confirmer votre inscription",
                    "Confirmez votre inscription au nom de " + current.get().name() + " :",
                    details(event),
                    action,
                    "Confirmer mon inscription",
                    List.of(),
                    links.site());
        }
        Optional<Subscriber> subscriber = confirmedSubscriber(hash);
        if (subscriber.isEmpty()) {
            return invalidLink();
        }
        return HtmlPages.form(
                200,
                "Je m’inscris",
                "Inscription de " + subscriber.get().email() + " :",
                details(event),
                action,
                "Je m’inscris",
                List.of(
                        new HtmlPages.Field(
                                "name", "Nom et prénom", subscriber.get().name(), NAME_MAX, true, "name"),
                        new HtmlPages.Field(
                                "organization",
                                "Entreprise ou organisme (facultatif)",
                                subscriber.get().organization(),
                                ORGANIZATION_MAX,
                                false,
                                "organization")),
                links.site());
    }

    private HttpResponse confirm(HttpRequest request) {
        Optional<Link> link = link(request, RegistrationTokens.Purpose.CONFIRM, RegistrationTokens.Purpose.INVITE);
        if (link.isEmpty()) {
            return invalidLink();
        }
        Event event = link.get().event();
        if (!Registrations.isOpen(event, clock.instant())) {
            return closed(event);
        }
        String hash = link.get().signed().hash();
        if (link.get().signed().purpose() == RegistrationTokens.Purpose.CONFIRM) {
            RegistrationStore.Outcome outcome = registrations.confirm(event, hash);
            if (outcome == RegistrationStore.Outcome.NOT_FOUND) {
                return invalidLink();
            }
            return state(
                    event, registrations.find(event.id(), hash).orElseThrow().state(), outcome);
        }
        Optional<Subscriber> subscriber = confirmedSubscriber(hash);
        if (subscriber.isEmpty()) {
            return invalidLink();
        }
        Map<String, String> form = FormBody.read(request);
        Registrant who;
        try {
            who = new Registrant(
                    EventInput.text(form.get("name"), "name", NAME_MAX, true),
                    new EmailAddress(subscriber.get().email()),
                    EventInput.text(form.get("organization"), "organization", ORGANIZATION_MAX, false));
        } catch (ProblemException e) {
            return HtmlPages.page(
                    400,
                    "Formulaire incomplet",
                    "Indiquez votre nom (100 caractères au plus, sans caractère de contrôle) et, si vous le "
                            + "souhaitez, votre entreprise, puis renvoyez le formulaire.",
                    details(event),
                    links.site());
        }
        RegistrationStore.Outcome outcome = registrations.register(event, who);
        subscribers.remember(hash, who.name(), who.organization());
        return state(event, registrations.find(event.id(), hash).orElseThrow().state(), outcome);
    }

    private Optional<Subscriber> confirmedSubscriber(String hash) {
        return subscribers.find(hash).filter(s -> s.state() == Subscriber.State.CONFIRMED && s.email() != null);
    }

    private HttpResponse state(Event event, Registration.State state, RegistrationStore.Outcome outcome) {
        boolean now = outcome != RegistrationStore.Outcome.UNCHANGED;
        return state == Registration.State.CONFIRMED
                ? HtmlPages.page(
                        200,
                        now ? "Inscription confirmée" : "Vous êtes déjà inscrit",
                        "Votre place est réservée. Un e-mail "
                                + (now ? "vient de partir" : "vous a été envoyé")
                                + " avec l’invitation à ajouter à votre agenda, et un lien pour vous désinscrire si "
                                + "vous ne pouvez plus venir.",
                        details(event),
                        links.site())
                : HtmlPages.page(
                        200,
                        "Vous êtes sur la liste d’attente",
                        "L’événement est complet. Vous êtes sur la liste d’attente : si une place se libère, elle "
                                + "vous est attribuée dans l’ordre d’inscription et vous en êtes averti par e-mail.",
                        details(event),
                        links.site());
    }

    private HttpResponse cancelPage(HttpRequest request) {
        Optional<Link> link = link(request, RegistrationTokens.Purpose.CANCEL);
        if (link.isEmpty()) {
            return invalidLink();
        }
        Event event = link.get().event();
        Optional<Registration> current =
                registrations.find(event.id(), link.get().signed().hash());
        if (current.isEmpty() || current.get().state() == Registration.State.CANCELLED) {
            return HtmlPages.page(
                    200, "Inscription annulée", "Cette inscription est déjà annulée.", details(event), links.site());
        }
        if (!clock.instant().isBefore(event.startInstant())) {
            return passed(event);
        }
        return HtmlPages.form(
                200,
                "Annuler votre inscription",
                "Vous ne pouvez plus venir ? Annulez votre inscription : votre place ira à la première personne de la "
                        + "liste d’attente.",
                details(event),
                links.registrationCancel(request.query().get("token")),
                "Annuler mon inscription",
                List.of(),
                links.site());
    }

    private HttpResponse cancel(HttpRequest request) {
        Optional<Link> link = link(request, RegistrationTokens.Purpose.CANCEL);
        if (link.isEmpty()) {
            return invalidLink();
        }
        Event event = link.get().event();
        if (!clock.instant().isBefore(event.startInstant())) {
            return passed(event);
        }
        registrations.cancel(event, link.get().signed().hash());
        return HtmlPages.page(
                200,
                "Inscription annulée",
                "C’est noté : votre inscription est annulée. Merci de nous avoir prévenus.",
                details(event),
                links.site());
    }

    private HttpResponse passed(Event event) {
        return HtmlPages.page(
                409,
                "Événement commencé",
                "Cet événement a déjà commencé : l’inscription ne change plus.",
                details(event),
                links.site());
    }

    private HttpResponse closed(Event event) {
        return HtmlPages.page(
                409,
                "Inscriptions closes",
                "Les inscriptions à cet événement sont closes (complet, annulé, reporté ou passé). Le site de "
                        + "Nogentech annonce les prochains.",
                details(event),
                links.site());
    }

    private HttpResponse invalidLink() {
        return HtmlPages.page(
                400,
                "Lien non valable",
                "Ce lien d’inscription n’est pas (ou plus) valable : il a pu expirer, ou l’inscription a été annulée. "
                        + "Inscrivez-vous à nouveau depuis le site de Nogentech.",
                links.site());
    }

    private static List<String> details(Event event) {
        List<String> lines = new ArrayList<>();
        lines.add(event.title());
        lines.add(FrenchText.when(event));
        String place = FrenchText.place(event.venue());
        if (place != null) {
            lines.add(place);
        }
        return lines;
    }
}
