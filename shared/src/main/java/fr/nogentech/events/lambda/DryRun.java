package fr.nogentech.events.lambda;

import org.slf4j.MDC;

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
    /** Canned answers of a part of the dry run, by operation ({@code GetItem}); the default ({@code {}}) otherwise. */
    private static volatile Map<String, String> answers = Map.of();

    private DryRun() {}

    /** Whether calls are being answered without being sent: one volatile read. */
    public static boolean isOn() {
        return on;
    }

    /** The answer the dry run gives to {@code operation} ({@code GetItem}) now, or null for the default. */
    public static String answer(String operation) {
        return answers.get(operation);
    }

    /**
     * Within the dry run, answers each operation of {@code answers} (such as {@code GetItem}) with its body (the
     * service's JSON, such as an item from {@code EventStore.dryRunAnswer}) while {@code rehearsal} runs, so that a
     * request that must find something (a change of an event) takes its write path. Outside the dry run it does
     * nothing.
     */
    public static void answering(Map<String, String> canned, Runnable rehearsal) {
        if (!on) {
            return;
        }
        Map<String, String> before = answers;
        answers = Map.copyOf(canned);
        try {
            rehearsal.run();
        } finally {
            answers = before;
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
            MDC.remove("dryRun");
        }
    }
}
