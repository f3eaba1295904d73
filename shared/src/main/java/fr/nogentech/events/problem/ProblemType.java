package fr.nogentech.events.problem;

/**
 * The kinds of problem the API answers with (RFC 9457). The type URI is relative to the API's base URL and is
 * documented in docs/api.md.
 */
public enum ProblemType {
    INVALID_PARAMETER("invalid-parameter", "Invalid request parameter", 400),
    INVALID_EMAIL("invalid-email", "Invalid e-mail address", 400),
    INVALID_HEADER("invalid-header", "Invalid request header", 400),
    MALFORMED_BODY("malformed-body", "Malformed request body", 400),
    NOT_AUTHORIZED("not-authorized", "Not authorized", 403),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", 406),
    BODY_TOO_LARGE("body-too-large", "Request body too large", 413),
    MALFORMED_URL("malformed-url", "Malformed URL", 400),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", 415),
    EVENT_EXISTS("event-exists", "Event already exists", 409),
    NO_EVENT_IN_MONTH("no-event-in-month", "No event in that month", 409),
    PAST_MONTH("past-month", "The month is past", 409),
    REGISTRATION_NOT_OPEN("registration-not-open", "The event takes no registrations", 409),
    REGISTRATION_CLOSED("registration-closed", "Registrations are closed", 409),
    REGISTRATIONS_EXIST("registrations-exist", "People are registered to the event", 409),
    MAIL_UNAVAILABLE("mail-unavailable", "The mail service cannot send now", 503),
    CONCURRENT_CHANGE("concurrent-change", "Concurrent change", 409),
    PRECONDITION_FAILED("precondition-failed", "The event has changed", 412),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", "Idempotency key already used for another request", 422),
    INVALID_EVENT("invalid-event", "Invalid event", 422),
    INVALID_REGISTRATION("invalid-registration", "Invalid registration", 422),
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
