package fr.nogentech.events.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.nogentech.events.crypto.Digests;
import fr.nogentech.events.event.Event;
import fr.nogentech.events.event.EventInput;
import fr.nogentech.events.event.EventJson;
import fr.nogentech.events.event.EventStatus;
import fr.nogentech.events.event.EventTag;
import fr.nogentech.events.http.HttpApi;
import fr.nogentech.events.http.HttpRequest;
import fr.nogentech.events.http.HttpResponse;
import fr.nogentech.events.http.HttpResponses;
import fr.nogentech.events.http.JsonBody;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.json.MergePatch;
import fr.nogentech.events.logging.Audit;
import fr.nogentech.events.problem.EchoText;
import fr.nogentech.events.problem.Problem;
import fr.nogentech.events.problem.ProblemException;
import fr.nogentech.events.problem.ProblemType;
import fr.nogentech.events.registration.NoticeTrigger;
import fr.nogentech.events.store.EventStore;
import fr.nogentech.events.store.IdempotencyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The administrators' side of the event API: create, replace, patch and delete events (an event people are
 * registered to is cancelled before it is deleted), and list an event's registrations ({@link RegistrationListApi}). Every change is a conditional
 * write on the event's version, {@code If-Match} is honoured, and a {@code POST} with an {@code Idempotency-Key} is
 * answered once, however often it is retried.
 */
public class ManageEventsApi implements HttpApi {

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
    /** Without If-Match, a change made on a version that moved meanwhile is redone on the new one, this often. */
    private static final int ATTEMPTS = 3;

    private static final int REPLAY_LOOKS = 8;
    private static final Duration REPLAY_PAUSE = Duration.ofMillis(25);

    private static final Logger LOG = LoggerFactory.getLogger(ManageEventsApi.class);

    private final EventStore store;
    private final NoticeTrigger notices;
    private final RegistrationListApi registrations;

    /** Without registrations' list nor notices: what the tests of the events' own routes need. */
    public ManageEventsApi(EventStore store) {
        this(store, null, null);
    }

    public ManageEventsApi(EventStore store, RegistrationListApi registrations) {
        this(store, registrations, null);
    }

    /**
     * @param registrations the organisers' list of an event's registrations
     * @param notices tells the registration mailer of a change of an event with registrations (null: nobody)
     */
    public ManageEventsApi(EventStore store, RegistrationListApi registrations, NoticeTrigger notices) {
        this.store = store;
        this.registrations = registrations;
        this.notices = notices;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        request.requireAdmin();
        String id = request.pathParameters().get("id");
        return switch (request.routeKey()) {
            case "POST /events" -> create(request);
            case "PUT /events/{id}" -> change(request, id, current -> replacement(request, id));
            case "PATCH /events/{id}" -> change(request, id, current -> patched(request, id, current));
            case "DELETE /events/{id}" -> delete(request, id);
            case "GET /admin/events/{id}/registrations" -> {
                if (registrations == null) {
                    throw Problem.of(ProblemType.NOT_FOUND, "No such route: " + request.routeKey())
                            .toException();
                }
                yield registrations.handle(request);
            }
            default ->
                throw Problem.of(ProblemType.NOT_FOUND, "No such route: " + request.routeKey())
                        .toException();
        };
    }

    private HttpResponse create(HttpRequest request) {
        JsonNode body = JsonBody.read(request);
        Event event = EventInput.read(body);
        String key = request.header("Idempotency-Key");
        if (key == null) {
            try {
                return audited(request, "event.create", created(store.create(event, request.admin())), event.id());
            } catch (EventStore.EventExistsException e) {
                throw exists(e.id());
            }
        }
        if (!IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw Problem.of(
                            ProblemType.INVALID_HEADER,
                            "`Idempotency-Key` must be 1 to 255 visible ASCII " + "characters, such as a UUID")
                    .toException();
        }
        IdempotencyRecord.Key recordKey = new IdempotencyRecord.Key(request.admin(), key);
        String requestHash = Digests.sha256Hex(Json.canonical(body));
        HttpResponse earlier = replay(recordKey, requestHash);
        if (earlier != null) {
            return earlier;
        }
        try {
            Event stored = store.createOnce(event, request.admin(), recordKey, requestHash, ManageEventsApi::created);
            return audited(request, "event.create", created(stored), stored.id());
        } catch (EventStore.IdempotencyKeyUsedException
                | EventStore.EventExistsException
                | EventStore.WriteConflictException e) {
            // Another request with this key was answered meanwhile (its record is there: give its answer), or is being
            // written right now (DynamoDB's TransactionConflict: its record comes in a moment).
            HttpResponse concurrent = e instanceof EventStore.WriteConflictException
                    ? replayOnceWritten(recordKey, requestHash)
                    : replay(recordKey, requestHash);
            if (concurrent != null) {
                return concurrent;
            }
            if (e instanceof EventStore.EventExistsException exists) {
                throw exists(exists.id());
            }
            throw Problem.of(
                            ProblemType.CONCURRENT_CHANGE,
                            "Another request with this Idempotency-Key is being "
                                    + "written; send it again in a moment.")
                    .toException();
        }
    }

    /** The answer of a request with the same key whose transaction was under way: it is written within moments. */
    private HttpResponse replayOnceWritten(IdempotencyRecord.Key key, String requestHash) {
        for (int attempt = 0; attempt < REPLAY_LOOKS; attempt++) {
            HttpResponse earlier = replay(key, requestHash);
            if (earlier != null) {
                return earlier;
            }
            try {
                Thread.sleep(REPLAY_PAUSE.toMillis());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private HttpResponse replay(IdempotencyRecord.Key key, String requestHash) {
        return store.findIdempotencyRecord(key)
                .map(record -> {
                    if (!record.requestHash().equals(requestHash)) {
                        throw Problem.of(
                                        ProblemType.IDEMPOTENCY_KEY_REUSED,
                                        "This Idempotency-Key was used within the last "
                                                + "24 hours for a request with another body; use a new key for a new request.")
                                .toException();
                    }
                    return record.response();
                })
                .orElse(null);
    }

    private HttpResponse change(HttpRequest request, String id, UnaryOperator<Event> change) {
        String ifMatch = request.header("If-Match");
        for (int attempt = 1; ; attempt++) {
            Event current = store.findForUpdate(id).orElseThrow(() -> notFound(id));
            if (ifMatch != null && !EventTag.matches(ifMatch, current.version())) {
                throw stale(current);
            }
            Event next = change.apply(current);
            try {
                HttpResponse changed = HttpResponses.json(
                        200,
                        EventJson.write(store.replace(current, next, request.admin())),
                        Map.of("ETag", EventTag.of(current.version() + 1)));
                boolean cancels = next.status() == EventStatus.CANCELLED && current.status() != EventStatus.CANCELLED;
                tellRegistrants(id, current.registration() != null || next.registration() != null);
                return audited(request, cancels ? "event.cancel" : "event.change", changed, id);
            } catch (EventStore.StaleVersionException e) {
                if (ifMatch != null) {
                    throw stale(store.findForUpdate(id).orElseThrow(() -> notFound(id)));
                }
                if (attempt == ATTEMPTS) {
                    throw Problem.of(
                                    ProblemType.CONCURRENT_CHANGE,
                                    "The event kept changing while this change " + "was being written; send it again.")
                            .toException();
                }
            }
        }
    }

    private static Event replacement(HttpRequest request, String id) {
        JsonNode body = JsonBody.read(request);
        if (body.isObject() && !body.has("id")) {
            body = ((ObjectNode) body.deepCopy()).put("id", id);
        }
        return sameId(EventInput.read(body), id);
    }

    private static Event patched(HttpRequest request, String id, Event current) {
        JsonNode patch = JsonBody.read(request);
        if (!patch.isObject()) {
            throw Problem.invalidField(
                            "",
                            "A merge patch must be a JSON object of the fields to change, such as "
                                    + "{\"status\": \"cancelled\"}")
                    .toException();
        }
        return sameId(EventInput.read(MergePatch.apply(EventInput.toInput(current), patch)), id);
    }

    private static Event sameId(Event event, String id) {
        if (!event.id().equals(id)) {
            throw Problem.invalidField(
                            "id",
                            "`id` cannot change (it is \"" + id + "\"): create the event anew "
                                    + "with POST /events and delete this one")
                    .toException();
        }
        return event;
    }

    private HttpResponse delete(HttpRequest request, String id) {
        String ifMatch = request.header("If-Match");
        Long expected = null;
        if (ifMatch != null && !ifMatch.trim().equals("*")) {
            expected = EventTag.singleVersion(ifMatch);
            if (expected == null) {
                Event current = store.findForUpdate(id).orElseThrow(() -> notFound(id));
                throw stale(current);
            }
        }
        // One read: an event people are registered to is deleted only once cancelled, and they are told of it.
        Optional<Event> current = store.findForUpdate(id);
        if (registrations != null) {
            current.ifPresent(registrations::checkDeletable);
        }
        boolean registered = current.filter(e -> e.registration() != null).isPresent();
        try {
            if (!store.delete(id, expected)) {
                throw notFound(id);
            }
        } catch (EventStore.StaleVersionException e) {
            throw stale(store.findForUpdate(id).orElseThrow(() -> notFound(id)));
        }
        tellRegistrants(id, registered);
        return audited(request, "event.delete", HttpResponses.noContent(), id);
    }

    /**
     * Hands a change of an event with registrations to the registration mailer. Its failure never fails the change
     * made: it is logged, and the mailer's daily sweep tells the registrants.
     */
    private void tellRegistrants(String id, boolean registered) {
        if (notices == null || !registered) {
            return;
        }
        try {
            notices.eventChanged(id);
        } catch (RuntimeException e) {
            LOG.atError()
                    .addKeyValue("event", id)
                    .addKeyValue("reason", e.getClass().getSimpleName())
                    .log("the registration mailer could not be told of a change; its daily sweep will tell them");
        }
    }

    private static HttpResponse audited(HttpRequest request, String action, HttpResponse response, String id) {
        Audit.record(request.admin(), action, "event/" + id);
        return response;
    }

    private static HttpResponse created(Event event) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Location", "/events/" + event.id());
        headers.put("ETag", EventTag.of(event));
        return HttpResponses.json(201, EventJson.write(event), headers);
    }

    private static ProblemException exists(String id) {
        return new Problem(
                        ProblemType.EVENT_EXISTS,
                        "An event with the id \"" + id + "\" exists already: change it " + "with PUT or PATCH /events/"
                                + id + ", or give the new event another `id`.",
                        Map.of("id", id))
                .toException();
    }

    private static ProblemException notFound(String id) {
        return Problem.of(
                        ProblemType.NOT_FOUND,
                        "No event has the id " + EchoText.of(id) + "; GET /events lists the events and their ids.")
                .toException();
    }

    private static ProblemException stale(Event current) {
        return new Problem(
                        ProblemType.PRECONDITION_FAILED,
                        "The event is now at version " + current.version()
                                + " (ETag " + EventTag.of(current)
                                + "): get it again, check your change still applies, and send it "
                                + "with that ETag in If-Match.",
                        Map.of("currentETag", EventTag.of(current)))
                .toException();
    }
}
