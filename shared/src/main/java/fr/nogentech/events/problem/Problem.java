package fr.nogentech.events.problem;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An RFC 9457 problem: what went wrong, and a {@code detail} that tells the caller what to fix. Extension members
 * (such as the offending {@code parameter}) let programs act on it too.
 */
public record Problem(ProblemType type, String detail, Map<String, String> extensions) {

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(detail, "detail");
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    public static Problem of(ProblemType type, String detail) {
        return new Problem(type, detail, Map.of());
    }

    public static Problem invalidParameter(String parameter, String detail) {
        Map<String, String> extensions = new LinkedHashMap<>();
        extensions.put("parameter", parameter);
        return new Problem(ProblemType.INVALID_PARAMETER, detail, extensions);
    }

    public static Problem invalidField(String field, String detail) {
        Map<String, String> extensions = new LinkedHashMap<>();
        extensions.put("field", field);
        return new Problem(ProblemType.INVALID_EVENT, detail, extensions);
    }

    public int status() {
        return type.status();
    }

    public ProblemException toException() {
        return new ProblemException(this);
    }
}
