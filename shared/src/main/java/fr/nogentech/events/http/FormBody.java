package fr.nogentech.events.http;

import fr.nogentech.events.problem.Problem;
import fr.nogentech.events.problem.ProblemType;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The body of an HTML form, {@code application/x-www-form-urlencoded}: what the pages' forms post. */
public final class FormBody {

    static final int MAX_BYTES = 8 * 1024;

    private FormBody() {}

    /** The fields of the form; an empty body has none. Each name once: a second one is refused. */
    public static Map<String, String> read(HttpRequest request) {
        String type = request.header("Content-Type");
        String mediaType = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (request.body().length == 0) {
            return Map.of();
        }
        if (!mediaType.equals("application/x-www-form-urlencoded")) {
            throw Problem.of(
                            ProblemType.UNSUPPORTED_MEDIA_TYPE,
                            "Send the form's fields as application/x-www-form-urlencoded, as the page's form does.")
                    .toException();
        }
        if (request.body().length > MAX_BYTES) {
            throw Problem.of(ProblemType.BODY_TOO_LARGE, "The form's fields are at most " + MAX_BYTES + " bytes.")
                    .toException();
        }
        if (!Utf8.isValid(request.body())) {
            throw Problem.of(ProblemType.MALFORMED_BODY, "The form is not valid UTF-8.")
                    .toException();
        }
        Map<String, String> fields = new HashMap<>();
        for (String pair : new String(request.body(), StandardCharsets.UTF_8).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] nameValue = pair.split("=", 2);
            String name = decode(nameValue[0]);
            if (fields.put(name, nameValue.length == 2 ? decode(nameValue[1]) : "") != null) {
                throw Problem.of(ProblemType.MALFORMED_BODY, "The form has a field twice: give each once.")
                        .toException();
            }
        }
        return fields;
    }

    private static String decode(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw Problem.of(
                            ProblemType.MALFORMED_BODY,
                            "The form's fields are not percent-encoded as a form's are (a % must be followed by "
                                    + "two hexadecimal digits).")
                    .toException();
        }
    }
}
