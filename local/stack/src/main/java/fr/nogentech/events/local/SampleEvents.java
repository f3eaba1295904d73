package fr.nogentech.events.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Path;

/** The invocation payloads of {@code events/}, as the JSON documents Lambda passes to a handler. */
public final class SampleEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SampleEvents() {}

    /** The token that the samples carry; tests configure its hash. It opens nothing anywhere else. */
    public static final String SAMPLE_TOKEN = "ntk_sample-token-of-the-events-folder-0000000000";

    /** A payload of {@code events/}: an API Gateway request, an authorizer's request, an SQS batch, a schedule's. */
    public static ObjectNode event(String file) {
        Path path = ProjectRoot.find().resolve("events").resolve(file);
        try {
            return (ObjectNode) JSON.readTree(path.toFile());
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException("events/" + file + " is not a JSON object", e);
        }
    }
}
