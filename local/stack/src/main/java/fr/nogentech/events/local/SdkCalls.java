package fr.nogentech.events.local;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.sesv2.model.AccountSuspendedException;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.LimitExceededException;
import software.amazon.awssdk.services.sesv2.model.MailFromDomainNotVerifiedException;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;
import software.amazon.awssdk.services.sesv2.model.SendingPausedException;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An SDK interceptor that a test module registers for every client of its JVM (a
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors} file in its test resources), so that it sees
 * the calls of the clients the functions build for themselves. Idle until a test asks: it then records the calls, or
 * answers one operation with an error of the test's choosing before anything is sent, as the service would.
 */
public final class SdkCalls implements ExecutionInterceptor {

    /** One call: the service's name as the SDK knows it ({@code DynamoDb}, {@code Sqs}, {@code SesV2}) and the operation. */
    public record Call(String service, String operation) {
        @Override
        public String toString() {
            return service + "." + operation;
        }
    }

    private static final List<List<Call>> RECORDERS = new CopyOnWriteArrayList<>();
    private static final List<Set<String>> ACTION_RECORDERS = new CopyOnWriteArrayList<>();
    /** What AwsClients puts in the functions' User-Agent. */
    private static final String FUNCTIONS_USER_AGENT = "nogentech-events";

    private static final Map<String, String> IAM_PREFIX =
            Map.of("DynamoDb", "dynamodb", "Sqs", "sqs", "SesV2", "ses", "Lambda", "lambda");
    private static final Map<String, Function<SdkRequest, RuntimeException>> FAULTS = new ConcurrentHashMap<>();
    private static final Map<String, URI> REDIRECTS = new ConcurrentHashMap<>();

    /** Adds every call to {@code calls} until the handle is closed. */
    public static AutoCloseable record(List<Call> calls) {
        RECORDERS.add(calls);
        return () -> RECORDERS.remove(calls);
    }

    /**
     * Adds the IAM actions of every call the functions make (their clients name the product in the User-Agent; the
     * tests' own set-up does not) to {@code actions} until the handle is closed ({@code dynamodb:PutItem}; a
     * transaction counts as the actions of its items), to compare with what template.yaml grants.
     */
    public static AutoCloseable recordActions(Set<String> actions) {
        ACTION_RECORDERS.add(actions);
        return () -> ACTION_RECORDERS.remove(actions);
    }

    /** The IAM actions a call needs. */
    static List<String> actions(Call call, SdkRequest request) {
        String prefix = IAM_PREFIX.getOrDefault(call.service(), call.service().toLowerCase(Locale.ROOT)) + ":";
        if (request instanceof TransactWriteItemsRequest transaction) {
            List<String> actions = new ArrayList<>();
            for (TransactWriteItem item : transaction.transactItems()) {
                actions.add(prefix
                        + (item.put() != null
                                ? "PutItem"
                                : item.update() != null
                                        ? "UpdateItem"
                                        : item.delete() != null ? "DeleteItem" : "ConditionCheckItem"));
            }
            return actions;
        }
        // IAM names a few operations otherwise.
        return List.of(prefix + (call.toString().equals("Lambda.Invoke") ? "InvokeFunction" : call.operation()));
    }

    /**
     * Until the handle is closed, answers the operation ({@code "SesV2.SendEmail"}) with what {@code fault} gives for
     * the request; a null answer lets the call go.
     */
    public static AutoCloseable fail(String operation, Function<SdkRequest, RuntimeException> fault) {
        FAULTS.put(operation, fault);
        return () -> FAULTS.remove(operation);
    }

    /**
     * Until the handle is closed, sends the requests of one service ({@code "DynamoDb"}) to {@code endpoint} instead
     * of where the client would: a closed port makes the service unreachable, as a network fault would, with the
     * client's own time limits and retries, and without changing the JVM's endpoint settings.
     */
    public static AutoCloseable redirect(String service, URI endpoint) {
        REDIRECTS.put(service, endpoint);
        return () -> REDIRECTS.remove(service);
    }

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        URI endpoint = REDIRECTS.get(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME));
        return endpoint == null
                ? context.httpRequest()
                : context.httpRequest().toBuilder()
                        .protocol(endpoint.getScheme())
                        .host(endpoint.getHost())
                        .port(endpoint.getPort())
                        .build();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        Call call = new Call(
                attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
                attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        RECORDERS.forEach(calls -> calls.add(call));
        if (!ACTION_RECORDERS.isEmpty()
                && context.httpRequest()
                        .firstMatchingHeader("User-Agent")
                        .filter(agent -> agent.contains(FUNCTIONS_USER_AGENT))
                        .isPresent()) {
            List<String> actions = actions(call, context.request());
            ACTION_RECORDERS.forEach(recorder -> recorder.addAll(actions));
        }
        Function<SdkRequest, RuntimeException> fault = FAULTS.get(call.toString());
        RuntimeException answer = fault == null ? null : fault.apply(context.request());
        if (answer != null) {
            throw answer;
        }
    }

    private static final Map<String, Supplier<SesV2Exception.Builder>> SES_ERRORS = Map.of(
            "AccountSuspendedException", AccountSuspendedException::builder,
            "SendingPausedException", SendingPausedException::builder,
            "MailFromDomainNotVerifiedException", MailFromDomainNotVerifiedException::builder,
            "NotFoundException", NotFoundException::builder,
            "LimitExceededException", LimitExceededException::builder,
            "AccessDeniedException", SesV2Exception::builder,
            "MessageRejected", MessageRejectedException::builder,
            "BadRequestException", BadRequestException::builder,
            "TooManyRequestsException", TooManyRequestsException::builder);

    /** SES v2's error {@code code}, as the SDK raises it from SES's answer. */
    public static SesV2Exception sesError(String code) {
        Supplier<SesV2Exception.Builder> builder = SES_ERRORS.get(code);
        if (builder == null) {
            throw new IllegalArgumentException("no SES error " + code);
        }
        int status = switch (code) {
            case "AccessDeniedException" -> 403;
            case "TooManyRequestsException" -> 429;
            case "NotFoundException" -> 404;
            default -> 400;
        };
        return (SesV2Exception) builder.get()
                .statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .serviceName("SESv2")
                        .errorMessage("injected by the test")
                        .build())
                .message(code + ": injected by the test")
                .build();
    }
}
