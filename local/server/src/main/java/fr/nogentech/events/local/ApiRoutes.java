package fr.nogentech.events.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import fr.nogentech.events.http.HttpResponse;
import fr.nogentech.events.http.HttpResponses;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.lambda.ApiGatewayHttp;
import fr.nogentech.events.problem.Problem;
import fr.nogentech.events.problem.ProblemType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The template's HTTP API: each request matched to a route as API Gateway matches it, checked by the route's
 * authorizer, and given to the route's function as the API Gateway v2 event (payload format 2.0).
 */
final class ApiRoutes {

    /** The time a route's handler or authorizer is told it has: the template's global Timeout, as until now. */
    private static final long TIMEOUT_MILLIS = 10_000;

    private record Binding(
            SamTemplate.Route route,
            Pattern pattern,
            List<String> parameters,
            LocalFunction function,
            AuthorizerBinding authorizer) {}

    private record AuthorizerBinding(SamTemplate.Authorizer definition, LocalFunction function) {}

    private final List<Binding> bindings;
    private final Cors cors;

    private ApiRoutes(List<Binding> bindings, Cors cors) {
        this.bindings = bindings;
        this.cors = cors;
    }

    /** Checks the routes' authorizers and orders the routes; no handler starts yet. */
    static ApiRoutes of(SamTemplate template, Map<String, LocalFunction> functions, Cors cors) {
        Map<String, AuthorizerBinding> authorizers = new LinkedHashMap<>();
        template.authorizers().forEach((name, authorizer) -> {
            LocalFunction function = functions.get(authorizer.functionLogicalId());
            if (function == null) {
                throw new IllegalStateException("template.yaml: the authorizer " + name + " names the function "
                        + authorizer.functionLogicalId() + ", which is not declared");
            }
            authorizers.put(name, new AuthorizerBinding(authorizer, function));
        });
        List<Binding> bindings = new ArrayList<>();
        for (LocalFunction function : functions.values()) {
            for (SamTemplate.Route route : function.definition().routes()) {
                if (route.authorizer() != null && !authorizers.containsKey(route.authorizer())) {
                    throw new IllegalStateException("template.yaml: " + route.key() + " names the authorizer "
                            + route.authorizer() + ", which the HttpApi does not define");
                }
                List<String> parameters = new ArrayList<>();
                bindings.add(new Binding(
                        route,
                        pathPattern(route.path(), parameters),
                        parameters,
                        function,
                        route.authorizer() == null ? null : authorizers.get(route.authorizer())));
            }
        }
        // API Gateway prefers the most specific route: literal paths before those with {parameters}.
        bindings.sort(Comparator.comparingInt((Binding b) -> b.parameters().size())
                .thenComparing(b -> -b.route().path().length()));
        return new ApiRoutes(List.copyOf(bindings), cors);
    }

    /** Starts the handlers of the routes and of their authorizers. */
    void startHandlers() {
        for (Binding binding : bindings) {
            binding.function().handler();
            if (binding.authorizer() != null) {
                binding.authorizer().function().handler();
            }
        }
    }

    List<SamTemplate.Route> routes() {
        return bindings.stream().map(Binding::route).toList();
    }

    private static Pattern pathPattern(String path, List<String> parameters) {
        Matcher matcher = Pattern.compile("\\{([^}+]+)(\\+?)}").matcher(path);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (matcher.find()) {
            regex.append(Pattern.quote(path.substring(last, matcher.start())));
            parameters.add(matcher.group(1));
            regex.append(matcher.group(2).isEmpty() ? "([^/]+)" : "(.+)");
            last = matcher.end();
        }
        regex.append(Pattern.quote(path.substring(last)));
        return Pattern.compile(regex.toString());
    }

    void serve(HttpExchange exchange) throws IOException {
        if (cors.answerPreflight(exchange)) {
            return;
        }
        cors.decorate(exchange);
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path;
        try {
            path = PercentDecoding.decode(exchange.getRequestURI().getRawPath(), false, "path");
        } catch (PercentDecoding.Malformed e) {
            malformed(exchange, e);
            return;
        }
        for (Binding binding : bindings) {
            Matcher matcher = binding.pattern().matcher(path);
            if (matcher.matches()
                    && (binding.route().method().equals(method)
                            || binding.route().method().equals("ANY"))) {
                Map<String, String> pathParameters = new LinkedHashMap<>();
                for (int i = 0; i < binding.parameters().size(); i++) {
                    pathParameters.put(binding.parameters().get(i), matcher.group(i + 1));
                }
                invoke(exchange, binding, pathParameters);
                return;
            }
        }
        message(exchange, 404, "Not Found");
    }

    private static void invoke(HttpExchange exchange, Binding binding, Map<String, String> pathParameters)
            throws IOException {
        ObjectNode event;
        try {
            event = ApiGatewayEvents.event(exchange, binding.route(), pathParameters);
        } catch (PercentDecoding.Malformed e) {
            malformed(exchange, e);
            return;
        }
        if (binding.authorizer() != null && !authorize(exchange, binding, event)) {
            return;
        }
        HttpResponse response;
        try {
            response = ApiGatewayHttp.readResponse(binding.function().invoke(event, requestId(event), TIMEOUT_MILLIS));
        } catch (RuntimeException e) {
            // What API Gateway answers when the function fails.
            System.err.println(binding.function().logicalId() + " failed: " + e);
            message(exchange, 500, "Internal Server Error");
            return;
        }
        write(exchange, response);
    }

    /** A URL that cannot be decoded: a problem, as the handlers answer bad input, before any handler runs. */
    private static void malformed(HttpExchange exchange, PercentDecoding.Malformed e) throws IOException {
        write(exchange, HttpResponses.problem(Problem.of(ProblemType.MALFORMED_URL, e.getMessage())));
    }

    private static void write(HttpExchange exchange, HttpResponse response) throws IOException {
        HttpReplies.write(exchange, response.status(), response.headers(), response.body());
    }

    private static String requestId(JsonNode event) {
        return event.path("requestContext").path("requestId").asText();
    }

    /**
     * What API Gateway does before a protected route: 401 when an identity header is missing (the authorizer is not
     * called), 403 when the authorizer refuses, and its context passed on to the handler when it allows.
     */
    private static boolean authorize(HttpExchange exchange, Binding binding, ObjectNode event) throws IOException {
        AuthorizerBinding authorizer = binding.authorizer();
        List<String> identity = new ArrayList<>();
        for (String header : authorizer.definition().identityHeaders()) {
            String value =
                    event.path("headers").path(header.toLowerCase(Locale.ROOT)).asText(null);
            if (value == null || value.isBlank()) {
                message(exchange, 401, "Unauthorized");
                return false;
            }
            identity.add(value);
        }
        JsonNode decision;
        try {
            decision = authorizer
                    .function()
                    .invoke(
                            ApiGatewayEvents.authorizerRequest(event, binding.route(), identity),
                            requestId(event),
                            TIMEOUT_MILLIS);
        } catch (RuntimeException e) {
            System.err.println(authorizer.definition().functionLogicalId() + " failed: " + e);
            message(exchange, 500, "Internal Server Error");
            return false;
        }
        if (decision == null
                || !decision.path("isAuthorized").isBoolean()
                || !decision.path("isAuthorized").booleanValue()) {
            message(exchange, 403, "Forbidden");
            return false;
        }
        JsonNode lambdaContext = decision.path("context").isObject() ? decision.get("context") : Json.object();
        ((ObjectNode) event.get("requestContext")).putObject("authorizer").set("lambda", lambdaContext.deepCopy());
        return true;
    }

    private static void message(HttpExchange exchange, int status, String message) throws IOException {
        HttpReplies.write(
                exchange, status, Map.of("Content-Type", "application/json"), "{\"message\":\"" + message + "\"}");
    }
}
