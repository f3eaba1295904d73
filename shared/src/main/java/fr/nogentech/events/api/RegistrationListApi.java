package fr.nogentech.events.api;

import fr.nogentech.events.event.Event;
import fr.nogentech.events.event.EventStatus;
import fr.nogentech.events.http.ContentNegotiation;
import fr.nogentech.events.http.HttpApi;
import fr.nogentech.events.http.HttpRequest;
import fr.nogentech.events.http.HttpResponse;
import fr.nogentech.events.http.HttpResponses;
import fr.nogentech.events.problem.Problem;
import fr.nogentech.events.problem.ProblemType;
import fr.nogentech.events.registration.RegistrationList;
import fr.nogentech.events.store.EventStore;
import fr.nogentech.events.store.RegistrationStore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /admin/events/{id}/registrations}, for administrators (served by the function that manages events): the
 * event's registrations as JSON, or as CSV with {@code Accept: text/csv} for the host; never cached. Also the check
 * that keeps an event with people registered from being deleted before they are told.
 */
public class RegistrationListApi implements HttpApi {

    static final String JSON = "application/json";
    static final String CSV = "text/csv";

    private final EventStore events;
    private final RegistrationStore registrations;

    public RegistrationListApi(EventStore events, RegistrationStore registrations) {
        this.events = events;
        this.registrations = registrations;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        request.requireAdmin();
        String type = ContentNegotiation.choose(request.header("Accept"), List.of(JSON, CSV));
        Event event = GetEventApi.find(events, request.pathParameters().get("id"));
        RegistrationList list = RegistrationList.of(event, registrations.list(event.id()));
        if (type.equals(CSV)) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Cache-Control", "no-store");
            headers.put("Content-Disposition", "attachment; filename=\"" + event.id() + "-inscriptions.csv\"");
            headers.put("Vary", "Accept");
            return HttpResponses.text(200, CSV + "; charset=utf-8", list.csv(), headers);
        }
        return HttpResponses.json(200, list.json(), Map.of("Cache-Control", "no-store", "Vary", "Accept"));
    }

    /**
     * Refuses the deletion of an event that people are registered to (a seat or the waiting list) while it is not
     * cancelled: cancelling it first tells them; a deletion would leave them expecting an event that is gone.
     */
    public void checkDeletable(Event event) {
        if (event.status() == EventStatus.CANCELLED) {
            return;
        }
        // read even when the event no longer takes registrations: those made before are still there
        int expected =
                RegistrationList.of(event, registrations.list(event.id())).expected();
        if (expected > 0) {
            throw new Problem(
                            ProblemType.REGISTRATIONS_EXIST,
                            "The event has " + expected + " registrations: set its status to cancelled first (PATCH "
                                    + "{\"status\": \"cancelled\"}) so that they are told, then delete it.",
                            Map.of("registrations", Integer.toString(expected)))
                    .toException();
        }
    }
}
