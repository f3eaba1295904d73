package fr.nogentech.events.bench;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.util.ArrayList;
import java.util.List;

/**
 * The SDK calls a function's own clients make, seen from inside its JVM: registered for every client by a
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors} file that {@link ColdStartBench} puts on the
 * classpath of the probes that need it (never on a cold start's). Idle until a probe starts recording; then it keeps
 * each call's request as the function gave it (to replay the same calls alone, {@link BareCalls}) and its response,
 * and can ask DynamoDB's {@code Query} for its consumed capacity.
 */
public final class BenchCalls implements ExecutionInterceptor {

    /** One call: the service as the SDK names it ({@code DynamoDb}), the request, and the response (null if none). */
    public record Call(String service, SdkRequest request, SdkResponse response) {}

    private static volatile List<Call> recording;
    private static volatile boolean consumedCapacity;

    /** Starts a new recording (and drops the last). */
    static synchronized void record() {
        recording = new ArrayList<>();
    }

    /** The calls since {@link #record()}, and stops recording. */
    static synchronized List<Call> stop() {
        List<Call> calls = recording == null ? List.of() : List.copyOf(recording);
        recording = null;
        return calls;
    }

    /** Adds {@code ReturnConsumedCapacity: TOTAL} to every DynamoDB {@code Query} from now on. */
    static void askConsumedCapacity() {
        consumedCapacity = true;
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        if (consumedCapacity
                && context.request() instanceof software.amazon.awssdk.services.dynamodb.model.QueryRequest query) {
            return query.toBuilder()
                    .returnConsumedCapacity(software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity.TOTAL)
                    .build();
        }
        return context.request();
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        List<Call> calls = recording;
        if (calls != null) {
            synchronized (BenchCalls.class) {
                calls.add(new Call(
                        attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
                        context.request(),
                        context.response()));
            }
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        List<Call> calls = recording;
        if (calls != null) {
            synchronized (BenchCalls.class) {
                calls.add(
                        new Call(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME), context.request(), null));
            }
        }
    }
}
