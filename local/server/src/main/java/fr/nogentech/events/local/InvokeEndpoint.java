package fr.nogentech.events.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Lambda's Invoke API, as {@code sam local start-lambda} serves it:
 * {@code POST /2015-03-31/functions/NAME/invocations}, the function named by its logical id or by what the
 * template's {@code !Ref X}, {@code !Ref X.Alias} and {@code !GetAtt X.Arn} give (a name, an ARN with or without a
 * qualifier). An {@code Event} invocation is answered 202 at once and runs on the function's own thread, one after
 * the other as they came; a {@code RequestResponse} one runs on the request's thread and answers the handler's
 * result as JSON.
 */
final class InvokeEndpoint implements AutoCloseable {

    private static final String PREFIX = "/2015-03-31/functions/";
    private static final String SUFFIX = "/invocations";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, LocalFunction> functions = new HashMap<>();
    private final Activity activity;
    private final Map<String, ExecutorService> executors = new ConcurrentHashMap<>();

    InvokeEndpoint(Collection<LocalFunction> functions, Map<String, String> references, Activity activity) {
        this.activity = activity;
        for (LocalFunction function : functions) {
            this.functions.put(function.logicalId(), function);
            for (String suffix : List.of("", ".Arn", ".Alias")) {
                String value = references.get(function.logicalId() + suffix);
                if (value != null) {
                    this.functions.putIfAbsent(nameOf(value), function);
                }
            }
        }
    }

    static boolean handles(String method, String rawPath) {
        return "POST".equals(method)
                && rawPath.startsWith(PREFIX)
                && rawPath.endsWith(SUFFIX)
                && rawPath.length() > PREFIX.length() + SUFFIX.length();
    }

    /** {@code NAME} of {@code NAME}, {@code NAME:QUALIFIER} and the full or partial ARNs of a function. */
    static String nameOf(String nameOrArn) {
        String name = nameOrArn.contains(":function:")
                ? nameOrArn.substring(nameOrArn.indexOf(":function:") + ":function:".length())
                : nameOrArn;
        return name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
    }

    void serve(HttpExchange exchange) throws IOException {
        String rawPath = exchange.getRequestURI().getRawPath();
        String requested = URLDecoder.decode(
                rawPath.substring(PREFIX.length(), rawPath.length() - SUFFIX.length())
                        .replace("+", "%2B"),
                StandardCharsets.UTF_8);
        byte[] payload = exchange.getRequestBody().readAllBytes();
        LocalFunction function = functions.get(nameOf(requested));
        if (function == null) {
            error(
                    exchange,
                    404,
                    "ResourceNotFoundException",
                    "Function not found: " + (requested.startsWith("arn:") ? requested : LocalFunction.arn(requested)));
            return;
        }
        JsonNode input;
        try {
            // Lambda gives a function invoked with no payload an empty JSON object.
            input = JSON.readTree(payload.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : payload);
        } catch (JsonProcessingException e) {
            error(
                    exchange,
                    400,
                    "InvalidRequestContentException",
                    "Could not parse request body into json: " + e.getOriginalMessage());
            return;
        }
        String requestId = UUID.randomUUID().toString();
        String type = exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type");
        switch (type == null ? "RequestResponse" : type) {
            case "Event" -> invokeLater(exchange, function, input, requestId);
            case "RequestResponse" -> invokeNow(exchange, function, input, requestId);
            case "DryRun" -> HttpReplies.write(exchange, 204, Map.of("x-amzn-RequestId", requestId), null);
            default ->
                error(
                        exchange,
                        400,
                        "InvalidParameterValueException",
                        "X-Amz-Invocation-Type must be Event, RequestResponse or DryRun, not " + type);
        }
    }

    private void invokeLater(HttpExchange exchange, LocalFunction function, JsonNode input, String requestId)
            throws IOException {
        activity.begin();
        try {
            executors
                    .computeIfAbsent(
                            function.logicalId(),
                            id -> Executors.newSingleThreadExecutor(Thread.ofPlatform()
                                    .daemon()
                                    .name("invoke-" + id)
                                    .factory()))
                    .execute(() -> {
                        try {
                            function.invoke(input, requestId);
                        } catch (RuntimeException e) {
                            System.err.println(
                                    function.logicalId() + " failed (asynchronous invocation " + requestId + "): " + e);
                        } finally {
                            activity.end();
                        }
                    });
        } catch (RejectedExecutionException stopping) {
            activity.end();
            error(exchange, 500, "ServiceException", "the development server is stopping");
            return;
        }
        HttpReplies.write(exchange, 202, Map.of("x-amzn-RequestId", requestId), null);
    }

    private static void invokeNow(HttpExchange exchange, LocalFunction function, JsonNode input, String requestId)
            throws IOException {
        Map<String, String> headers = new LinkedHashMap<>(Map.of(
                "Content-Type",
                "application/json",
                "X-Amz-Executed-Version",
                "$LATEST",
                "x-amzn-RequestId",
                requestId));
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(function.invoke(input, requestId));
        } catch (RuntimeException | JsonProcessingException e) {
            // What Lambda answers when the function fails: 200, the error in the body, flagged by a header.
            System.err.println(function.logicalId() + " failed: " + e);
            headers.put("X-Amz-Function-Error", "Unhandled");
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("errorMessage", e.getMessage());
            error.put("errorType", e.getClass().getName());
            error.put(
                    "stackTrace",
                    Arrays.stream(e.getStackTrace()).map(String::valueOf).toList());
            body = JSON.writeValueAsBytes(error);
        }
        HttpReplies.writeBytes(exchange, 200, headers, body);
    }

    /** Lambda's error shape: the SDK reads the exception's name from {@code x-amzn-ErrorType}. */
    private static void error(HttpExchange exchange, int status, String errorType, String message) throws IOException {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("Type", "User");
        body.put("message", message);
        HttpReplies.write(
                exchange,
                status,
                Map.of("Content-Type", "application/json", "x-amzn-ErrorType", errorType),
                JSON.writeValueAsString(body));
    }

    @Override
    public void close() {
        executors.values().forEach(ExecutorService::shutdownNow);
    }
}
