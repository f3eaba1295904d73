package fr.nogentech.events.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import fr.nogentech.events.config.ConfigKeys;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.lambda.FunctionHandler;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.RuntimeBeanDefinition;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;

/**
 * One function of the template as the development server runs it: its handler class, checked at start-up, the
 * environment the template gives it, and its handler, started once: at start-up, or at the first invocation (a cold
 * start) for a function only the Invoke API reaches. With {@code ReservedConcurrentExecutions}, at most that many
 * invocations run at a time; where Lambda would throttle the others, they wait their turn.
 */
final class LocalFunction implements AutoCloseable {

    static final String ACCOUNT = "000000000000";

    private final SamTemplate.Function definition;
    private final Class<?> type;
    private final Map<String, Object> properties;
    private final Semaphore reserved;
    private final Clock clock;
    private RequestStreamHandler handler;

    private LocalFunction(SamTemplate.Function definition, Class<?> type, Map<String, Object> properties, Clock clock) {
        this.definition = definition;
        this.type = type;
        this.properties = properties;
        this.clock = clock;
        this.reserved = definition.reservedConcurrency() == null
                ? null
                : new Semaphore(Math.max(1, definition.reservedConcurrency()));
    }

    /**
     * Checks the handler class and resolves the environment; the handler is not started yet.
     *
     * @param clock the clock its context injects in place of the system's, or null for the system's
     */
    static LocalFunction of(
            SamTemplate.Function definition,
            Map<String, String> references,
            Map<String, Object> localProperties,
            Clock clock) {
        Class<?> type = handlerClass(definition);
        Map<String, Object> properties = new LinkedHashMap<>(environment(definition, references));
        properties.putAll(localProperties);
        return new LocalFunction(definition, type, properties, clock);
    }

    /** The ARN of a function of the local run, named by its logical id. */
    static String arn(String logicalId) {
        return "arn:aws:lambda:" + LocalAws.REGION + ":" + ACCOUNT + ":function:" + logicalId;
    }

    String logicalId() {
        return definition.logicalId();
    }

    SamTemplate.Function definition() {
        return definition;
    }

    synchronized RequestStreamHandler handler() {
        if (handler == null) {
            try {
                Constructor<?> constructor = type.getConstructor(ApplicationContextBuilder.class);
                ApplicationContextBuilder context = FunctionHandler.configured(properties);
                if (clock != null) {
                    context.beanDefinitions(RuntimeBeanDefinition.builder(Clock.class, () -> clock)
                            .replaces(Clock.class)
                            .singleton(true)
                            .build());
                }
                handler = (RequestStreamHandler) constructor.newInstance(context);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(definition.handlerClass() + " needs a constructor taking an "
                        + "ApplicationContextBuilder, so that the development server can configure it");
            } catch (InvocationTargetException | InstantiationException | IllegalAccessException e) {
                Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
                throw new IllegalStateException("cannot start " + definition.handlerClass() + ": " + cause, cause);
            }
        }
        return handler;
    }

    /** Runs the handler with the function's own {@code Timeout} as the time it is given. */
    JsonNode invoke(JsonNode input, String requestId) {
        return invoke(input, requestId, definition.timeoutSeconds() * 1000L);
    }

    /** Runs the handler on the event as Lambda passes it (JSON bytes), and reads its answer (null when none). */
    JsonNode invoke(JsonNode input, String requestId, long timeoutMillis) {
        RequestStreamHandler started = handler();
        if (reserved != null) {
            try {
                reserved.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(logicalId() + ": interrupted while waiting for its turn", e);
            }
        }
        try {
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            started.handleRequest(
                    new ByteArrayInputStream(Json.MAPPER.writeValueAsBytes(input)),
                    output,
                    new LocalLambdaContext(requestId, logicalId(), timeoutMillis));
            return output.size() == 0 ? NullNode.getInstance() : Json.MAPPER.readTree(output.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (reserved != null) {
                reserved.release();
            }
        }
    }

    @Override
    public synchronized void close() {
        if (handler instanceof AutoCloseable closeable) {
            try {
                closeable.close();
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
            String use = !function.routes().isEmpty()
                    ? " routes "
                            + function.routes().stream()
                                    .map(SamTemplate.Route::key)
                                    .toList() + " to "
                    : !function.sqsEvents().isEmpty()
                            ? " gives the messages of "
                                    + function.sqsEvents().stream()
                                            .map(SamTemplate.SqsEvent::queue)
                                            .collect(Collectors.toList())
                                    + " to "
                            : " runs ";
            throw new IllegalStateException("template.yaml: " + function.logicalId() + use
                    + function.handlerClass() + ", which is not on the classpath (is " + function.codeUri()
                    + " a module of the build, and a dependency of local/server?)");
        }
        if (!RequestStreamHandler.class.isAssignableFrom(type)) {
            throw new IllegalStateException("template.yaml: " + function.handlerClass() + " of " + function.logicalId()
                    + " is not a Lambda RequestStreamHandler");
        }
        return type;
    }

    /**
     * The function's environment from the template, as the Micronaut properties Lambda's would become:
     * {@code !Ref X} and {@code !GetAtt X.Attribute} are looked up in the references under {@code X} and
     * {@code X.Attribute}.
     */
    static Map<String, Object> environment(SamTemplate.Function function, Map<String, String> references) {
        Map<String, Object> properties = new LinkedHashMap<>();
        variables(function, references)
                .forEach((name, resolved) -> properties.put(ConfigKeys.property(name), resolved));
        return properties;
    }

    /** The function's environment variables from the template, by their names, resolved as {@link #environment}. */
    static Map<String, String> variables(SamTemplate.Function function, Map<String, String> references) {
        Map<String, String> variables = new LinkedHashMap<>();
        function.environment().forEach((name, value) -> {
            String resolved;
            if (value instanceof Map<?, ?> map && (map.containsKey("Ref") || map.containsKey("Fn::GetAtt"))) {
                boolean ref = map.containsKey("Ref");
                String key = ref ? String.valueOf(map.get("Ref")) : attribute(map.get("Fn::GetAtt"));
                resolved = references.get(key);
                if (resolved == null) {
                    throw new IllegalStateException("template.yaml: " + function.logicalId() + " sets " + name + " to "
                            + (ref ? "!Ref " : "!GetAtt ") + key + ", which the local run does not provide");
                }
            } else if (value instanceof Map<?, ?>) {
                throw new IllegalStateException("template.yaml: " + function.logicalId() + " sets " + name
                        + " with an intrinsic function the development server cannot resolve: " + value);
            } else {
                resolved = String.valueOf(value);
            }
            variables.put(name, resolved);
        });
        return variables;
    }

    /** {@code X.Arn}, from the short form's text or the long form's list {@code [X, Arn]}. */
    private static String attribute(Object getAtt) {
        return getAtt instanceof List<?> parts
                ? parts.stream().map(String::valueOf).collect(Collectors.joining("."))
                : String.valueOf(getAtt);
    }
}
