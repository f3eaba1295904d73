package fr.nogentech.events.query;

import fr.nogentech.events.event.EventDefaults;
import fr.nogentech.events.event.EventInput;
import fr.nogentech.events.event.EventKey;
import fr.nogentech.events.problem.EchoText;
import fr.nogentech.events.problem.Problem;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the query parameters of {@code GET /events} into an {@link EventQuery}, or says which parameter is wrong and
 * how to fix it.
 *
 * <p>{@code from} and {@code to} accept an ISO date (midnight, Paris time), a local date-time (Paris time) or a
 * date-time with an offset. {@code from} is inclusive and defaults to now; {@code to} is exclusive.
 */
public final class EventQueryParser {

    private static final int SERIES_MAX_LENGTH = 64;

    private final PageCursor cursors;

    public EventQueryParser(PageCursor cursors) {
        this.cursors = cursors;
    }

    public EventQuery parse(Map<String, String> parameters, Instant now) {
        Map<String, String> params = parameters == null ? Map.of() : parameters;
        Instant from = params.containsKey("from") ? instant("from", params.get("from")) : null;
        Instant to = params.containsKey("to") ? instant("to", params.get("to")) : null;
        String series = params.containsKey("series") ? series(params.get("series")) : null;
        int limit = params.containsKey("limit") ? limit(params.get("limit")) : EventQuery.DEFAULT_LIMIT;

        EventKey after = null;
        if (params.containsKey("cursor")) {
            PageCursor.Position position = cursors.decode(params.get("cursor"));
            if (from != null && !from.equals(position.from())
                    || to != null && !to.equals(position.to())
                    || series != null && !series.equals(position.series())) {
                throw Problem.invalidParameter(
                                "cursor",
                                "cursor belongs to another query: keep `from`, `to` and "
                                        + "`series` as they were for the first page, or drop the cursor to start again")
                        .toException();
            }
            from = position.from();
            to = position.to();
            series = position.series();
            after = position.after();
        }
        if (from == null) {
            from = now;
        }
        if (to != null && !to.isAfter(from)) {
            throw Problem.invalidParameter(
                            "to",
                            "`to` (" + params.getOrDefault("to", to.toString()) + ") must be after `from` ("
                                    + params.getOrDefault("from", "now") + ")")
                    .toException();
        }
        return new EventQuery(from, to, series, limit, after);
    }

    public String nextCursor(EventQuery query, EventKey last) {
        return cursors.encode(new PageCursor.Position(query.from(), query.to(), query.series(), last));
    }

    private static Instant instant(String name, String raw) {
        String value = Objects.requireNonNullElse(raw, "").trim();
        // A '+' of an offset that was not percent-encoded arrives as a space.
        value = value.replace(' ', '+');
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value)
                        .atStartOfDay(EventDefaults.TIME_ZONE)
                        .toInstant();
            }
            if (value.endsWith("Z") || value.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(value).toInstant();
            }
            return LocalDateTime.parse(value).atZone(EventDefaults.TIME_ZONE).toInstant();
        } catch (DateTimeParseException e) {
            throw Problem.invalidParameter(
                            name,
                            "`" + name + "` must be an ISO date such as 2023-10-12, or a "
                                    + "date-time such as 2023-10-12T08:30 (Paris time) or 2023-10-12T08:30:00+02:00; got "
                                    + EchoText.of(raw))
                    .toException();
        }
    }

    private static String series(String raw) {
        return seriesName("series", raw);
    }

    /** A series name given as the request parameter {@code parameter}, or the 400 problem saying how to write one. */
    public static String seriesName(String parameter, String raw) {
        String value = Objects.requireNonNullElse(raw, "");
        if (value.length() > SERIES_MAX_LENGTH
                || !EventInput.SERIES_NAME.matcher(value).matches()) {
            throw Problem.invalidParameter(
                            parameter,
                            "`" + parameter + "` must be a series name: lower-case "
                                    + "letters, digits and single hyphens, such as rencontres-du-jeudi; got "
                                    + EchoText.of(raw))
                    .toException();
        }
        return value;
    }

    private static int limit(String raw) {
        int limit;
        try {
            limit = Integer.parseInt(Objects.requireNonNullElse(raw, "").trim());
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > EventQuery.MAX_LIMIT) {
            throw Problem.invalidParameter(
                            "limit",
                            "`limit` must be a whole number from 1 to " + EventQuery.MAX_LIMIT + "; got "
                                    + EchoText.of(raw))
                    .toException();
        }
        return limit;
    }
}
