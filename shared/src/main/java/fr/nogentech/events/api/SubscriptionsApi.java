package fr.nogentech.events.api;

import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.email.MailLinks;
import fr.nogentech.events.http.HtmlPages;
import fr.nogentech.events.http.HttpApi;
import fr.nogentech.events.http.HttpRequest;
import fr.nogentech.events.http.HttpResponse;
import fr.nogentech.events.http.HttpResponses;
import fr.nogentech.events.http.JsonBody;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.problem.Problem;
import fr.nogentech.events.problem.ProblemType;
import fr.nogentech.events.store.SubscriberStore;
import fr.nogentech.events.subscription.ConfirmationQueue;
import fr.nogentech.events.subscription.EmailAddress;
import fr.nogentech.events.subscription.SubscriptionTokens;

import java.time.Clock;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Subscribing to the monthly announcement, with double opt-in: {@code POST /subscriptions} (always 202, so nobody
 * learns who is subscribed), {@code GET|POST /subscriptions/confirm} and {@code GET|POST /subscriptions/unsubscribe}
 * (each GET shows a page with a button, so that link scanners confirm and unsubscribe no one; the unsubscribe POST
 * is RFC 8058's one click).
 */
public class SubscriptionsApi implements HttpApi {

    private final SubscriberStore subscribers;
    private final SubscriptionTokens tokens;
    private final ConfirmationQueue requests;
    private final MailLinks links;
    private final Clock clock;

    public SubscriptionsApi(
            SubscriberStore subscribers,
            SubscriptionTokens tokens,
            ConfirmationQueue requests,
            MailLinks links,
            Clock clock) {
        this.subscribers = subscribers;
        this.tokens = tokens;
        this.requests = requests;
        this.links = links;
        this.clock = clock;
    }

    /** What no read-only request reaches: the queue's client, primed by a read (see {@link ConfirmationQueue#rehearse}). */
    public void rehearse() {
        requests.rehearse();
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        return switch (request.routeKey()) {
            case "POST /subscriptions" -> subscribe(request);
            case "GET /subscriptions/confirm" -> confirmPage(request);
            case "POST /subscriptions/confirm" -> confirm(request);
            case "GET /subscriptions/unsubscribe" -> unsubscribePage(request);
            case "POST /subscriptions/unsubscribe" -> unsubscribe(request);
            default ->
                throw Problem.of(ProblemType.NOT_FOUND, "No such route: " + request.routeKey())
                        .toException();
        };
    }

    /**
     * Queues the request and answers 202, the same for every address: whether an email goes is decided later, off
     * the request, so neither the answer nor its time tells who is subscribed.
     */
    private HttpResponse subscribe(HttpRequest request) {
        // JSON only: a plain form posted from any web page (a "simple" cross-site request) must not send mail.
        JsonBody.requireJsonContentType(request);
        JsonNode body = JsonBody.read(request);
        if (!body.isObject()) {
            throw new Problem(
                            ProblemType.INVALID_EMAIL,
                            "The body must be a JSON object such as " + "{\"email\": \"prenom.nom@entreprise.fr\"}",
                            Map.of("field", "email"))
                    .toException();
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("email")) {
                throw new Problem(
                                ProblemType.INVALID_EMAIL,
                                "Unknown field: the body has only `email`",
                                Map.of("field", name.length() > 40 ? name.substring(0, 40) : name))
                        .toException();
            }
        }
        JsonNode email = body.get("email");
        EmailAddress address =
                EmailAddress.parse(email != null && email.isTextual() ? email.textValue() : null, "email");
        requests.submit(address, clock.instant());
        return HttpResponses.json(
                202,
                Json.object()
                        .put("status", "accepted")
                        .put(
                                "message",
                                "Si cette adresse n’est pas encore inscrite, un e-mail vient de lui être envoyé : il suffit de "
                                        + "cliquer sur son lien pour confirmer l’inscription."));
    }

    /** The link of the email opens a page with a button: a mail scanner that opens links confirms no one. */
    private HttpResponse confirmPage(HttpRequest request) {
        String token = request.query().get("token");
        if (tokens.read(token, SubscriptionTokens.Purpose.CONFIRM, clock.instant())
                .isEmpty()) {
            return invalidConfirmation();
        }
        return HtmlPages.form(
                200,
                "Confirmer votre inscription",
                "Pour recevoir chaque mois l’annonce des "
                        + "rencontres du jeudi et des autres événements de Nogentech, confirmez votre inscription.",
                links.confirm(token),
                "Confirmer mon inscription",
                links.site());
    }

    private HttpResponse confirm(HttpRequest request) {
        Optional<SubscriptionTokens.Signed> link =
                tokens.read(request.query().get("token"), SubscriptionTokens.Purpose.CONFIRM, clock.instant());
        if (link.isEmpty() || !subscribers.confirm(link.get().hash(), link.get().expiry(), clock.instant())) {
            return invalidConfirmation();
        }
        return HtmlPages.page(
                200,
                "Inscription confirmée",
                "Merci ! Vous recevrez chaque mois l’annonce des "
                        + "rencontres du jeudi et des autres événements de Nogentech. Chaque e-mail contient un lien pour "
                        + "vous désinscrire.",
                links.site());
    }

    private HttpResponse invalidConfirmation() {
        return invalidLink("Ce lien de confirmation n’est pas (ou plus) valable : il a pu expirer après 7 jours, "
                + "ou une demande plus récente l’a remplacé. Inscrivez-vous à nouveau depuis le site de Nogentech "
                + "pour en recevoir un autre.");
    }

    private HttpResponse unsubscribePage(HttpRequest request) {
        String token = request.query().get("token");
        if (tokens.verify(token, SubscriptionTokens.Purpose.UNSUBSCRIBE, clock.instant())
                .isEmpty()) {
            return invalidLink("Ce lien de désinscription n’est pas valable. Utilisez le lien du dernier e-mail "
                    + "reçu de Nogentech.");
        }
        return HtmlPages.form(
                200,
                "Se désinscrire",
                "Vous ne recevrez plus l’annonce mensuelle des événements de " + "Nogentech.",
                links.unsubscribe(token),
                "Me désinscrire",
                links.site());
    }

    private HttpResponse unsubscribe(HttpRequest request) {
        Optional<String> hash =
                tokens.verify(request.query().get("token"), SubscriptionTokens.Purpose.UNSUBSCRIBE, clock.instant());
        if (hash.isEmpty()) {
            return invalidLink("Ce lien de désinscription n’est pas valable. Utilisez le lien du dernier e-mail "
                    + "reçu de Nogentech.");
        }
        subscribers.unsubscribe(hash.get(), clock.instant());
        return HtmlPages.page(
                200,
                "Vous êtes désinscrit",
                "C’est fait : vous ne recevrez plus l’annonce mensuelle "
                        + "de Nogentech. Vous pouvez vous réinscrire à tout moment depuis le site.",
                links.site());
    }

    private HttpResponse invalidLink(String message) {
        return HtmlPages.page(400, "Lien non valable", message, links.site());
    }
}
