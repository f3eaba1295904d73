package fr.nogentech.events.local;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;

import java.util.ArrayList;
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
public class RecordingQueueHandler extends MicronautRequestHandler<SQSEvent, SQSBatchResponse> {

    static final List<SQSEvent.SQSMessage> RECEIVED = new CopyOnWriteArrayList<>();
    static final Map<String, String> ENVIRONMENT = new ConcurrentHashMap<>();

    public RecordingQueueHandler() {
    }

    public RecordingQueueHandler(ApplicationContextBuilder context) {
        super(context);
    }

    @Override
    public SQSBatchResponse execute(SQSEvent event) {
        for (String name : List.of("work.queue.url", "work.queue.arn", "dead.letter.queue.arn",
                "worker.function")) {
            getApplicationContext().getProperty(name, String.class).ifPresent(value -> ENVIRONMENT.put(name, value));
        }
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            RECEIVED.add(message);
            String body = message.getBody();
            if (body.startsWith("throw-once") && "1".equals(message.getAttributes().get("ApproximateReceiveCount"))) {
                throw new IllegalStateException("first receive of " + body);
            }
            if (body.startsWith("fail")) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
            if (body.startsWith("invoke:")) {
                try (LambdaClient lambda = LambdaClient.builder().httpClient(UrlConnectionHttpClient.create())
                        .build()) {
                    lambda.invoke(r -> r.functionName(ENVIRONMENT.get("worker.function"))
                            .invocationType(InvocationType.EVENT)
                            .payload(SdkBytes.fromUtf8String(body.substring("invoke:".length()))));
                }
            }
        }
        return new SQSBatchResponse(failures);
    }
}
