package fr.nogentech.events.functions;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sesv2.model.MessageTag;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Registered for every SDK client of the test JVM (execution.interceptors): records the recipient and the {@code kind}
 * tag of every email SES accepted, which moto does not keep.
 */
public final class SentKinds implements ExecutionInterceptor {

    /** An email SES accepted: to whom, and its kind tag. */
    record Sent(String to, String kind) {}

    static final List<Sent> SENT = new CopyOnWriteArrayList<>();

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof SendEmailRequest send) {
            String kind = send.emailTags() == null
                    ? null
                    : send.emailTags().stream()
                            .filter(tag -> tag.name().equals("kind"))
                            .map(MessageTag::value)
                            .findFirst()
                            .orElse(null);
            SENT.add(new Sent(send.destination().toAddresses().get(0), kind));
        }
    }

    /** The kinds of the emails sent to each address that ends with {@code domain}. */
    static Map<String, List<String>> to(String domain) {
        return SENT.stream()
                .filter(sent -> sent.to().endsWith(domain))
                .collect(java.util.stream.Collectors.groupingBy(
                        Sent::to,
                        java.util.stream.Collectors.mapping(Sent::kind, java.util.stream.Collectors.toList())));
    }
}
