package fr.nogentech.events.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code sam local start-api} does, without Docker: serves every HTTP route of {@code template.yaml}, turning
 * each request into the API Gateway v2 event (payload format 2.0) that Lambda would deliver, invoking the function's
 * handler in-process and writing its response back.
 *
 * <p>Each function gets the environment the template gives it ({@code !Ref} resolved against the local resources),
 * as Micronaut properties. A route whose handler class is missing is an error at start-up.
 */
public final class DevServer implements AutoCloseable {

    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    /** Bodies API Gateway passes as text; others (a form post, bytes) arrive base64-encoded. */
    private static final Set<String> TEXT_TYPES = Set.of("application/json", "application/xml",
            "application/javascript");

    private record Binding(SamTemplate.Route route, Pattern pattern, List<String> parameters,
                           SamTemplate.Function function,
                           RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
                           AuthorizerBinding authorizer) {
    }

    private record AuthorizerBinding(SamTemplate.Authorizer definition,
                                     RequestHandler<APIGatewayV2CustomAuthorizerEvent, Map<String, Object>> handler) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Binding> bindings;
    private final List<AutoCloseable> handlers;
    private final Cors cors;

    private DevServer(HttpServer server, ExecutorService executor, List<Binding> bindings,
                      List<AutoCloseable> handlers, Cors cors) {
        this.server = server;
        this.executor = executor;
        this.bindings = bindings;
        this.handlers = handlers;
        this.cors = cors;
    }

    /**
     * Starts serving the template's routes on 127.0.0.1.
     *
     * @param references values of the template's {@code !Ref}s: table and parameter names to local values (a
     *                   parameter left out takes the template's {@code Default}, as in a deployment)
     * @param port       0 for any free port
     */
    public static DevServer start(SamTemplate template, Map<String, String> references, int port) {
        return start(template, references, port, Map.of());
    }

    /**
     * As {@link #start(SamTemplate, Map, int)}, with properties given to every function on top of the template's
     * environment: what only the local run has, such as the mail outbox folder.
     */
    @SuppressWarnings("unchecked")
    public static DevServer start(SamTemplate template, Map<String, String> givenReferences, int port,
                                  Map<String, Object> localProperties) {
        Map<String, String> references = new HashMap<>(template.parameterDefaults());
        references.putAll(givenReferences);
        Map<String, SamTemplate.Function> functions = new LinkedHashMap<>();
        template.functions().forEach(f -> functions.put(f.logicalId(), f));
        Map<String, SamTemplate.Authorizer> authorizers = template.authorizers();
        // Every class and authorizer is checked before any handler starts, so a wrong template fails at once.
        Map<String, Class<?>> classes = new LinkedHashMap<>();
        for (SamTemplate.Function function : functions.values()) {
            for (SamTemplate.Route route : function.routes()) {
                if (route.authorizer() != null && !authorizers.containsKey(route.authorizer())) {
                    throw new IllegalStateException("template.yaml: " + route.key() + " names the authorizer "
                            + route.authorizer() + ", which the HttpApi does not define");
                }
            }
        }
        Map<String, SamTemplate.Function> used = new LinkedHashMap<>();
        functions.values().stream().filter(f -> !f.routes().isEmpty()).forEach(f -> used.put(f.logicalId(), f));
        for (SamTemplate.Authorizer authorizer : authorizers.values()) {
            SamTemplate.Function function = functions.get(authorizer.functionLogicalId());
            if (function == null) {
                throw new IllegalStateException("template.yaml: the authorizer " + authorizer.name()
                        + " names the function " + authorizer.functionLogicalId() + ", which is not declared");
            }
            used.put(function.logicalId(), function);
        }
        used.values().forEach(function -> classes.put(function.logicalId(), handlerClass(function)));

        List<AutoCloseable> handlers = new ArrayList<>();
        Map<String, RequestHandler<?, ?>> started = new LinkedHashMap<>();
        for (SamTemplate.Function function : used.values()) {
            Map<String, Object> properties = new LinkedHashMap<>(environment(function, references));
            properties.putAll(localProperties);
            RequestHandler<?, ?> handler = instantiate(function, classes.get(function.logicalId()), properties);
            started.put(function.logicalId(), handler);
            if (handler instanceof AutoCloseable closeable) {
                handlers.add(closeable);
            }
        }
        Map<String, AuthorizerBinding> authorizerBindings = new LinkedHashMap<>();
        authorizers.forEach((name, definition) -> authorizerBindings.put(name, new AuthorizerBinding(definition,
                (RequestHandler<APIGatewayV2CustomAuthorizerEvent, Map<String, Object>>)
                        started.get(definition.functionLogicalId()))));
        List<Binding> bindings = new ArrayList<>();
        for (SamTemplate.Function function : used.values()) {
            for (SamTemplate.Route route : function.routes()) {
                List<String> parameters = new ArrayList<>();
                bindings.add(new Binding(route, pathPattern(route.path(), parameters), parameters, function,
                        (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>)
                                started.get(function.logicalId()),
                        route.authorizer() == null ? null : authorizerBindings.get(route.authorizer())));
            }
        }
        // API Gateway prefers the most specific route: literal paths before those with {parameters}.
        bindings.sort(Comparator.comparingInt((Binding b) -> b.parameters().size())
                .thenComparing(b -> -b.route().path().length()));
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            ExecutorService executor = Executors.newFixedThreadPool(16);
            DevServer devServer = new DevServer(server, executor, List.copyOf(bindings), handlers,
                    Cors.of(template.cors(), references));
            server.setExecutor(executor);
            server.createContext("/", devServer::serve);
            server.start();
            return devServer;
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<SamTemplate.Route> routes() {
        return bindings.stream().map(Binding::route).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        for (AutoCloseable handler : handlers) {
            try {
                handler.close();
            } catch (Exception e) {
                // closing at shutdown: nothing left to do with it
            }
        }
    }

    private static Class<?> handlerClass(SamTemplate.Function function) {
        Class<?> type;
        try {
            type = Class.forName(function.handlerClass());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("template.yaml: " + function.logicalId() + " routes "
                    + function.routes().stream().map(SamTemplate.Route::key).toList() + " to "
                    + function.handlerClass() + ", which is not on the classpath (is " + function.codeUri()
                    + " a module of the build, and a dependency of local/server?)");
        }
        if (!RequestHandler.class.isAssignableFrom(type)) {
            throw new IllegalStateException("template.yaml: " + function.handlerClass() + " of "
                    + function.logicalId() + " is not a Lambda RequestHandler");
        }
        return type;
    }

    private static RequestHandler<?, ?> instantiate(SamTemplate.Function function, Class<?> type,
                                                    Map<String, Object> properties) {
        try {
            Constructor<?> constructor = type.getConstructor(ApplicationContextBuilder.class);
            // Lambda's own builder settings (environments, eager singletons), with the template's environment.
            ApplicationContextBuilder context = new LambdaApplicationContextBuilder().properties(properties);
            return (RequestHandler<?, ?>) constructor.newInstance(context);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(function.handlerClass() + " needs a constructor taking an "
                    + "ApplicationContextBuilder, so that the development server can configure it");
        } catch (InvocationTargetException | InstantiationException | IllegalAccessException e) {
            Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
            throw new IllegalStateException("cannot start " + function.handlerClass() + ": " + cause, cause);
        }
    }

    /** The function's environment from the template, as the Micronaut properties Lambda's would become. */
    static Map<String, Object> environment(SamTemplate.Function function, Map<String, String> references) {
        Map<String, Object> properties = new LinkedHashMap<>();
        function.environment().forEach((name, value) -> {
            String resolved;
            if (value instanceof Map<?, ?> map && map.containsKey("Ref")) {
                resolved = references.get(String.valueOf(map.get("Ref")));
                if (resolved == null) {
                    throw new IllegalStateException("template.yaml: " + function.logicalId() + " sets " + name
                            + " to !Ref " + map.get("Ref") + ", which the local run does not provide");
                }
            } else if (value instanceof Map<?, ?>) {
                throw new IllegalStateException("template.yaml: " + function.logicalId() + " sets " + name
                        + " with an intrinsic function the development server cannot resolve: " + value);
            } else {
                resolved = String.valueOf(value);
            }
            properties.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), resolved);
        });
        return properties;
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

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            if (cors.answerPreflight(exchange)) {
                return;
            }
            cors.decorate(exchange);
            String rawPath = exchange.getRequestURI().getRawPath();
            String path = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
            for (Binding binding : bindings) {
                Matcher matcher = binding.pattern().matcher(path);
                if (matcher.matches() && (binding.route().method().equals(method)
                        || binding.route().method().equals("ANY"))) {
                    Map<String, String> pathParameters = new LinkedHashMap<>();
                    for (int i = 0; i < binding.parameters().size(); i++) {
                        pathParameters.put(binding.parameters().get(i), matcher.group(i + 1));
                    }
                    invoke(exchange, binding, pathParameters);
                    return;
                }
            }
            write(exchange, 404, Map.of("Content-Type", "application/json"), "{\"message\":\"Not Found\"}");
        }
    }

    private void invoke(HttpExchange exchange, Binding binding, Map<String, String> pathParameters)
            throws IOException {
        APIGatewayV2HTTPEvent event = event(exchange, binding.route(), pathParameters);
        if (binding.authorizer() != null && !authorize(exchange, binding, event)) {
            return;
        }
        APIGatewayV2HTTPResponse response;
        try {
            response = binding.handler().handleRequest(event, new LocalLambdaContext(
                    event.getRequestContext().getRequestId(), binding.function().logicalId(), 10_000));
        } catch (RuntimeException e) {
            // What API Gateway answers when the function fails.
            System.err.println(binding.function().logicalId() + " failed: " + e);
            write(exchange, 500, Map.of("Content-Type", "application/json"),
                    "{\"message\":\"Internal Server Error\"}");
            return;
        }
        Map<String, String> headers = response.getHeaders() == null ? Map.of() : response.getHeaders();
        String body = response.getBody();
        if (response.getIsBase64Encoded() && body != null) {
            writeBytes(exchange, response.getStatusCode(), headers, Base64.getDecoder().decode(body));
        } else {
            write(exchange, response.getStatusCode(), headers, body);
        }
    }

    /**
     * What API Gateway does before a protected route: 401 when an identity header is missing (the authorizer is not
     * called), 403 when the authorizer refuses, and its context passed on to the handler when it allows.
     */
    private static boolean authorize(HttpExchange exchange, Binding binding, APIGatewayV2HTTPEvent event)
            throws IOException {
        AuthorizerBinding authorizer = binding.authorizer();
        List<String> identity = new ArrayList<>();
        for (String header : authorizer.definition().identityHeaders()) {
            String value = event.getHeaders().get(header.toLowerCase(Locale.ROOT));
            if (value == null || value.isBlank()) {
                write(exchange, 401, Map.of("Content-Type", "application/json"), "{\"message\":\"Unauthorized\"}");
                return false;
            }
            identity.add(value);
        }
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        APIGatewayV2CustomAuthorizerEvent request = APIGatewayV2CustomAuthorizerEvent.builder()
                .withVersion("2.0")
                .withType("REQUEST")
                .withRouteArn("arn:aws:execute-api:" + LocalAws.REGION + ":000000000000:local/$default/"
                        + binding.route().method() + binding.route().path())
                .withIdentitySource(identity)
                .withRouteKey(event.getRouteKey())
                .withRawPath(event.getRawPath())
                .withRawQueryString(event.getRawQueryString())
                .withCookies(event.getCookies())
                .withHeaders(event.getHeaders())
                .withQueryStringParameters(event.getQueryStringParameters())
                .withPathParameters(event.getPathParameters())
                .withRequestContext(APIGatewayV2CustomAuthorizerEvent.RequestContext.builder()
                        .withAccountId(context.getAccountId())
                        .withApiId(context.getApiId())
                        .withDomainName(context.getDomainName())
                        .withDomainPrefix(context.getDomainPrefix())
                        .withRequestId(context.getRequestId())
                        .withRouteKey(context.getRouteKey())
                        .withStage(context.getStage())
                        .withHttp(APIGatewayV2CustomAuthorizerEvent.Http.builder()
                                .withMethod(context.getHttp().getMethod())
                                .withPath(context.getHttp().getPath())
                                .withProtocol(context.getHttp().getProtocol())
                                .withSourceIp(context.getHttp().getSourceIp())
                                .withUserAgent(context.getHttp().getUserAgent())
                                .build())
                        .build())
                .build();
        Map<String, Object> decision;
        try {
            decision = authorizer.handler().handleRequest(request, new LocalLambdaContext(
                    context.getRequestId(), authorizer.definition().functionLogicalId(), 10_000));
        } catch (RuntimeException e) {
            System.err.println(authorizer.definition().functionLogicalId() + " failed: " + e);
            write(exchange, 500, Map.of("Content-Type", "application/json"),
                    "{\"message\":\"Internal Server Error\"}");
            return false;
        }
        if (decision == null || !Boolean.TRUE.equals(decision.get("isAuthorized"))) {
            write(exchange, 403, Map.of("Content-Type", "application/json"), "{\"message\":\"Forbidden\"}");
            return false;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> lambdaContext = decision.get("context") instanceof Map<?, ?> map
                ? (Map<String, Object>) map : Map.of();
        context.setAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                .withLambda(lambdaContext).build());
        return true;
    }

    static APIGatewayV2HTTPEvent event(HttpExchange exchange, SamTemplate.Route route,
                                       Map<String, String> pathParameters) throws IOException {
        URI uri = exchange.getRequestURI();
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        List<String> cookies = headers.containsKey("cookie")
                ? List.of(headers.remove("cookie").split(";\\s*"))
                : null;
        String rawQuery = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            query.merge(name, value, (a, b) -> a + "," + b);
        }
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        String contentType = headers.getOrDefault("content-type", "").split(";")[0].trim().toLowerCase(Locale.ROOT);
        boolean text = contentType.startsWith("text/") || TEXT_TYPES.contains(contentType)
                || contentType.endsWith("+json") || contentType.endsWith("+xml");
        Instant now = Instant.now();
        String requestId = UUID.randomUUID().toString();
        String sourceIp = exchange.getRemoteAddress().getAddress().getHostAddress();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(route.key())
                .withRawPath(uri.getRawPath())
                .withRawQueryString(rawQuery)
                .withCookies(cookies)
                .withHeaders(headers)
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
                .withBody(bytes.length == 0 ? null
                        : text ? new String(bytes, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(bytes))
                .withIsBase64Encoded(bytes.length > 0 && !text)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withAccountId("000000000000")
                        .withApiId("local")
                        .withDomainName(headers.getOrDefault("host", "127.0.0.1"))
                        .withDomainPrefix("local")
                        .withRequestId(requestId)
                        .withRouteKey(route.key())
                        .withStage("$default")
                        .withTime(REQUEST_TIME.format(now))
                        .withTimeEpoch(now.toEpochMilli())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(exchange.getRequestMethod().toUpperCase(Locale.ROOT))
                                .withPath(uri.getRawPath())
                                .withProtocol(exchange.getProtocol())
                                .withSourceIp(sourceIp)
                                .withUserAgent(headers.get("user-agent"))
                                .build())
                        .build())
                .build();
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static void write(HttpExchange exchange, int status, Map<String, String> headers, String body)
            throws IOException {
        writeBytes(exchange, status, headers, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeBytes(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
            throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        boolean noBody = status == 204 || status == 304 || body.length == 0;
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
