package fr.nogentech.events.local;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code template.yaml} read as data: the functions, their HTTP routes and queues, the tables and the queues. The
 * development server, the local set-up and the tests all take these from here, so the template stays the one list.
 */
public final class SamTemplate {

    /**
     * A function of the template, the HTTP routes and the queues that invoke it. Its {@code CodeUri} is the zip that
     * its Maven module builds ({@code functions/NAME/target/NAME-lambda.zip}). {@code reservedConcurrency} is null
     * when the function declares none; {@code timeoutSeconds} is its own {@code Timeout}, else the global one, else
     * Lambda's default of 3. {@code policies} are as written, one item per policy (see {@link #policies(Object)}).
     */
    public record Function(
            String logicalId,
            String codeUri,
            String handlerClass,
            List<Route> routes,
            Map<String, Object> environment,
            List<Object> policies,
            List<SqsEvent> sqsEvents,
            Integer reservedConcurrency,
            int timeoutSeconds) {

        /** The Maven module that builds the function: the folder above its {@code target/}. */
        public String module() {
            int target = codeUri.indexOf("/target/");
            return target < 0 ? codeUri : codeUri.substring(0, target);
        }
    }

    /** An HTTP API route, {@code GET /events/{id}}, and the name of its authorizer (null on a public route). */
    public record Route(String method, String path, String authorizer) {
        public String key() {
            return method + " " + path;
        }
    }

    /**
     * An enabled SQS event source of a function: the queue's logical id (from {@code !GetAtt Q.Arn}, or the text as
     * written when it is not an expression), the batch size (10 unless set) and whether the function reports
     * batch item failures.
     */
    public record SqsEvent(String name, String queue, int batchSize, boolean reportBatchItemFailures) {}

    /** An SQS queue and its CloudFormation properties. */
    public record Queue(String logicalId, Map<String, Object> properties) {

        /** The logical id of the dead-letter queue its {@code RedrivePolicy} names, or null when it has none. */
        public String deadLetterQueue() {
            Object target = map(properties.get("RedrivePolicy")).get("deadLetterTargetArn");
            return target == null ? null : logicalIdOf(target);
        }

        public int maxReceiveCount() {
            Integer count = integerOf(map(properties.get("RedrivePolicy")).get("maxReceiveCount"));
            return count == null ? 10 : count;
        }
    }

    /** A Lambda authorizer of the HTTP API: the function that decides, and the headers it needs. */
    public record Authorizer(String name, String functionLogicalId, List<String> identityHeaders) {}

    /** A DynamoDB table and its CloudFormation properties. */
    public record Table(String logicalId, Map<String, Object> properties) {}

    private final Map<String, Object> document;

    private SamTemplate(Map<String, Object> document) {
        this.document = document;
    }

    public static SamTemplate load(Path path) {
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            Map<String, Object> document = new Yaml(new CloudFormationConstructor()).load(reader);
            return new SamTemplate(document);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    public List<Function> functions() {
        String defaultAuthorizer = (String) httpApiAuth().get("DefaultAuthorizer");
        Map<String, Object> globals = map(map(document.get("Globals")).get("Function"));
        Map<String, Object> globalEnvironment =
                map(map(globals.get("Environment")).get("Variables"));
        List<Function> functions = new ArrayList<>();
        resources("AWS::Serverless::Function").forEach((id, resource) -> {
            Map<String, Object> properties = map(resource.get("Properties"));
            String handler = String.valueOf(properties.get("Handler"));
            List<Route> routes = new ArrayList<>();
            List<SqsEvent> sqsEvents = new ArrayList<>();
            map(properties.get("Events")).forEach((eventName, event) -> {
                Map<String, Object> eventMap = map(event);
                Map<String, Object> eventProperties = map(eventMap.get("Properties"));
                if ("HttpApi".equals(eventMap.get("Type"))) {
                    Object authorizer = map(eventProperties.get("Auth")).getOrDefault("Authorizer", defaultAuthorizer);
                    routes.add(new Route(
                            String.valueOf(eventProperties.get("Method")).toUpperCase(),
                            String.valueOf(eventProperties.get("Path")),
                            authorizer == null || "NONE".equals(authorizer) ? null : authorizer.toString()));
                } else if ("SQS".equals(eventMap.get("Type"))
                        && !Boolean.FALSE.equals(eventProperties.get("Enabled"))) {
                    sqsEvents.add(new SqsEvent(
                            eventName,
                            logicalIdOf(eventProperties.get("Queue")),
                            Objects.requireNonNullElse(integerOf(eventProperties.get("BatchSize")), 10),
                            list(eventProperties.get("FunctionResponseTypes")).contains("ReportBatchItemFailures")));
                }
            });
            Map<String, Object> environment = new LinkedHashMap<>(globalEnvironment);
            environment.putAll(map(map(properties.get("Environment")).get("Variables")));
            functions.add(new Function(
                    id,
                    String.valueOf(properties.get("CodeUri")),
                    handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler,
                    List.copyOf(routes),
                    environment,
                    policies(properties.get("Policies")),
                    List.copyOf(sqsEvents),
                    integerOf(properties.get("ReservedConcurrentExecutions")),
                    Objects.requireNonNullElse(
                            integerOf(properties.get("Timeout")),
                            Objects.requireNonNullElse(integerOf(globals.get("Timeout")), 3))));
        });
        return functions;
    }

    /**
     * A function's {@code Policies} as a list, as SAM reads them: a single policy (a managed policy's name or ARN, a
     * policy document, a reference or a policy template) is a list of one, never none.
     */
    static List<Object> policies(Object policies) {
        if (policies == null) {
            return List.of();
        }
        return policies instanceof List<?> several ? list(several) : List.of(policies);
    }

    /** The parameters that have a {@code Default}, with it as text (a list parameter's items joined by commas). */
    public Map<String, String> parameterDefaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        map(document.get("Parameters")).forEach((name, definition) -> {
            Map<String, Object> parameter = map(definition);
            if (parameter.containsKey("Default")) {
                defaults.put(name, String.valueOf(parameter.get("Default")));
            }
        });
        return defaults;
    }

    public Map<String, Authorizer> authorizers() {
        Map<String, Authorizer> authorizers = new LinkedHashMap<>();
        map(httpApiAuth().get("Authorizers")).forEach((name, definition) -> {
            Map<String, Object> properties = map(definition);
            List<String> headers = list(map(properties.get("Identity")).get("Headers")).stream()
                    .map(String::valueOf)
                    .toList();
            authorizers.put(name, new Authorizer(name, logicalIdOf(properties.get("FunctionArn")), headers));
        });
        return authorizers;
    }

    /**
     * The resource an expression names: {@code !GetAtt X.Arn}, {@code !Ref X.Alias}; a value that is no expression
     * (a literal ARN) as written.
     */
    static String logicalIdOf(Object value) {
        if (!(value instanceof Map<?, ?>)) {
            return String.valueOf(value);
        }
        Map<String, Object> expression = map(value);
        Object target = expression.containsKey("Ref") ? expression.get("Ref") : expression.get("Fn::GetAtt");
        if (target instanceof List<?> parts && !parts.isEmpty()) {
            return String.valueOf(parts.get(0));
        }
        String text = String.valueOf(target);
        return text.contains(".") ? text.substring(0, text.indexOf('.')) : text;
    }

    /** The HTTP API's {@code CorsConfiguration}, as written (empty when there is none). */
    public Map<String, Object> cors() {
        Map<String, Map<String, Object>> apis = resources("AWS::Serverless::HttpApi");
        return apis.isEmpty()
                ? Map.of()
                : map(map(apis.values().iterator().next().get("Properties")).get("CorsConfiguration"));
    }

    private Map<String, Object> httpApiAuth() {
        Map<String, Map<String, Object>> apis = resources("AWS::Serverless::HttpApi");
        return apis.isEmpty()
                ? Map.of()
                : map(map(apis.values().iterator().next().get("Properties")).get("Auth"));
    }

    /** The {@code Globals} section's {@code Function} settings, as written. */
    public Map<String, Object> functionGlobals() {
        return map(map(document.get("Globals")).get("Function"));
    }

    /** One resource, as written, or an empty map. */
    public Map<String, Object> resource(String logicalId) {
        return map(map(document.get("Resources")).get(logicalId));
    }

    public List<Table> tables() {
        List<Table> tables = new ArrayList<>();
        resources("AWS::DynamoDB::Table")
                .forEach((id, resource) -> tables.add(new Table(id, map(resource.get("Properties")))));
        return tables;
    }

    public List<Queue> queues() {
        List<Queue> queues = new ArrayList<>();
        resources("AWS::SQS::Queue")
                .forEach((id, resource) -> queues.add(new Queue(id, map(resource.get("Properties")))));
        return queues;
    }

    /** The resources of one type, by logical id, as written (short forms read as their long forms). */
    public Map<String, Map<String, Object>> resources(String type) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        map(document.get("Resources")).forEach((id, resource) -> {
            Map<String, Object> resourceMap = map(resource);
            if (type.equals(resourceMap.get("Type"))) {
                found.put(id, resourceMap);
            }
        });
        return found;
    }

    /** A number as written; null when absent, or an expression that only CloudFormation evaluates. */
    static Integer integerOf(Object value) {
        if (value instanceof Number number) {
            return number.intValue();
        }
        return value instanceof String text && text.trim().matches("-?\\d+") ? Integer.valueOf(text.trim()) : null;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object value) {
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }
}
