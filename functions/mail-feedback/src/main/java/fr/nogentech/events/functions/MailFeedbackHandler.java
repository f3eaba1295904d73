package fr.nogentech.events.functions;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import fr.nogentech.events.subscription.MailFeedback;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

import java.util.Map;

/** SES's bounce and complaint events, from EventBridge: the addresses concerned are never mailed again. */
public class MailFeedbackHandler extends MicronautRequestHandler<Map<String, Object>, Map<String, Object>>
        // named again for AWS's SnapStart rules (mvn verify): they check only classes that name it themselves
        implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Inject
    MailFeedback feedback;

    public MailFeedbackHandler() {
    }

    public MailFeedbackHandler(ApplicationContextBuilder context) {
        super(context);
    }

    @Override
    public Map<String, Object> execute(Map<String, Object> event) {
        return Map.of("suppressed", feedback.handle(event));
    }
}
