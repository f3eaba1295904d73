package fr.nogentech.events.registration;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.nogentech.events.event.Event;
import fr.nogentech.events.json.Json;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The organisers' list of an event's registrations: counts by state and every registration, confirmed ones first (by
 * when they got their seat), then the waiting list in its order, then the pending and the cancelled ones; as JSON, or
 * as CSV for the host's spreadsheet (RFC 4180, with cells that a spreadsheet would read as a formula neutralised).
 */
public final class RegistrationList {

    public static final String CSV_HEADER = "state,name,organization,email,registered_at,confirmed_at";

    private static final Comparator<Registration> BY_HASH = Comparator.comparing(Registration::addressHash);

    private final String eventId;
    private final Integer capacity;
    private final List<Registration> items;
    private final Map<Registration.State, Integer> counts = new EnumMap<>(Registration.State.class);

    private RegistrationList(String eventId, Integer capacity, List<Registration> items) {
        this.eventId = eventId;
        this.capacity = capacity;
        this.items = items;
        for (Registration.State state : Registration.State.values()) {
            counts.put(state, 0);
        }
        items.forEach(r -> counts.merge(r.state(), 1, Integer::sum));
    }

    /** The list of {@code event}'s registrations, read in any order (RegistrationStore.list), put in order. */
    public static RegistrationList of(Event event, List<Registration> registrations) {
        List<Registration> ordered = new ArrayList<>();
        ordered.addAll(inState(registrations, Registration.State.CONFIRMED, Registration::confirmedAt));
        // as RegistrationStore.waitingList orders it
        ordered.addAll(inState(registrations, Registration.State.WAITLISTED, Registration::waitlistedAt));
        ordered.addAll(inState(registrations, Registration.State.PENDING, Registration::requestedAt));
        ordered.addAll(inState(registrations, Registration.State.CANCELLED, Registration::requestedAt));
        return new RegistrationList(
                event.id(),
                event.registration() == null ? null : event.registration().capacity(),
                List.copyOf(ordered));
    }

    private static List<Registration> inState(
            List<Registration> registrations,
            Registration.State state,
            java.util.function.Function<Registration, Instant> when) {
        return registrations.stream()
                .filter(r -> r.state() == state)
                .sorted(Comparator.comparing(when, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(BY_HASH))
                .toList();
    }

    public int count(Registration.State state) {
        return counts.get(state);
    }

    /** The registrations that hold a seat or a place on the waiting list: people who expect to come. */
    public int expected() {
        return count(Registration.State.CONFIRMED) + count(Registration.State.WAITLISTED);
    }

    public List<Registration> items() {
        return items;
    }

    public ObjectNode json() {
        ObjectNode json = Json.object();
        json.put("event", eventId);
        json.put("capacity", capacity);
        ObjectNode countsJson = json.putObject("counts");
        for (Registration.State state : List.of(
                Registration.State.CONFIRMED,
                Registration.State.WAITLISTED,
                Registration.State.PENDING,
                Registration.State.CANCELLED)) {
            countsJson.put(state.wireName(), count(state));
        }
        ArrayNode array = json.putArray("items");
        for (Registration r : items) {
            array.addObject()
                    .put("state", r.state().wireName())
                    .put("name", r.name())
                    .put("organization", r.organization())
                    .put("email", r.email())
                    .put("registeredAt", text(r.requestedAt()))
                    .put("confirmedAt", text(r.confirmedAt()));
        }
        return json;
    }

    /** The list as CSV: a header line, one line per registration, CRLF line ends (RFC 4180). */
    public String csv() {
        StringBuilder csv = new StringBuilder(CSV_HEADER).append("\r\n");
        for (Registration r : items) {
            csv.append(String.join(
                            ",",
                            cell(r.state().wireName()),
                            cell(r.name()),
                            cell(r.organization()),
                            cell(r.email()),
                            cell(text(r.requestedAt())),
                            cell(text(r.confirmedAt()))))
                    .append("\r\n");
        }
        return csv.toString();
    }

    /**
     * One CSV cell: a value a spreadsheet would take for a formula ({@code = + - @}, tab or CR first) is prefixed
     * with {@code '} so that it stays text; then a value with a comma, a quote, CR or LF is quoted, its quotes
     * doubled (RFC 4180).
     */
    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
