package fr.nogentech.events.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.nogentech.events.api.ListEventsApi;
import fr.nogentech.events.crypto.SigningKeys;
import fr.nogentech.events.http.HttpResponses;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.lambda.ApiGatewayHttp;
import fr.nogentech.events.lambda.FunctionHandler;
import fr.nogentech.events.lambda.SnapshotCollection;
import fr.nogentech.events.local.SnapStartHooks;
import fr.nogentech.events.query.EventQueryParser;
import fr.nogentech.events.query.PageCursor;
import fr.nogentech.events.store.EventStore;
import fr.nogentech.events.store.RegistrationStore;
import io.micronaut.context.ApplicationContext;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One measurement in a fresh JVM started by {@link ColdStartBench}, on a function's runtime classpath. Prints one
 * line, {@code PROBE key=value ...}, with epoch milliseconds for the phases the parent times from the launch.
 *
 * <ul>
 *   <li>{@code bare-jvm}: a JVM that starts and exits;</li>
 *   <li>{@code micronaut-context}: the handlers' minimal Micronaut context alone, no configuration;</li>
 *   <li>{@code plain-java EVENT}: {@code ListEventsApi} wired by hand, answering the event through the project's
 *       own API Gateway mapping: the baseline;</li>
 *   <li>{@code cold HANDLER EVENT}: the handler built as Lambda builds it, its first answer, and the memory after;</li>
 *   <li>{@code hooks HANDLER EVENT N}: the handler built, SnapStart's hooks run as Lambda runs them, then one request
 *       timed, N warm invocations, and N times the same SDK calls alone;</li>
 *   <li>{@code primed HANDLER EVENT}: the handler built, its own hooks called directly (not Lambda's context, which
 *       runs {@code System.gc()} after them), then one request timed;</li>
 *   <li>{@code readcost HANDLER EVENT N}: the DynamoDB queries of one invocation (ScannedCount, Count, consumed
 *       capacity) and N warm invocations.</li>
 * </ul>
 */
public final class ColdStartProbe {

    private ColdStartProbe() {}

    public static void main(String[] args) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        switch (args[0]) {
            case "bare-jvm" -> {
                out.put("ready", System.currentTimeMillis());
                out.put("answered", System.currentTimeMillis());
            }
            case "micronaut-context" -> {
                try (ApplicationContext context = ApplicationContext.builder()
                        .deduceEnvironment(false)
                        .banner(false)
                        .start()) {
                    out.put("ready", System.currentTimeMillis());
                    out.put("answered", System.currentTimeMillis());
                    out.put("status", context.isRunning() ? "ok" : "not running");
                }
            }
            case "plain-java" -> {
                ListEventsApi api = plainListEvents();
                out.put("ready", System.currentTimeMillis());
                byte[] event = Files.readAllBytes(Path.of(args[1]));
                JsonNode answer = ApiGatewayHttp.response(
                        HttpResponses.serve(api, ApiGatewayHttp.request(Json.MAPPER.readTree(event))));
                byte[] written = Json.MAPPER.writeValueAsBytes(answer);
                out.put("answered", System.currentTimeMillis());
                out.put("status", status(Json.MAPPER.readTree(written)));
                memory(out);
            }
            case "cold" -> {
                FunctionHandler<?> handler = handler(args[1]);
                out.put("ready", System.currentTimeMillis());
                JsonNode answer = handler.invoke(event(args[2], 0), null);
                out.put("answered", System.currentTimeMillis());
                out.put("status", status(answer));
                memory(out);
            }
            case "hooks" -> hooks(args[1], args[2], Integer.parseInt(args[3]), out);
            case "primed" -> {
                // The handler's own hooks called directly, not through Lambda's context, which after them clears the
                // DNS cache and calls System.gc(): what the handler's hooks alone leave for the first request.
                FunctionHandler<?> handler = handler(args[1]);
                handler.beforeCheckpoint(null);
                handler.afterRestore(null);
                JsonNode first = event(args[2], 0);
                long start = System.nanoTime();
                JsonNode answer = handler.invoke(first, null);
                out.put("firstPrimedMs", millis(System.nanoTime() - start));
                out.put("status", status(answer));
            }
            case "readcost" -> readCost(args[1], args[2], Integer.parseInt(args[3]), out);
            default -> throw new IllegalArgumentException("unknown probe " + args[0]);
        }
        StringJoiner line = new StringJoiner(" ", "PROBE ", "");
        out.forEach((key, value) -> line.add(key + "=" + String.valueOf(value).replace(' ', '_')));
        System.out.println(line);
        System.exit(0);
    }

    private static void hooks(String handlerClass, String eventFile, int warm, Map<String, Object> out)
            throws Exception {
        FunctionHandler<?> handler = handler(handlerClass);
        long hooksStart = System.nanoTime();
        SnapStartHooks.checkpointAndRestore();
        out.put("hooksMs", millis(System.nanoTime() - hooksStart));
        // What a restored environment's first invocation costs: the priming's work is done, the request is new.
        JsonNode first = event(eventFile, 0);
        var classLoading = ManagementFactory.getClassLoadingMXBean();
        long loadedBefore = classLoading.getTotalLoadedClassCount();
        long start = System.nanoTime();
        JsonNode answer = handler.invoke(first, null);
        out.put("firstAfterHooksMs", millis(System.nanoTime() - start));
        // What priming did not reach: each class the first request still loads is work on the user's time.
        out.put("firstLoadedClasses", classLoading.getTotalLoadedClassCount() - loadedBefore);
        out.put("status", status(answer));
        // The SDK calls of one more invocation, recorded, to be made again alone; then, alternately, N warm
        // invocations and N times those calls alone, so that a slow moment of the machine weighs on both.
        BenchCalls.record();
        handler.invoke(event(eventFile, 1), null);
        try (BareCalls bare = new BareCalls(BenchCalls.stop())) {
            out.put("calls", bare.isEmpty() ? "none" : bare.describe());
            double[] handlerTimes = new double[warm];
            double[] bareTimes = new double[warm];
            for (int i = 0; i < warm; i++) {
                JsonNode event = event(eventFile, i + 2);
                long t = System.nanoTime();
                handler.invoke(event, null);
                handlerTimes[i] = millis(System.nanoTime() - t);
                if (!bare.isEmpty()) {
                    t = System.nanoTime();
                    bare.run();
                    bareTimes[i] = millis(System.nanoTime() - t);
                }
            }
            out.put("warmP50", percentile(handlerTimes, 50));
            out.put("warmP99", percentile(handlerTimes, 99));
            if (!bare.isEmpty()) {
                out.put("bareP50", percentile(bareTimes, 50));
                out.put("bareP99", percentile(bareTimes, 99));
                out.put("bareErrors", bare.failures());
            }
        }
    }

    private static void readCost(String handlerClass, String eventFile, int warm, Map<String, Object> out)
            throws Exception {
        FunctionHandler<?> handler = handler(handlerClass);
        BenchCalls.askConsumedCapacity();
        JsonNode event = event(eventFile, 0);
        handler.invoke(event, null);
        BenchCalls.record();
        JsonNode answer = handler.invoke(event, null);
        List<BenchCalls.Call> calls = BenchCalls.stop();
        out.put("status", status(answer));
        out.put(
                "events",
                Json.MAPPER.readTree(answer.path("body").asText()).path("items").size());
        int queries = 0;
        for (BenchCalls.Call call : calls) {
            if (call.response() instanceof software.amazon.awssdk.services.dynamodb.model.QueryResponse query) {
                queries++;
                out.put(
                        "limit",
                        ((software.amazon.awssdk.services.dynamodb.model.QueryRequest) call.request()).limit());
                out.put("scannedCount", query.scannedCount());
                out.put("count", query.count());
                out.put(
                        "consumedCapacity",
                        query.consumedCapacity() == null
                                ? "none"
                                : query.consumedCapacity().capacityUnits());
            }
        }
        out.put("queries", queries);
        // Then, as in the hooks probe, warm invocations and the same Query alone, alternately, after a warm-up.
        try (BareCalls bare = new BareCalls(calls)) {
            for (int i = 0; i < 20; i++) {
                handler.invoke(event, null);
                bare.run();
            }
            double[] times = new double[warm];
            double[] bareTimes = new double[warm];
            for (int i = 0; i < warm; i++) {
                long t = System.nanoTime();
                handler.invoke(event, null);
                times[i] = millis(System.nanoTime() - t);
                t = System.nanoTime();
                bare.run();
                bareTimes[i] = millis(System.nanoTime() - t);
            }
            out.put("warmP50", percentile(times, 50));
            out.put("bareP50", percentile(bareTimes, 50));
        }
    }

    /** The baseline: the listing's domain and store, and an SDK client with the functions' settings, by hand. */
    private static ListEventsApi plainListEvents() {
        DynamoDbClient dynamoDb = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(SdkSystemSetting.AWS_REGION.getStringValueOrThrow()))
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(10))
                        .apiCallAttemptTimeout(Duration.ofSeconds(3))
                        .putAdvancedOption(SdkAdvancedClientOption.USER_AGENT_SUFFIX, "nogentech-events"))
                .build();
        Clock clock = Clock.systemUTC();
        return new ListEventsApi(
                new EventStore(dynamoDb, System.getenv("EVENTS_TABLE"), clock),
                new RegistrationStore(dynamoDb, System.getenv("EVENTS_TABLE")),
                new EventQueryParser(new PageCursor(SigningKeys.of(System.getenv("CURSOR_SECRET"), "CURSOR_SECRET"))),
                clock);
    }

    /** The handler as Lambda builds it: its public no-argument constructor, configuration from the environment. */
    private static FunctionHandler<?> handler(String type) throws ReflectiveOperationException {
        return (FunctionHandler<?>) Class.forName(type).getConstructor().newInstance();
    }

    /**
     * The sample event; for the confirmations, each invocation asks for a new address (the same one twice is only
     * read: it already had its email).
     */
    private static JsonNode event(String file, int invocation) throws IOException {
        JsonNode event = Json.MAPPER.readTree(Files.readAllBytes(Path.of(file)));
        if (event.has("Records")
                && event.path("Records").path(0).path("eventSource").asText().equals("aws:sqs")) {
            String address = "bench-" + ProcessHandle.current().pid() + "-" + invocation + "@example.org";
            ((ObjectNode) event.path("Records").get(0))
                    .put(
                            "body",
                            Json.write(Json.object()
                                    .put("email", address)
                                    .put("requestedAt", java.time.Instant.now().toString())));
        }
        return event;
    }

    /** An API answer's status code; another function's answer, as "ok". */
    private static String status(JsonNode answer) {
        return answer.has("statusCode") ? answer.get("statusCode").asText() : "ok";
    }

    private static void memory(Map<String, Object> out) throws IOException {
        out.put(
                "rssKb",
                Files.readAllLines(Path.of("/proc/self/status")).stream()
                        .filter(line -> line.startsWith("VmRSS:"))
                        .map(line -> line.replaceAll("\\D", ""))
                        .findFirst()
                        .orElse("0"));
        var memory = ManagementFactory.getMemoryMXBean();
        out.put("heapUsedKb", memory.getHeapMemoryUsage().getUsed() / 1024);
        out.put("nonHeapKb", memory.getNonHeapMemoryUsage().getUsed() / 1024);
        out.put("classes", ManagementFactory.getClassLoadingMXBean().getLoadedClassCount());
        // Not System.gc(): the template's JAVA_TOOL_OPTIONS disable it.
        SnapshotCollection.collect();
        out.put("liveHeapKb", memory.getHeapMemoryUsage().getUsed() / 1024);
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    static double percentile(double[] values, int percentile) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
