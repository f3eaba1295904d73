package fr.nogentech.events.functions;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import fr.nogentech.events.subscription.Confirmations;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;

/**
 * The queued subscription requests: sends each one's confirmation email when it is due. A request the mail service
 * could not take now is reported as a batch item failure, so that SQS delivers it again later (and, after five
 * tries, to the dead-letter queue).
 */
public class SendConfirmationHandler extends MicronautRequestHandler<SQSEvent, SQSBatchResponse>
        // named again for AWS's SnapStart rules (mvn verify): they check only classes that name it themselves
        implements RequestHandler<SQSEvent, SQSBatchResponse> {

    @Inject
    Confirmations confirmations;

    public SendConfirmationHandler() {
    }

    public SendConfirmationHandler(ApplicationContextBuilder context) {
        super(context);
    }

    @Override
    public SQSBatchResponse execute(SQSEvent event) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            if (confirmations.handle(message.getBody()) == Confirmations.Outcome.RETRY) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
