package fr.nogentech.events.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.problem.EchoText;
import fr.nogentech.events.problem.Problem;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads an event written by a person (a seed file, an administrator's request) strictly: every field is checked, an
 * unknown field is an error rather than silently dropped, and each error names the field and what is wrong.
 *
 * <p>{@code start} and {@code end} are either local date-times, read in {@code timeZone} (Europe/Paris when absent),
 * or date-times with an offset, which is honoured as written. A local time that does not exist (the spring gap) is
 * refused; one that happens twice (the autumn overlap) is the first of the two unless an offset says otherwise.
 * Years run from {@value #FIRST_YEAR} to {@value #LAST_YEAR}. Times are kept to the minute.
 *
 * <p>Text fields refuse control characters (a description's line breaks aside: no field here is one), lone
 * surrogates and bidirectional controls, which could make a title display other than it reads.
 */
public final class EventInput {

    public static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    /** What a series id looks like, in an event and in a query. */
    public static final Pattern SERIES_NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    static final int ID_MAX = 100;
    static final int TITLE_MAX = 200;
    static final int NAME_MAX = 200;
    static final int CITY_MAX = 100;
    public static final int FIRST_YEAR = 1900;
    public static final int LAST_YEAR = 2999;
    /** C0 and C1 controls, and the bidirectional embeddings, overrides and isolates (Trojan Source). */
    private static final Pattern UNSAFE_CHARACTER =
            Pattern.compile("[\\p{Cc}\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069\\u061C]");

    private static final Set<String> EVENT_FIELDS =
            Set.of("id", "title", "series", "start", "end", "timeZone", "venue", "speakers", "status", "registration");
    private static final Set<String> REGISTRATION_FIELDS = Set.of("capacity", "closesAt");
    private static final Set<String> VENUE_FIELDS = Set.of("name", "city");
    private static final Set<String> SPEAKER_FIELDS = Set.of("name", "organization", "role");

    private EventInput() {}

    /** The event the document describes, with version 0 and no update time: the store sets those. */
    public static Event read(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw Problem.invalidField("", "the body must be a JSON object describing an event")
                    .toException();
        }
        checkFields(json, EVENT_FIELDS, "");
        String title = text(json, "title", "title", TITLE_MAX, true);
        ZoneId zone = zone(json);
        ZonedDateTime start = dateTime(json, "start", zone);
        ZonedDateTime end = dateTime(json, "end", zone);
        if (!end.toInstant().isAfter(start.toInstant())) {
            throw Problem.invalidField(
                            "end",
                            "`end` (" + end.toOffsetDateTime() + ") must be after `start` (" + start.toOffsetDateTime()
                                    + ")")
                    .toException();
        }
        String series = text(json, "series", "series", 64, false);
        if (series != null && !SERIES_NAME.matcher(series).matches()) {
            throw Problem.invalidField(
                            "series",
                            "`series` must be lower-case letters, digits and single hyphens, "
                                    + "such as rencontres-du-jeudi")
                    .toException();
        }
        String id = text(json, "id", "id", ID_MAX, false);
        if (id == null) {
            id = idFor(start, title);
        } else if (!ID.matcher(id).matches()) {
            throw Problem.invalidField(
                            "id",
                            "`id` must be lower-case letters, digits and single hyphens, such as "
                                    + "2023-10-12-reseaux-sociaux")
                    .toException();
        }
        EventStatus status = EventStatus.SCHEDULED;
        String statusText = text(json, "status", "status", 20, false);
        if (statusText != null) {
            status = EventStatus.fromWireName(statusText);
            if (status == null) {
                throw Problem.invalidField(
                                "status",
                                "`status` must be scheduled, cancelled or postponed; got " + EchoText.of(statusText))
                        .toException();
            }
        }
        return new Event(
                id,
                title,
                series,
                start,
                end,
                zone,
                venue(json),
                speakers(json),
                status,
                0,
                null,
                null,
                registration(json, zone, start));
    }

    private static RegistrationOptions registration(JsonNode json, ZoneId zone, ZonedDateTime start) {
        JsonNode registration = json.get("registration");
        if (registration == null || registration.isNull()) {
            return null;
        }
        if (!registration.isObject()) {
            throw Problem.invalidField(
                            "registration",
                            "`registration` must be an object such as {\"capacity\": 40}, with an optional "
                                    + "`closesAt`; null closes registrations")
                    .toException();
        }
        checkFields(registration, REGISTRATION_FIELDS, "registration.");
        JsonNode capacity = registration.get("capacity");
        if (capacity == null
                || !capacity.canConvertToInt()
                || !capacity.isIntegralNumber()
                || capacity.intValue() < 1
                || capacity.intValue() > RegistrationOptions.MAX_CAPACITY) {
            throw Problem.invalidField(
                            "registration.capacity",
                            "`registration.capacity` must be a whole number of seats from 1 to "
                                    + RegistrationOptions.MAX_CAPACITY)
                    .toException();
        }
        ZonedDateTime closesAt = null;
        if (registration.hasNonNull("closesAt")) {
            closesAt = dateTime(registration, "closesAt", "registration.closesAt", zone);
            if (closesAt.toInstant().isAfter(start.toInstant())) {
                throw Problem.invalidField(
                                "registration.closesAt",
                                "`registration.closesAt` (" + closesAt.toOffsetDateTime()
                                        + ") must not be after `start` (" + start.toOffsetDateTime() + ")")
                        .toException();
            }
        }
        return new RegistrationOptions(capacity.intValue(), closesAt);
    }

    /** The event as a document {@link #read} accepts: the base that a JSON Merge Patch applies to. */
    public static ObjectNode toInput(Event event) {
        ObjectNode json = Json.object();
        json.put("id", event.id());
        json.put("title", event.title());
        if (event.series() != null) {
            json.put("series", event.series());
        }
        json.put("start", asWritten(event.start()));
        json.put("end", asWritten(event.end()));
        json.put("timeZone", event.timeZone().getId());
        if (event.venue() != null) {
            ObjectNode venue = json.putObject("venue");
            venue.put("name", event.venue().name());
            if (event.venue().city() != null) {
                venue.put("city", event.venue().city());
            }
        }
        ArrayNode speakers = json.putArray("speakers");
        for (Speaker speaker : event.speakers()) {
            ObjectNode item = speakers.addObject();
            if (speaker.name() != null) {
                item.put("name", speaker.name());
            }
            if (speaker.organization() != null) {
                item.put("organization", speaker.organization());
            }
            item.put("role", speaker.role().wireName());
        }
        json.put("status", event.status().wireName());
        if (event.registration() != null) {
            ObjectNode registration = json.putObject("registration");
            registration.put("capacity", event.registration().capacity());
            if (event.registration().closesAt() != null) {
                registration.put("closesAt", asWritten(event.registration().closesAt()));
            }
        }
        return json;
    }

    /** The wall-clock time, with its offset only where the zone has that time twice. */
    private static String asWritten(ZonedDateTime time) {
        boolean twice = time.getZone()
                        .getRules()
                        .getValidOffsets(time.toLocalDateTime())
                        .size()
                > 1;
        return twice
                ? time.toOffsetDateTime().toString()
                : time.toLocalDateTime().toString();
    }

    /** An id made of the start date and the title, such as {@code 2023-12-14-recruter-sans-cv}. */
    public static String idFor(ZonedDateTime start, String title) {
        String ascii = Normalizer.normalize(title, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug =
                ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        String id = start.toLocalDate() + (slug.isEmpty() ? "" : "-" + slug);
        if (id.length() > 80) {
            id = id.substring(0, 80).replaceAll("-[^-]*$", "");
        }
        return id;
    }

    private static Venue venue(JsonNode json) {
        JsonNode venue = json.get("venue");
        if (venue == null || venue.isNull()) {
            return null;
        }
        if (!venue.isObject()) {
            throw Problem.invalidField(
                            "venue",
                            "`venue` must be an object such as " + "{\"name\": \"Canopé\", \"city\": \"Chaumont\"}")
                    .toException();
        }
        checkFields(venue, VENUE_FIELDS, "venue.");
        return new Venue(
                text(venue, "name", "venue.name", NAME_MAX, true), text(venue, "city", "venue.city", CITY_MAX, false));
    }

    private static List<Speaker> speakers(JsonNode json) {
        JsonNode speakers = json.get("speakers");
        if (speakers == null || speakers.isNull()) {
            return List.of();
        }
        if (!speakers.isArray()) {
            throw Problem.invalidField(
                            "speakers",
                            "`speakers` must be an array of objects such as "
                                    + "{\"name\": \"…\", \"organization\": \"…\", \"role\": \"speaker\"}")
                    .toException();
        }
        if (speakers.size() > 20) {
            throw Problem.invalidField("speakers", "`speakers` can list at most 20 people")
                    .toException();
        }
        List<Speaker> result = new ArrayList<>();
        for (int i = 0; i < speakers.size(); i++) {
            String path = "speakers[" + i + "]";
            JsonNode speaker = speakers.get(i);
            if (!speaker.isObject()) {
                throw Problem.invalidField(path, "`" + path + "` must be an object")
                        .toException();
            }
            checkFields(speaker, SPEAKER_FIELDS, path + ".");
            String name = text(speaker, "name", path + ".name", NAME_MAX, false);
            String organization = text(speaker, "organization", path + ".organization", NAME_MAX, false);
            if (name == null && organization == null) {
                throw Problem.invalidField(path, "`" + path + "` needs a name, an organization, or both")
                        .toException();
            }
            Speaker.Role role = Speaker.Role.SPEAKER;
            String roleText = text(speaker, "role", path + ".role", 20, false);
            if (roleText != null) {
                role = Speaker.Role.fromWireName(roleText);
                if (role == null) {
                    throw Problem.invalidField(path + ".role", "`" + path + ".role` must be speaker or testimony")
                            .toException();
                }
            }
            result.add(new Speaker(name, organization, role));
        }
        return result;
    }

    private static ZoneId zone(JsonNode json) {
        String id = text(json, "timeZone", "timeZone", 64, false);
        if (id == null) {
            return EventDefaults.TIME_ZONE;
        }
        try {
            if (id.contains("/")) {
                return ZoneId.of(id);
            }
        } catch (DateTimeException e) {
            // reported below
        }
        throw Problem.invalidField(
                        "timeZone", "`timeZone` must be an IANA time zone such as Europe/Paris; got " + EchoText.of(id))
                .toException();
    }

    private static ZonedDateTime dateTime(JsonNode json, String field, ZoneId zone) {
        return dateTime(json, field, field, zone);
    }

    private static ZonedDateTime dateTime(JsonNode json, String name, String field, ZoneId zone) {
        String value = text(json, name, field, 40, true);
        ZonedDateTime time;
        try {
            if (value.endsWith("Z") || value.matches(".*[+-]\\d\\d:\\d\\d$")) {
                time = OffsetDateTime.parse(value).atZoneSameInstant(zone);
            } else {
                LocalDateTime local = LocalDateTime.parse(value);
                if (zone.getRules().getValidOffsets(local).isEmpty()) {
                    throw Problem.invalidField(
                                    field,
                                    "`" + field + "` (" + value + ") does not exist in " + zone
                                            + ": the clocks go forward then. Give a time before or after the change, or an offset.")
                            .toException();
                }
                time = local.atZone(zone);
            }
        } catch (DateTimeParseException e) {
            throw Problem.invalidField(
                            field,
                            "`" + field + "` must be a date-time such as 2023-10-12T08:30 (in "
                                    + "`timeZone`) or 2023-10-12T08:30:00+02:00; got " + EchoText.of(value))
                    .toException();
        }
        if (time.getYear() < FIRST_YEAR || time.getYear() > LAST_YEAR) {
            throw Problem.invalidField(
                            field,
                            "`" + field + "` must be in the years " + FIRST_YEAR + " to " + LAST_YEAR + "; got "
                                    + EchoText.of(value))
                    .toException();
        }
        return time.truncatedTo(ChronoUnit.MINUTES);
    }

    /**
     * A text field a person wrote, checked as every text field of an event is: a string, at most {@code maxLength}
     * characters, no control or bidirectional character; null when absent or blank and not {@code required}.
     */
    public static String text(JsonNode json, String name, String path, int maxLength, boolean required) {
        JsonNode node = json.get(name);
        if (node == null || node.isNull()) {
            if (required) {
                throw Problem.invalidField(path, "`" + path + "` is required").toException();
            }
            return null;
        }
        if (!node.isTextual()) {
            throw Problem.invalidField(path, "`" + path + "` must be a string").toException();
        }
        return text(node.textValue(), path, maxLength, required);
    }

    /** A text a person wrote (a form's field), checked as {@link #text(JsonNode, String, String, int, boolean)}. */
    public static String text(String raw, String path, int maxLength, boolean required) {
        if (raw == null) {
            if (required) {
                throw Problem.invalidField(path, "`" + path + "` is required").toException();
            }
            return null;
        }
        String value = raw.strip();
        if (value.isEmpty()) {
            if (required) {
                throw Problem.invalidField(path, "`" + path + "` must not be blank")
                        .toException();
            }
            return null;
        }
        if (value.length() > maxLength) {
            throw Problem.invalidField(path, "`" + path + "` is too long: at most " + maxLength + " characters")
                    .toException();
        }
        checkCharacters(path, value);
        return value;
    }

    private static void checkCharacters(String path, String value) {
        if (UNSAFE_CHARACTER.matcher(value).find()) {
            throw Problem.invalidField(
                            path,
                            "`" + path + "` holds a control or bidirectional formatting "
                                    + "character: write plain text on one line")
                    .toException();
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean pair = Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1));
            if (pair) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw Problem.invalidField(
                                path,
                                "`" + path + "` holds half of a character (a lone UTF-16 "
                                        + "surrogate): send whole characters")
                        .toException();
            }
        }
    }

    private static void checkFields(JsonNode json, Set<String> allowed, String prefix) {
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw Problem.invalidField(
                                prefix + name,
                                "unknown field " + EchoText.of(prefix + name)
                                        + ": the fields are "
                                        + String.join(
                                                ", ", allowed.stream().sorted().toList()))
                        .toException();
            }
        }
    }
}
