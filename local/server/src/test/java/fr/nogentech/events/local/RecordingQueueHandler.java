package fr.nogentech.events.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.lambda.FunctionHandler;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.Environment;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test-only SQS function of async-template.yaml: records every message it is given and its environment. A body
 * starting with {@code fail} is reported as a batch item failure; {@code throw-once} makes the whole batch throw on
 * its first receive; {@code invoke:JSON} invokes WORKER_FUNCTION asynchronously with that payload, as a production
 * function would, through the SDK.
 */
public class RecordingQueueHandler extends FunctionHandler<Environment> {

    static final List<JsonNode> RECEIVED = new CopyOnWriteArrayList<>();
    static final Map<String, String> ENVIRONMENT = new ConcurrentHashMap<>();

    public RecordingQueueHandler() {
        super(Environment.class);
    }

    public RecordingQueueHandler(ApplicationContextBuilder context) {
        super(Environment.class, context);
    }

    @Override
    protected JsonNode handle(Environment environment, JsonNode event, Context lambda) {
        for (String name : List.of("work.queue.url", "work.queue.arn", "dead.letter.queue.arn", "worker.function")) {
            environment.getProperty(name, String.class).ifPresent(value -> ENVIRONMENT.put(name, value));
        }
        ObjectNode answer = Json.object();
        ArrayNode failures = answer.putArray("batchItemFailures");
        for (JsonNode message : event.path("Records")) {
            RECEIVED.add(message);
            String body = message.path("body").asText();
            if (body.startsWith("throw-once")
                    && "1"
                            .equals(message.at("/attributes/ApproximateReceiveCount")
                                    .asText())) {
                throw new IllegalStateException("first receive of " + body);
            }
            if (body.startsWith("fail")) {
                failures.addObject()
                        .put("itemIdentifier", message.path("messageId").asText());
            }
            if (body.startsWith("invoke:")) {
                try (LambdaClient lambdaClient = LambdaClient.builder()
                        .httpClient(UrlConnectionHttpClient.create())
                        .build()) {
                    lambdaClient.invoke(r -> r.functionName(ENVIRONMENT.get("worker.function"))
                            .invocationType(InvocationType.EVENT)
                            .payload(SdkBytes.fromUtf8String(body.substring("invoke:".length()))));
                }
            }
        }
        return answer;
    }

    @Override
    protected void rehearse(Environment environment) {}
}
