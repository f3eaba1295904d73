package fr.nogentech.events.lambda;

import org.slf4j.MDC;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The process-wide switch of priming's dry run: while it is on, the SDK clients the functions build
 * ({@code config.AwsClients}) send nothing and answer every call with a canned success, and the local outbox writes
 * no file. It lets a function rehearse its write path (PutItem, UpdateItem, SQS SendMessage, SES SendEmail, Lambda
 * Invoke: marshalling, signing, the response's parsing) before SnapStart's snapshot without changing anything.
 *
 * <p>Only {@link FunctionHandler}'s priming turns it on, around its dry-run rehearsal, and always off again. A
 * Lambda environment runs one invocation at a time and primes before the first, so no real request ever sees it on.
 * Every log record written meanwhile carries {@code dryRun=true} (an MDC entry), and {@code logging.Audit} records
 * nothing.
 */
public final class DryRun {

    private static volatile boolean on;
    /**
     * Canned answers of a part of the dry run, by operation ({@code GetItem}): given in turn, the last one again once
     * the others are used; the default ({@code {}}) for an operation not named.
     */
    private static volatile Map<String, List<String>> answers = Map.of();
    /** How many answers each operation has been given in the current part (priming is one thread). */
    private static final Map<String, Integer> GIVEN = new HashMap<>();

    private DryRun() {}

    /** Whether calls are being answered without being sent: one volatile read. */
    public static boolean isOn() {
        return on;
    }

    /**
     * The answer the dry run gives to {@code operation} ({@code GetItem}) now, or null for the default. A body that
     * is a service's error ({@link #failure}) is answered as one (HTTP 400).
     */
    public static String answer(String operation) {
        List<String> canned = answers.get(operation);
        if (canned == null) {
            return null;
        }
        synchronized (GIVEN) {
            int given = GIVEN.merge(operation, 1, Integer::sum) - 1;
            return canned.get(Math.min(given, canned.size() - 1));
        }
    }

    /**
     * A service's error answer, as the JSON protocols write it ({@code __type}, {@code message}): the SDK raises it
     * as its exception, so that a rehearsal whose real request ends in an error (a condition that does not hold)
     * warms the error's unmarshalling and the code's catch. {@code type} is the service's full name of the error,
     * such as {@code com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException}.
     */
    public static String failure(String type, String message) {
        return "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}";
    }

    /** DynamoDB's refusal of a write whose condition does not hold. */
    public static final String CONDITIONAL_CHECK_FAILED = failure(
            "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException", "The conditional request failed");

    /** Whether {@code body} is an error answer ({@link #failure}). */
    public static boolean isFailure(String body) {
        return body.startsWith("{\"__type\":");
    }

    /**
     * Within the dry run, answers each operation of {@code answers} (such as {@code GetItem}) with its body (the
     * service's JSON, such as an item from {@code EventStore.dryRunAnswer}) while {@code rehearsal} runs, so that a
     * request that must find something (a change of an event) takes its write path. Outside the dry run it does
     * nothing.
     */
    public static void answering(Map<String, String> canned, Runnable rehearsal) {
        answeringInTurn(oneEach(canned), rehearsal);
    }

    /** One answer per operation, as {@link #answeringInTurn} takes them. */
    public static Map<String, List<String>> oneEach(Map<String, String> canned) {
        Map<String, List<String>> each = new HashMap<>();
        canned.forEach((operation, body) -> each.put(operation, List.of(body)));
        return each;
    }

    /**
     * As {@link #answering}, with several answers for an operation, given in the order of its calls (the last one
     * again once the others are used): for a rehearsal whose calls of one operation read different items, such as
     * a {@code Query} of the events, then one of an event's registrations.
     */
    public static void answeringInTurn(Map<String, List<String>> canned, Runnable rehearsal) {
        if (!on) {
            return;
        }
        Map<String, List<String>> before = answers;
        Map<String, Integer> givenBefore;
        synchronized (GIVEN) {
            givenBefore = Map.copyOf(GIVEN);
            GIVEN.clear();
        }
        answers = Map.copyOf(canned);
        try {
            rehearsal.run();
        } finally {
            answers = before;
            synchronized (GIVEN) {
                GIVEN.clear();
                GIVEN.putAll(givenBefore);
            }
        }
    }

    /** Runs {@code rehearsal} with the switch on, and turns it off whatever happens. */
    static void run(Runnable rehearsal) {
        on = true;
        MDC.put("dryRun", "true");
        try {
            rehearsal.run();
        } finally {
            on = false;
            answers = Map.of();
            synchronized (GIVEN) {
                GIVEN.clear();
            }
            MDC.remove("dryRun");
        }
    }
}
