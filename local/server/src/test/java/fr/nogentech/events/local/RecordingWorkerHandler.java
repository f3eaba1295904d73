package fr.nogentech.events.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.lambda.FunctionHandler;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.Environment;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only function of async-template.yaml, invoked through Lambda's Invoke API: records each payload, when each
 * invocation starts and ends, and the most invocations that ran at once. A payload's {@code sleepMillis} makes it
 * last that long; {@code throw} makes it fail.
 */
public class RecordingWorkerHandler extends FunctionHandler<Environment> {

    static final List<Map<String, Object>> PAYLOADS = new CopyOnWriteArrayList<>();
    /** "start ID" and "end ID", in the order they happened. */
    static final List<String> TIMELINE = new CopyOnWriteArrayList<>();

    static final AtomicInteger MOST_AT_ONCE = new AtomicInteger();
    private static final AtomicInteger RUNNING = new AtomicInteger();

    public RecordingWorkerHandler() {
        super(Environment.class);
    }

    public RecordingWorkerHandler(ApplicationContextBuilder context) {
        super(Environment.class, context);
    }

    @Override
    protected void rehearse(Environment environment) {}

    @Override
    @SuppressWarnings("unchecked")
    protected JsonNode handle(Environment environment, JsonNode event, Context lambda) {
        Map<String, Object> payload = Json.MAPPER.convertValue(event, Map.class);
        MOST_AT_ONCE.accumulateAndGet(RUNNING.incrementAndGet(), Math::max);
        TIMELINE.add("start " + payload.get("id"));
        try {
            PAYLOADS.add(payload);
            if (payload.containsKey("throw")) {
                throw new IllegalArgumentException("asked to fail: " + payload.get("id"));
            }
            Thread.sleep(((Number) payload.getOrDefault("sleepMillis", 0)).longValue());
            return Json.MAPPER.valueToTree(Map.of("echo", payload));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            TIMELINE.add("end " + payload.get("id"));
            RUNNING.decrementAndGet();
        }
    }
}
