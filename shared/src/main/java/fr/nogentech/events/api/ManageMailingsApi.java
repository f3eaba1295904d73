package fr.nogentech.events.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.nogentech.events.announcement.Announcement;
import fr.nogentech.events.announcement.MailerTrigger;
import fr.nogentech.events.announcement.MonthlyMailing;
import fr.nogentech.events.email.MailLinks;
import fr.nogentech.events.email.MailSender;
import fr.nogentech.events.email.OutgoingMail;
import fr.nogentech.events.event.EventDefaults;
import fr.nogentech.events.http.HttpApi;
import fr.nogentech.events.http.HttpRequest;
import fr.nogentech.events.http.HttpResponse;
import fr.nogentech.events.http.HttpResponses;
import fr.nogentech.events.http.JsonBody;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.logging.Audit;
import fr.nogentech.events.problem.EchoText;
import fr.nogentech.events.problem.Problem;
import fr.nogentech.events.problem.ProblemException;
import fr.nogentech.events.problem.ProblemType;
import fr.nogentech.events.registration.RegistrationErasure;
import fr.nogentech.events.store.MailingStore;
import fr.nogentech.events.store.SubscriberStore;
import fr.nogentech.events.subscription.EmailAddress;
import fr.nogentech.events.subscription.Subscriber;

import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The administrators' side of the mailings and subscribers: preview a month's email, send a test, send or resume a
 * month, see its status; count, list and erase subscribers (and the registrations of an erased address).
 */
public class ManageMailingsApi implements HttpApi {

    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
    private static final String SAMPLE_ADDRESS = "abonne@example.org";

    private final MonthlyMailing mailing;
    private final MailingStore mailings;
    private final SubscriberStore subscribers;
    private final MailSender sender;
    private final MailLinks links;
    private final MailerTrigger mailer;
    private final RegistrationErasure registrations;
    private final Clock clock;

    public ManageMailingsApi(
            MonthlyMailing mailing,
            MailingStore mailings,
            SubscriberStore subscribers,
            MailSender sender,
            MailLinks links,
            MailerTrigger mailer,
            RegistrationErasure registrations,
            Clock clock) {
        this.mailing = mailing;
        this.mailings = mailings;
        this.subscribers = subscribers;
        this.sender = sender;
        this.links = links;
        this.mailer = mailer;
        this.registrations = registrations;
        this.clock = clock;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        request.requireAdmin();
        return switch (request.routeKey()) {
            case "GET /admin/mailings/{month}/preview" -> preview(request);
            case "POST /admin/mailings/{month}/test" -> test(request);
            case "POST /admin/mailings/{month}/send" -> send(request);
            case "GET /admin/mailings/{month}" -> status(month(request));
            case "GET /admin/subscribers" -> subscribers(request);
            case "DELETE /admin/subscribers/{email}" -> erase(request);
            default ->
                throw Problem.of(ProblemType.NOT_FOUND, "No such route: " + request.routeKey())
                        .toException();
        };
    }

    private HttpResponse preview(HttpRequest request) {
        Announcement announcement = announcement(month(request));
        OutgoingMail mail = announcement.mailTo(SAMPLE_ADDRESS, links.unsubscribe("exemple"), links, false);
        String format = request.query().getOrDefault("format", "html");
        if (!format.equals("html") && !format.equals("text")) {
            throw Problem.invalidParameter(
                            "format", "`format` is html (the default) or text; got " + EchoText.of(format))
                    .toException();
        }
        return format.equals("text")
                ? HttpResponses.text(
                        200,
                        "text/plain; charset=utf-8",
                        "Objet : " + mail.subject() + "\n\n" + mail.text(),
                        Map.of("Cache-Control", "no-store"))
                : HttpResponses.text(200, "text/html; charset=utf-8", mail.html(), Map.of("Cache-Control", "no-store"));
    }

    private HttpResponse test(HttpRequest request) {
        YearMonth month = month(request);
        JsonNode body = JsonBody.read(request);
        JsonNode to = body.isObject() ? body.get("to") : null;
        EmailAddress address = EmailAddress.parse(to != null && to.isTextual() ? to.textValue() : null, "to");
        Announcement announcement = announcement(month);
        try {
            sender.send(announcement.mailTo(address.value(), links.unsubscribe("essai"), links, true));
        } catch (MailSender.Rejected e) {
            throw Problem.of(
                            ProblemType.INVALID_EMAIL,
                            "The mail service refused the test email (" + e.getMessage() + ").")
                    .toException();
        } catch (MailSender.Throttled | MailSender.Unavailable e) {
            throw Problem.of(
                            ProblemType.MAIL_UNAVAILABLE,
                            "The mail service cannot send right now (" + e.getMessage()
                                    + "); try again later, and see the runbook if it lasts.")
                    .toException();
        }
        return HttpResponses.json(
                202, Json.object().put("month", month.toString()).put("status", "test-sent"));
    }

    /**
     * Hands the month to the mailer and answers 202 at once (GET the month's status to follow it); a finished
     * mailing is answered 200 as it is. Each subscriber gets a month once, however often it is sent. A month before
     * the current one is refused unless {@code force=true}: late news is sent on purpose only.
     */
    private HttpResponse send(HttpRequest request) {
        YearMonth month = month(request);
        boolean force = "true".equals(request.query().get("force"));
        YearMonth current = YearMonth.now(clock.withZone(EventDefaults.TIME_ZONE));
        if (month.isBefore(current) && !force) {
            throw new Problem(
                            ProblemType.PAST_MONTH,
                            month + " is past (it is " + current + " in Paris): its "
                                    + "announcement would be late news. To send it all the same, add ?force=true (each subscriber "
                                    + "still gets it once).",
                            Map.of("month", month.toString()))
                    .toException();
        }
        announcement(month);
        if (mailings.find(month).filter(MailingStore.Mailing::finished).isPresent()) {
            return HttpResponses.json(200, statusOf(month), Map.of("Cache-Control", "no-store"));
        }
        mailer.start(month);
        Audit.record(request.admin(), "mailing.send", "mailing/" + month);
        return HttpResponses.json(202, statusOf(month).put("request", "queued"), Map.of("Cache-Control", "no-store"));
    }

    private HttpResponse status(YearMonth month) {
        return HttpResponses.json(200, statusOf(month), Map.of("Cache-Control", "no-store"));
    }

    private ObjectNode statusOf(YearMonth month) {
        ObjectNode json = Json.object();
        json.put("month", month.toString());
        MailingStore.Mailing state = mailings.find(month).orElse(null);
        json.put("state", state == null ? "not-started" : state.finished() ? "finished" : "sending");
        json.put("recipients", state == null ? 0 : state.recipients());
        json.put("sent", state == null ? 0 : state.sent());
        json.put("failed", state == null ? 0 : state.failed());
        json.put("suppressed", state == null ? 0 : state.suppressed());
        json.put("startedAt", state == null ? null : state.startedAt().toString());
        json.put(
                "finishedAt",
                state == null || state.finishedAt() == null
                        ? null
                        : state.finishedAt().toString());
        return json;
    }

    private HttpResponse subscribers(HttpRequest request) {
        String stateName = request.query().getOrDefault("state", "confirmed");
        Subscriber.State state;
        try {
            state = Subscriber.State.valueOf(stateName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Problem.invalidParameter(
                            "state",
                            "`state` is confirmed, pending, unsubscribed or suppressed; got " + EchoText.of(stateName))
                    .toException();
        }
        String cursor = request.query().get("cursor");
        if (cursor != null && !cursor.matches("[0-9a-f]{64}")) {
            throw Problem.invalidParameter("cursor", "`cursor` must be the `next` value of the previous page")
                    .toException();
        }
        ObjectNode json = Json.object();
        ObjectNode counts = json.putObject("count");
        for (Subscriber.State each : Subscriber.State.values()) {
            counts.put(each.wireName(), subscribers.count(each));
        }
        SubscriberStore.Page page = subscribers.list(state, cursor, 100);
        ArrayNode items = json.putArray("items");
        page.subscribers()
                .forEach(s -> items.addObject()
                        .put("email", s.email())
                        .put("hash", s.hash())
                        .put("state", s.state().wireName())
                        .put("since", s.since().toString()));
        json.put("next", page.next());
        return HttpResponses.json(200, json, Map.of("Cache-Control", "no-store"));
    }

    private HttpResponse erase(HttpRequest request) {
        // API Gateway decoded the path once ('%40' is '@', '+' stays '+'): it is not decoded again.
        EmailAddress address = EmailAddress.parse(request.pathParameters().get("email"), "email");
        // Registrations first: should this fail half-way, the subscriber is still there to erase again.
        int registered = registrations.erase(address.hash());
        int items = subscribers.erase(address);
        if (items == 0 && registered == 0) {
            throw Problem.of(ProblemType.NOT_FOUND, "No subscriber or registration has that address.")
                    .toException();
        }
        Audit.record(request.admin(), "subscriber.erase", "subscriber/" + address.hash());
        return HttpResponses.json(
                200,
                Json.object().put("erased", items).put("registrations", registered),
                Map.of("Cache-Control", "no-store"));
    }

    private Announcement announcement(YearMonth month) {
        return mailing.announcement(month).orElseThrow(() -> noEvent(month));
    }

    private static ProblemException noEvent(YearMonth month) {
        return Problem.of(
                        ProblemType.NO_EVENT_IN_MONTH,
                        "No event is published in " + month
                                + ": there is nothing to announce. Publish the month's events first.")
                .toException();
    }

    private static YearMonth month(HttpRequest request) {
        String raw = request.pathParameters().get("month");
        try {
            if (raw != null && MONTH.matcher(raw).matches()) {
                return YearMonth.parse(raw);
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw Problem.invalidParameter(
                        "month", "The month is written YYYY-MM, such as 2023-10; got " + EchoText.of(raw))
                .toException();
    }
}
