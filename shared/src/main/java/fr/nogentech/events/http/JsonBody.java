package fr.nogentech.events.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.problem.EchoText;
import fr.nogentech.events.problem.Problem;
import fr.nogentech.events.problem.ProblemException;
import fr.nogentech.events.problem.ProblemType;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a request body as JSON, or says what is wrong with it. Accepted media types are JSON ones and, because
 * {@code curl -d} sends it unless told otherwise, {@code application/x-www-form-urlencoded} and none at all.
 */
public final class JsonBody {

    public static final int MAX_BYTES = 64 * 1024;
    private static final Set<String> ACCEPTED = Set.of("", "application/json", "application/merge-patch+json",
            "application/x-www-form-urlencoded");
    private static final ObjectReader READER = Json.MAPPER.reader()
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonBody() {
    }

    /**
     * Refuses a body not declared as JSON (415), even the form encoding and the absent type that {@link #read}
     * accepts for curl's sake: for a route that a cross-site form could otherwise reach.
     */
    public static void requireJsonContentType(HttpRequest request) {
        String contentType = contentType(request);
        if (!contentType.equals("application/json") && !contentType.endsWith("+json")) {
            throw unsupported(contentType);
        }
    }

    public static JsonNode read(HttpRequest request) {
        String contentType = contentType(request);
        if (!ACCEPTED.contains(contentType) && !contentType.endsWith("+json")) {
            throw unsupported(contentType);
        }
        if (request.body().length > MAX_BYTES) {
            throw Problem.of(ProblemType.BODY_TOO_LARGE, "The body has " + request.body().length
                    + " bytes; an event is at most " + MAX_BYTES + " bytes (64 KiB).").toException();
        }
        if (request.body().length == 0) {
            throw Problem.of(ProblemType.MALFORMED_BODY, "The body is empty: send the event as a JSON object.")
                    .toException();
        }
        try {
            return READER.readTree(request.body());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw Problem.of(ProblemType.MALFORMED_BODY, "The body is not valid JSON" + where + ": "
                    + firstLine(e.getOriginalMessage())).toException();
        } catch (IOException e) {
            throw Problem.of(ProblemType.MALFORMED_BODY, "The body could not be read as JSON.").toException();
        }
    }

    private static String contentType(HttpRequest request) {
        return String.valueOf(request.headers().getOrDefault("content-type", ""))
                .split(";")[0].trim().toLowerCase(Locale.ROOT);
    }

    private static ProblemException unsupported(String contentType) {
        return Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "The body must be JSON: send it with "
                + "`Content-Type: application/json` (got " + (contentType.isEmpty() ? "none"
                : EchoText.of(contentType)) + ").").toException();
    }

    private static String firstLine(String message) {
        String line = message == null ? "" : message.split("\n")[0];
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }
}
