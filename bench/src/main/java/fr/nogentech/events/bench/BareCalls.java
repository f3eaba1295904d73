package fr.nogentech.events.bench;

import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SDK calls of one invocation, made again without the function: the same requests, on clients built with the
 * settings of the functions' own ({@code AwsClients}: url-connection HTTP client, explicit region, the same time
 * limits and User-Agent suffix). What remains of a warm invocation above these is the handler's own cost. Clients are
 * found by reflection, so that this class needs no service's SDK that a function does not carry.
 */
final class BareCalls implements AutoCloseable {

    /** Each service's time limits (call, attempt), as the functions' factories set them. */
    private static final Map<String, Duration[]> TIMEOUTS = Map.of(
            "DynamoDb", new Duration[] {Duration.ofSeconds(10), Duration.ofSeconds(3)},
            "SesV2", new Duration[] {Duration.ofSeconds(20), Duration.ofSeconds(8)},
            "Sqs", new Duration[] {Duration.ofSeconds(5), Duration.ofSeconds(2)},
            "Lambda", new Duration[] {Duration.ofSeconds(10), Duration.ofSeconds(4)});

    private record Replay(SdkClient client, Method method, SdkRequest request) {}

    private final List<Replay> replays;
    private final Map<String, SdkClient> clients = new HashMap<>();
    private int failures;

    BareCalls(List<BenchCalls.Call> calls) {
        this.replays = calls.stream()
                .map(call -> {
                    SdkClient client =
                            clients.computeIfAbsent(call.service(), service -> client(service, call.request()));
                    return new Replay(client, operation(client, call.request()), call.request());
                })
                .toList();
    }

    boolean isEmpty() {
        return replays.isEmpty();
    }

    /** The calls as {@code DynamoDb.Query, DynamoDb.GetItem}. */
    String describe() {
        return String.join("+", replays.stream().map(r -> r.method().getName()).toList());
    }

    /** Makes every call once; an error answer (a condition that fails the second time) counts as a call made. */
    void run() {
        for (Replay replay : replays) {
            try {
                replay.method().invoke(replay.client(), replay.request());
            } catch (InvocationTargetException e) {
                failures++;
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    int failures() {
        return failures;
    }

    @Override
    public void close() {
        clients.values().forEach(SdkClient::close);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static SdkClient client(String service, SdkRequest request) {
        String servicePackage = request.getClass().getPackageName().replaceFirst("\\.model$", "");
        try {
            Class<?> type = Class.forName(servicePackage + "." + service + "Client");
            AwsClientBuilder builder =
                    (AwsClientBuilder) type.getMethod("builder").invoke(null);
            Duration[] timeouts = TIMEOUTS.getOrDefault(service, TIMEOUTS.get("DynamoDb"));
            ((SdkSyncClientBuilder) builder).httpClient(UrlConnectionHttpClient.create());
            builder.region(Region.of(SdkSystemSetting.AWS_REGION.getStringValueOrThrow()))
                    .overrideConfiguration(
                            o -> ((software.amazon.awssdk.core.client.config.ClientOverrideConfiguration.Builder) o)
                                    .apiCallTimeout(timeouts[0])
                                    .apiCallAttemptTimeout(timeouts[1])
                                    .putAdvancedOption(SdkAdvancedClientOption.USER_AGENT_SUFFIX, "nogentech-events"));
            return (SdkClient) builder.build();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no client for " + service + ": " + e, e);
        }
    }

    private static Method operation(SdkClient client, SdkRequest request) {
        for (Class<?> type : client.getClass().getInterfaces()) {
            for (Method method : type.getMethods()) {
                if (method.getParameterCount() == 1 && method.getParameterTypes()[0] == request.getClass()) {
                    return method;
                }
            }
        }
        throw new IllegalStateException(client.getClass() + " has no operation taking " + request.getClass());
    }
}
