package fr.nogentech.events.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.RuntimeBeanDefinition;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
    private RequestHandler<Object, Object> handler;

    private LocalFunction(SamTemplate.Function definition, Class<?> type, Map<String, Object> properties,
                          Clock clock) {
        this.definition = definition;
        this.type = type;
        this.properties = properties;
        this.clock = clock;
        this.reserved = definition.reservedConcurrency() == null ? null
                : new Semaphore(Math.max(1, definition.reservedConcurrency()));
    }

    /**
     * Checks the handler class and resolves the environment; the handler is not started yet.
     *
     * @param clock the clock its context injects in place of the system's, or null for the system's
     */
    static LocalFunction of(SamTemplate.Function definition, Map<String, String> references,
                            Map<String, Object> localProperties, Clock clock) {
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

    /** The type the handler takes, as {@code RequestHandler<I, O>} declares it. */
    JavaType inputType() {
        JavaType[] parameters = TypeFactory.defaultInstance().constructType(type)
                .findTypeParameters(RequestHandler.class);
        return parameters.length == 2 ? parameters[0] : TypeFactory.unknownType();
    }

    @SuppressWarnings("unchecked")
    synchronized RequestHandler<Object, Object> handler() {
        if (handler == null) {
            try {
                Constructor<?> constructor = type.getConstructor(ApplicationContextBuilder.class);
                // Lambda's own builder settings (environments, eager singletons), with the template's environment.
                ApplicationContextBuilder context = new LambdaApplicationContextBuilder().properties(properties);
                if (clock != null) {
                    context.beanDefinitions(RuntimeBeanDefinition.builder(Clock.class, () -> clock)
                            .replaces(Clock.class).singleton(true).build());
                }
                handler = (RequestHandler<Object, Object>) constructor.newInstance(context);
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
    Object invoke(Object input, String requestId) {
        return invoke(input, requestId, definition.timeoutSeconds() * 1000L);
    }

    Object invoke(Object input, String requestId, long timeoutMillis) {
        RequestHandler<Object, Object> started = handler();
        if (reserved != null) {
            try {
                reserved.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(logicalId() + ": interrupted while waiting for its turn", e);
            }
        }
        try {
            return started.handleRequest(input, new LocalLambdaContext(requestId, logicalId(), timeoutMillis));
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
                    ? " routes " + function.routes().stream().map(SamTemplate.Route::key).toList() + " to "
                    : !function.sqsEvents().isEmpty()
                    ? " gives the messages of " + function.sqsEvents().stream().map(SamTemplate.SqsEvent::queue)
                            .collect(Collectors.toList()) + " to "
                    : " runs ";
            throw new IllegalStateException("template.yaml: " + function.logicalId() + use
                    + function.handlerClass() + ", which is not on the classpath (is " + function.codeUri()
                    + " a module of the build, and a dependency of local/server?)");
        }
        if (!RequestHandler.class.isAssignableFrom(type)) {
            throw new IllegalStateException("template.yaml: " + function.handlerClass() + " of "
                    + function.logicalId() + " is not a Lambda RequestHandler");
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
        function.environment().forEach((name, value) -> {
            String resolved;
            if (value instanceof Map<?, ?> map && (map.containsKey("Ref") || map.containsKey("Fn::GetAtt"))) {
                boolean ref = map.containsKey("Ref");
                String key = ref ? String.valueOf(map.get("Ref")) : attribute(map.get("Fn::GetAtt"));
                resolved = references.get(key);
                if (resolved == null) {
                    throw new IllegalStateException("template.yaml: " + function.logicalId() + " sets " + name
                            + " to " + (ref ? "!Ref " : "!GetAtt ") + key + ", which the local run does not provide");
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

    /** {@code X.Arn}, from the short form's text or the long form's list {@code [X, Arn]}. */
    private static String attribute(Object getAtt) {
        return getAtt instanceof List<?> parts
                ? parts.stream().map(String::valueOf).collect(Collectors.joining("."))
                : String.valueOf(getAtt);
    }
}
