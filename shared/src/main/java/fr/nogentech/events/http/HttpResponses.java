package fr.nogentech.events.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.problem.Problem;
import fr.nogentech.events.problem.ProblemException;
import fr.nogentech.events.problem.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The one place that builds HTTP responses: JSON documents, RFC 9457 problems, and the mapping of failures to
 * problems. Nothing internal (stack traces, SDK messages) reaches a response.
 */
public final class HttpResponses {

    private static final Logger LOG = LoggerFactory.getLogger(HttpResponses.class);
    private static final String JSON = "application/json; charset=utf-8";
    private static final String PROBLEM_JSON = "application/problem+json; charset=utf-8";

    private HttpResponses() {
    }

    public static APIGatewayV2HTTPResponse json(int status, JsonNode body) {
        return response(status, JSON, Json.write(body), Map.of());
    }

    public static APIGatewayV2HTTPResponse json(int status, JsonNode body, Map<String, String> headers) {
        return response(status, JSON, Json.write(body), headers);
    }

    /** A document of another type than JSON (iCalendar, JSON-LD), as text. */
    public static APIGatewayV2HTTPResponse text(int status, String contentType, String body,
                                                Map<String, String> headers) {
        return response(status, contentType, body, headers);
    }

    public static APIGatewayV2HTTPResponse noContent() {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(204).withHeaders(Map.of()).build();
    }

    /** A response recorded earlier (an idempotent request's first answer), sent again as it was. */
    public static APIGatewayV2HTTPResponse replay(int status, Map<String, String> headers, String body) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(new LinkedHashMap<>(headers))
                .withBody(body).withIsBase64Encoded(false).build();
    }

    public static APIGatewayV2HTTPResponse problem(Problem problem) {
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

    /** Runs a request, turning every failure into the problem a client can act on. */
    public static APIGatewayV2HTTPResponse handle(Supplier<APIGatewayV2HTTPResponse> request) {
        try {
            return request.get();
        } catch (ProblemException e) {
            return problem(e.problem());
        } catch (SdkException e) {
            if (isUnavailable(e)) {
                LOG.warn("AWS backend unavailable: {}: {}", e.getClass().getSimpleName(), e.getMessage());
                return problem(Problem.of(ProblemType.SERVICE_UNAVAILABLE,
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

    private static APIGatewayV2HTTPResponse internalError() {
        return problem(Problem.of(ProblemType.INTERNAL_ERROR,
                "The request could not be served because of an error on our side; it has been logged."));
    }

    private static String firstFrame(Throwable e) {
        StackTraceElement[] trace = e.getStackTrace();
        return trace.length == 0 ? "?" : trace[0].toString();
    }

    private static APIGatewayV2HTTPResponse response(int status, String contentType, String body,
                                                     Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.putAll(extraHeaders);
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(false)
                .build();
    }
}
