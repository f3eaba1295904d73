package fr.nogentech.events.functions;

import fr.nogentech.events.local.SdkCalls;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An SDK interceptor that answers SendEmail calls as SES would in trouble, before anything is sent: the error of a
 * test's choosing, for the recipients it chooses. It records when SES accepted each email.
 */
final class SesFaults implements ExecutionInterceptor {

    private volatile Function<String, String> errorFor = to -> null;
    final List<Instant> accepted = new CopyOnWriteArrayList<>();

    /** From now on, SendEmail to a recipient answers the error code {@code errorFor} gives (null: accepted). */
    void answer(Function<String, String> errorFor) {
        this.errorFor = errorFor;
    }

    void answerEveryone(String code) {
        answer(to -> code);
    }

    void heal() {
        answer(to -> null);
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (!(context.request() instanceof SendEmailRequest send)) {
            return;
        }
        String code = errorFor.apply(send.destination().toAddresses().get(0));
        if (code != null) {
            throw SdkCalls.sesError(code);
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof SendEmailRequest) {
            accepted.add(Instant.now());
        }
    }
}
