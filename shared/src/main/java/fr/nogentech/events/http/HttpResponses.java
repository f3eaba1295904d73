package fr.nogentech.events.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.problem.Problem;
import fr.nogentech.events.problem.ProblemException;
import fr.nogentech.events.problem.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place that builds HTTP responses: JSON documents, RFC 9457 problems, and the mapping of failures to
 * problems. Nothing internal (stack traces, SDK messages) reaches a response.
 */
public final class HttpResponses {

    private static final Logger LOG = LoggerFactory.getLogger(HttpResponses.class);
    private static final String JSON = "application/json; charset=utf-8";
    private static final String PROBLEM_JSON = "application/problem+json; charset=utf-8";

    private HttpResponses() {}

    public static HttpResponse json(int status, JsonNode body) {
        return response(status, JSON, Json.write(body), Map.of());
    }

    public static HttpResponse json(int status, JsonNode body, Map<String, String> headers) {
        return response(status, JSON, Json.write(body), headers);
    }

    /** A document of another type than JSON (iCalendar, JSON-LD), as text. */
    public static HttpResponse text(int status, String contentType, String body, Map<String, String> headers) {
        return response(status, contentType, body, headers);
    }

    public static HttpResponse noContent() {
        return new HttpResponse(204, Map.of(), null);
    }

    public static HttpResponse problem(Problem problem) {
        ObjectNode body = Json.object();
        body.put("type", problem.type().uri());
        body.put("title", problem.type().title());
        body.put("status", problem.status());
        body.put("detail", problem.detail());
        problem.extensions().forEach(body::put);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", "no-store");
        if (problem.status() == 503) {
            headers.put("Retry-After", "5");
        }
        return response(problem.status(), PROBLEM_JSON, Json.write(body), headers);
    }

    /** Serves a request, turning every failure into the problem a client can act on. */
    public static HttpResponse serve(HttpApi api, HttpRequest request) {
        try {
            return api.handle(request);
        } catch (ProblemException e) {
            return problem(e.problem());
        } catch (SdkException e) {
            if (isUnavailable(e)) {
                LOG.warn("AWS backend unavailable: {}: {}", e.getClass().getSimpleName(), e.getMessage());
                return problem(Problem.of(
                        ProblemType.SERVICE_UNAVAILABLE,
                        "The event store cannot be reached right now; try again in a few seconds."));
            }
            LOG.error("AWS request failed: {}: {}", e.getClass().getSimpleName(), e.getMessage());
            return internalError();
        } catch (RuntimeException e) {
            LOG.error("request failed: {} at {}", e.getClass().getName(), firstFrame(e));
            return internalError();
        }
    }

    private static boolean isUnavailable(SdkException e) {
        if (e instanceof SdkClientException) {
            return true;
        }
        if (e instanceof AwsServiceException service) {
            return service.isThrottlingException() || service.statusCode() >= 500;
        }
        return false;
    }

    private static HttpResponse internalError() {
        return problem(Problem.of(
                ProblemType.INTERNAL_ERROR,
                "The request could not be served because of an error on our side; it has been logged."));
    }

    private static String firstFrame(Throwable e) {
        StackTraceElement[] trace = e.getStackTrace();
        return trace.length == 0 ? "?" : trace[0].toString();
    }

    private static HttpResponse response(
            int status, String contentType, String body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.putAll(extraHeaders);
        return new HttpResponse(status, headers, body);
    }
}
