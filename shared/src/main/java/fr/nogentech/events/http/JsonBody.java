package fr.nogentech.events.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import fr.nogentech.events.problem.EchoText;
import fr.nogentech.events.problem.Problem;
import fr.nogentech.events.problem.ProblemException;
import fr.nogentech.events.problem.ProblemType;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a request body as JSON, or says what is wrong with it in the API's own words (never the parser's). Accepted
 * media types are JSON ones and, because {@code curl -d} sends it unless told otherwise,
 * {@code application/x-www-form-urlencoded} and none at all. The body must be UTF-8 (RFC 8259), one document, nested
 * at most {@value #MAX_DEPTH} levels, with finite numbers and no field twice.
 */
public final class JsonBody {

    public static final int MAX_BYTES = 64 * 1024;
    private static final Set<String> ACCEPTED =
            Set.of("", "application/json", "application/merge-patch+json", "application/x-www-form-urlencoded");
    public static final int MAX_DEPTH = 100;
    private static final ObjectReader READER = new ObjectMapper(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .build())
                    .build())
            .reader()
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'", Pattern.DOTALL);

    private JsonBody() {}

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
            throw Problem.of(
                            ProblemType.BODY_TOO_LARGE,
                            "The body has " + request.body().length + " bytes; a body is at most " + MAX_BYTES
                                    + " bytes (64 KiB).")
                    .toException();
        }
        if (request.body().length == 0) {
            throw Problem.of(ProblemType.MALFORMED_BODY, "The body is empty: send the event as a JSON object.")
                    .toException();
        }
        if (!Utf8.isValid(request.body())) {
            throw malformed("The body is not valid UTF-8: send JSON text encoded in UTF-8.");
        }
        JsonNode json;
        try {
            json = READER.readTree(request.body());
        } catch (StreamConstraintsException e) {
            throw malformed("The body nests deeper than " + MAX_DEPTH + " levels.");
        } catch (JsonProcessingException e) {
            throw malformed(saying(e));
        } catch (IOException e) {
            throw malformed("The body could not be read as JSON.");
        }
        if (!finite(json)) {
            throw malformed("The body holds a number too large to be a finite number: numbers must be finite.");
        }
        return json;
    }

    /** What is wrong, read from the parser's error but said in the API's words. */
    private static String saying(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        Matcher duplicate = DUPLICATE.matcher(message);
        if (duplicate.lookingAt()) {
            return "The body has the field " + EchoText.of(duplicate.group(1)) + " twice: give each field once.";
        }
        if (message.startsWith("Trailing token")) {
            return "The body holds two JSON documents (or more): send one.";
        }
        if (message.contains("'NaN'") || message.contains("Infinity'")) {
            return "The body holds NaN or Infinity: numbers must be finite.";
        }
        JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1
                ? "The body is not valid JSON."
                : "The body is not valid JSON at line " + at.getLineNr() + ", column " + at.getColumnNr() + ".";
    }

    private static boolean finite(JsonNode node) {
        if (node.isFloatingPointNumber()) {
            return Double.isFinite(node.doubleValue());
        }
        for (JsonNode child : node) {
            if (!finite(child)) {
                return false;
            }
        }
        return true;
    }

    private static ProblemException malformed(String detail) {
        return Problem.of(ProblemType.MALFORMED_BODY, detail).toException();
    }

    private static String contentType(HttpRequest request) {
        return String.valueOf(request.headers().getOrDefault("content-type", ""))
                .split(";")[0]
                .trim()
                .toLowerCase(Locale.ROOT);
    }

    private static ProblemException unsupported(String contentType) {
        return Problem.of(
                        ProblemType.UNSUPPORTED_MEDIA_TYPE,
                        "The body must be JSON: send it with "
                                + "`Content-Type: application/json` (got "
                                + (contentType.isEmpty() ? "none" : EchoText.of(contentType)) + ").")
                .toException();
    }
}
