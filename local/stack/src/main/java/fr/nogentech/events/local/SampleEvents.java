package fr.nogentech.events.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/** The invocation payloads of {@code events/}, as Lambda's own serializer reads them. */
public final class SampleEvents {

    private SampleEvents() {
    }

    /** The token that the samples carry; tests configure its hash. It opens nothing anywhere else. */
    public static final String SAMPLE_TOKEN = "ntk_sample-token-of-the-events-folder-0000000000";

    public static APIGatewayV2HTTPEvent httpEvent(String file) {
        return EventLoader.loadApiGatewayHttpEvent(path(file));
    }

    public static APIGatewayV2CustomAuthorizerEvent authorizerEvent(String file) {
        return EventLoader.loadAPIGatewayV2CustomAuthorizerEvent(path(file));
    }

    public static SQSEvent sqsEvent(String file) {
        return EventLoader.loadSQSEvent(path(file));
    }

    /** A payload that Lambda hands to a handler of {@code Map<String, Object>} (schedules, EventBridge). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> payload(String file) {
        try {
            return new ObjectMapper().readValue(Path.of(path(file)).toFile(), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String path(String file) {
        return ProjectRoot.find().resolve("events").resolve(file).toString();
    }
}
