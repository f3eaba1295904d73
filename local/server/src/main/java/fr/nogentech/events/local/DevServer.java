package fr.nogentech.events.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What {@code sam local start-api} and {@code sam local start-lambda} do, without Docker: serves every HTTP route of
 * {@code template.yaml}, turning each request into the API Gateway v2 event (payload format 2.0) that Lambda would
 * deliver; gives the messages of each queue a function reads to it as Lambda's SQS event source would; and answers
 * Lambda's Invoke API for every function. Handlers run in-process.
 *
 * <p>Each function gets the environment the template gives it ({@code !Ref} and {@code !GetAtt} resolved against the
 * local resources), as Micronaut properties. A missing handler class is an error at start-up.
 */
public final class DevServer implements AutoCloseable {

    /** The SDK's service-specific endpoint setting for Lambda, the system-property twin of AWS_ENDPOINT_URL_LAMBDA. */
    static final String LAMBDA_ENDPOINT_PROPERTY = "aws.endpointUrlLambda";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    private final Map<String, LocalFunction> functions;
    private final ApiRoutes api;
    private final List<QueuePoller> pollers = new ArrayList<>();
    private final Activity activity = new Activity();
    private final InvokeEndpoint invokeEndpoint;
    private final String previousLambdaEndpoint = System.getProperty(LAMBDA_ENDPOINT_PROPERTY);
    private SqsClient sqs;

    private DevServer(
            HttpServer server, Map<String, LocalFunction> functions, Map<String, String> references, ApiRoutes api) {
        this.server = server;
        this.functions = functions;
        this.api = api;
        this.invokeEndpoint = new InvokeEndpoint(functions.values(), references, activity);
    }

    /**
     * Starts serving the template on 127.0.0.1.
     *
     * @param references values of the template's {@code !Ref}s and {@code !GetAtt}s: table and parameter names to
     *                   local values, queue ids to URLs and {@code Id.Arn} to ARNs (a parameter left out takes the
     *                   template's {@code Default}, as in a deployment; a function {@code X} is {@code X} by default,
     *                   {@code X.Arn} its local ARN and {@code X.Alias} that ARN with {@code :live})
     * @param port       0 for any free port
     */
    public static DevServer start(SamTemplate template, Map<String, String> references, int port) {
        return start(template, references, port, Map.of());
    }

    /**
     * As {@link #start(SamTemplate, Map, int)}, with properties given to every function on top of the template's
     * environment: what only the local run has, such as the mail outbox folder. The queues are read through the
     * SDK's default settings, as the functions reach AWS ({@link LocalAws#useAsSdkDefault()}).
     */
    public static DevServer start(
            SamTemplate template, Map<String, String> givenReferences, int port, Map<String, Object> localProperties) {
        return start(template, givenReferences, port, localProperties, null);
    }

    /**
     * As {@link #start(SamTemplate, Map, int, Map)}, with {@code clock} as every function's clock (the {@code Clock}
     * bean its Micronaut context injects) instead of the system's: what a test pins to a moment, such as a Paris
     * midnight. Null keeps the system's clock.
     */
    public static DevServer start(
            SamTemplate template,
            Map<String, String> givenReferences,
            int port,
            Map<String, Object> localProperties,
            Clock clock) {
        Map<String, String> references = new LinkedHashMap<>(template.parameterDefaults());
        for (SamTemplate.Function function : template.functions()) {
            String arn = LocalFunction.arn(function.logicalId());
            references.put(function.logicalId(), function.logicalId());
            references.put(function.logicalId() + ".Arn", arn);
            references.put(function.logicalId() + ".Alias", arn + ":live");
        }
        references.putAll(givenReferences);
        // Every class, authorizer, environment and queue is checked before any handler starts: a wrong template
        // fails at once.
        Map<String, LocalFunction> functions = new LinkedHashMap<>();
        for (SamTemplate.Function function : template.functions()) {
            functions.put(function.logicalId(), LocalFunction.of(function, references, localProperties, clock));
        }
        ApiRoutes api = ApiRoutes.of(template, functions, Cors.of(template.cors(), references));
        for (LocalFunction function : functions.values()) {
            checkQueues(function, references);
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        DevServer devServer = new DevServer(server, functions, references, api);
        try {
            // Before any handler starts, for the LambdaClients they build: the functions call Lambda as in AWS,
            // with no branch for local use, and the SDK takes this service's endpoint before the global
            // aws.endpointUrl (moto), so their invocations come here.
            System.setProperty(LAMBDA_ENDPOINT_PROPERTY, devServer.baseUri().toString());
            api.startHandlers();
            devServer.poll(references);
            server.setExecutor(devServer.executor);
            server.createContext("/", devServer::serve);
            server.start();
            return devServer;
        } catch (RuntimeException e) {
            devServer.close();
            throw e;
        }
    }

    private static void checkQueues(LocalFunction function, Map<String, String> references) {
        for (SamTemplate.SqsEvent source : function.definition().sqsEvents()) {
            if (!references.containsKey(source.queue()) || !references.containsKey(source.queue() + ".Arn")) {
                throw new IllegalStateException("template.yaml: " + function.logicalId() + " reads the queue "
                        + source.queue() + ", which the local run does not provide (TemplateQueues creates the "
                        + "template's queues and gives their references)");
            }
        }
    }

    private void poll(Map<String, String> references) {
        for (LocalFunction function : functions.values()) {
            for (SamTemplate.SqsEvent source : function.definition().sqsEvents()) {
                function.handler();
                if (sqs == null) {
                    sqs = SqsClient.builder()
                            .httpClient(UrlConnectionHttpClient.create())
                            .build();
                }
                pollers.add(new QueuePoller(
                        sqs,
                        function,
                        source,
                        references.get(source.queue()),
                        references.get(source.queue() + ".Arn"),
                        activity));
            }
        }
        pollers.forEach(QueuePoller::start);
    }

    /** Starts every function now, as Lambda's init phase would, even those only the Invoke API reaches. */
    void startFunctions() {
        functions.values().forEach(LocalFunction::handler);
    }

    /** The handler of each function, by logical id, started. */
    Map<String, Object> handlers() {
        Map<String, Object> handlers = new java.util.LinkedHashMap<>();
        functions.forEach((id, function) -> handlers.put(id, function.handler()));
        return handlers;
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<SamTemplate.Route> routes() {
        return api.routes();
    }

    /**
     * Waits until the work that goes on after a response is done: every queue a function reads is empty (no message
     * visible, in flight or delayed), no batch is being handled, no asynchronous invocation is queued or running.
     * What an end-to-end test calls between a request and a look at its effects.
     *
     * @throws IllegalStateException when something is still under way after the timeout, saying what
     */
    public void awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long changes = activity.changes();
            if (activity.busy() == 0
                    && pollers.stream().allMatch(p -> p.pendingMessages() == 0)
                    && activity.busy() == 0
                    && activity.changes() == changes) {
                return;
            }
            if (System.nanoTime() > deadline) {
                Map<String, Integer> messages = new LinkedHashMap<>();
                pollers.forEach(p -> messages.put(p.queue(), p.pendingMessages()));
                throw new IllegalStateException("still busy after " + timeout.toMillis() + " ms: " + activity.busy()
                        + " batch(es) or invocation(s) under way, messages in queues " + messages);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the development server", e);
            }
        }
    }

    @Override
    public void close() {
        pollers.forEach(QueuePoller::close);
        invokeEndpoint.close();
        server.stop(0);
        executor.shutdownNow();
        functions.values().forEach(LocalFunction::close);
        if (sqs != null) {
            sqs.close();
        }
        if (baseUri().toString().equals(System.getProperty(LAMBDA_ENDPOINT_PROPERTY))) {
            if (previousLambdaEndpoint == null) {
                System.clearProperty(LAMBDA_ENDPOINT_PROPERTY);
            } else {
                System.setProperty(LAMBDA_ENDPOINT_PROPERTY, previousLambdaEndpoint);
            }
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            if (InvokeEndpoint.handles(method, exchange.getRequestURI().getRawPath())) {
                invokeEndpoint.serve(exchange);
            } else {
                api.serve(exchange);
            }
        }
    }
}
