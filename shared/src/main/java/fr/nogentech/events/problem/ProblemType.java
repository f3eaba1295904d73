package fr.nogentech.events.problem;

/**
 * The kinds of problem the API answers with (RFC 9457). The type URI is relative to the API's base URL and is
 * documented in docs/api.md.
 */
public enum ProblemType {
    INVALID_PARAMETER("invalid-parameter", "Invalid request parameter", 400),
    INVALID_EVENT("invalid-event", "Invalid event", 422),
    NOT_FOUND("not-found", "Not found", 404),
    SERVICE_UNAVAILABLE("service-unavailable", "Service temporarily unavailable", 503),
    INTERNAL_ERROR("internal-error", "Internal error", 500);

    private final String slug;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public String uri() {
        return "/problems/" + slug;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }
}
