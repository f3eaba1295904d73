package fr.nogentech.events.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;

/** The invocation payloads of {@code events/}, as Lambda's own serializer reads them. */
public final class SampleEvents {

    private SampleEvents() {
    }

    public static APIGatewayV2HTTPEvent httpEvent(String file) {
        return EventLoader.loadApiGatewayHttpEvent(ProjectRoot.find().resolve("events").resolve(file).toString());
    }
}
