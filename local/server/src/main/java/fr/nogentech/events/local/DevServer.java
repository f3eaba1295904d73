package fr.nogentech.events.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What {@code sam local start-api} does, without Docker: serves every HTTP route of {@code template.yaml}, turning
 * each request into the API Gateway v2 event (payload format 2.0) that Lambda would deliver, invoking the function's
 * handler in-process and writing its response back.
 *
 * <p>Each function gets the environment the template gives it ({@code !Ref} resolved against the local resources),
 * as Micronaut properties. A route whose handler class is missing is an error at start-up.
 */
public final class DevServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    private final Map<String, LocalFunction> functions;
    private final ApiRoutes api;

    private DevServer(HttpServer server, Map<String, LocalFunction> functions, ApiRoutes api) {
        this.server = server;
        this.functions = functions;
        this.api = api;
    }

    /**
     * Starts serving the template on 127.0.0.1.
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
    public static DevServer start(SamTemplate template, Map<String, String> givenReferences, int port,
                                  Map<String, Object> localProperties) {
        Map<String, String> references = new LinkedHashMap<>(template.parameterDefaults());
        references.putAll(givenReferences);
        // Every class, authorizer and environment is checked before any handler starts: a wrong template fails at
        // once.
        Set<String> authorizerFunctions = new HashSet<>();
        template.authorizers().values().forEach(a -> authorizerFunctions.add(a.functionLogicalId()));
        Map<String, LocalFunction> functions = new LinkedHashMap<>();
        for (SamTemplate.Function function : template.functions()) {
            if (!function.routes().isEmpty() || authorizerFunctions.contains(function.logicalId())) {
                functions.put(function.logicalId(), LocalFunction.of(function, references, localProperties));
            }
        }
        ApiRoutes api = ApiRoutes.of(template, functions, Cors.of(template.cors(), references));
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        DevServer devServer = new DevServer(server, functions, api);
        try {
            api.startHandlers();
            server.setExecutor(devServer.executor);
            server.createContext("/", devServer::serve);
            server.start();
            return devServer;
        } catch (RuntimeException e) {
            devServer.close();
            throw e;
        }
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<SamTemplate.Route> routes() {
        return api.routes();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        functions.values().forEach(LocalFunction::close);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            api.serve(exchange);
        }
    }
}
