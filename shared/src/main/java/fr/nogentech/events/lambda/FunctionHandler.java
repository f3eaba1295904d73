package fr.nogentech.events.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.json.Json;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The edge of every function: a plain Lambda stream handler that owns a small Micronaut context (dependency
 * injection and configuration only: no HTTP stack, no serde, no reactive runtime) and takes the function's one bean
 * from it. It reads the event and writes the answer as JSON trees with the project's own Jackson mapper, so that the
 * runtime's serialization stays out of the request path.
 *
 * <p>It is also a CRaC resource. Before SnapStart takes the snapshot, it runs the function's request path on
 * read-only requests ({@link #rehearse}), so that a restored environment finds its classes loaded and linked
 * and its SDK client connected; then its write path in a {@link DryRun} ({@link #dryRun}), where the SDK clients
 * answer every call with a canned success and send nothing. Priming writes nothing and sends nothing.
 */
public abstract class FunctionHandler<B> implements RequestStreamHandler, Resource, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FunctionHandler.class);
    /** Enough runs for the request path's code to leave the interpreter before the snapshot. */
    private static final int PRIMING_RUNS = 20;

    private final ApplicationContext context;
    private final B bean;
    private volatile boolean closed;

    /** As Lambda builds it: configuration from the environment ({@code EVENTS_TABLE} is {@code events.table}). */
    protected FunctionHandler(Class<B> type) {
        this(type, configured(Map.of()));
    }

    /** With its own context: how the tests and the development server configure a function ({@link #configured}). */
    protected FunctionHandler(Class<B> type, ApplicationContextBuilder context) {
        this.context = context.start();
        this.bean = this.context.getBean(type);
        // The runtime keeps the handler, and the handler is the resource: CRaC contexts hold resources weakly.
        Core.getGlobalContext().register(this);
    }

    /**
     * The context every function starts from: dependency injection and configuration, the environment's variables
     * as properties, and these properties over them.
     */
    public static ApplicationContextBuilder configured(Map<String, Object> properties) {
        return ApplicationContext.builder()
                .deduceEnvironment(false)
                .banner(false)
                .properties(properties);
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context lambda) throws IOException {
        // Every record of the invocation names it (LogRecords writes these): CloudWatch queries find a request.
        MDC.put("AWSRequestId", lambda.getAwsRequestId());
        MDC.put("AWSFunctionName", lambda.getFunctionName());
        try {
            JsonNode answer = handle(bean, Json.MAPPER.readTree(input), lambda);
            Json.MAPPER.writeValue(output, answer);
        } finally {
            MDC.remove("AWSRequestId");
            MDC.remove("AWSFunctionName");
        }
    }

    /** The function itself: the event in, the answer out. */
    protected abstract JsonNode handle(B bean, JsonNode event, Context lambda);

    /**
     * One representative run of the function's request path that reads and never writes or sends: what priming
     * repeats before the snapshot.
     */
    protected abstract void rehearse(B bean);

    /**
     * The function's common request path, writes and sends included, run through its real code while {@link DryRun}
     * is on: every SDK call is marshalled, signed and answered with a canned success, nothing leaves the process. The
     * canned answers read as "no item", so the requests rehearsed here are chosen to take the write path anyway
     * (a creation, a new subscription). Nothing by default.
     */
    protected void dryRun(B bean) {}

    /**
     * Primes the function: its read-only rehearsal against the real store, then its dry run, each a few times over.
     * What SnapStart's before-checkpoint hook runs (with, where {@code System.gc()} is disabled, the collection and
     * one more rehearsal of {@link SnapshotCollection}).
     */
    public final void prime() {
        rehearseAll(PRIMING_RUNS);
    }

    private void rehearseAll(int runs) {
        for (int run = 0; run < runs; run++) {
            rehearse(bean);
        }
        DryRun.run(() -> {
            for (int run = 0; run < runs; run++) {
                dryRun(bean);
            }
        });
    }

    /** Runs an event through the whole handler, as Lambda passes it, and forgets the answer. */
    protected final void rehearseWith(JsonNode event) {
        invoke(event, InvocationContext.priming());
    }

    /**
     * Runs the function on an event, through the same bytes Lambda passes and reads: how the tests call it. A null
     * context stands for one with time enough.
     */
    public final JsonNode invoke(JsonNode event, Context lambda) {
        try {
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            handleRequest(
                    new ByteArrayInputStream(Json.MAPPER.writeValueAsBytes(event)),
                    output,
                    lambda == null ? new InvocationContext("invoke", null, 60_000) : lambda);
            return Json.MAPPER.readTree(output.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> checkpoint) {
        if (closed) {
            return;
        }
        // A snapshot without priming is slower, not wrong: nothing here may stop the version from being published.
        boolean primed = attempt("priming", this::prime);
        if (SnapshotCollection.explicitGcDisabled()
                && attempt("the collection before the snapshot", SnapshotCollection::collect)
                && primed) {
            // The runtime's System.gc() after this hook does nothing; the collection above armed the entry barrier of
            // every compiled method: one more rehearsal passes the request path's before the snapshot, not after.
            attempt("priming after the collection", () -> rehearseAll(1));
        }
    }

    private static boolean attempt(String step, Runnable run) {
        try {
            run.run();
            return true;
        } catch (RuntimeException e) {
            LOG.warn(
                    "{} failed, the snapshot is taken without it: {}: {}",
                    step,
                    e.getClass().getSimpleName(),
                    e.getMessage());
            return false;
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> restore) {
        // Nothing captured at init is unique to an environment: clients sign with credentials read per request, and
        // no random seed, id or clock reading is taken before the snapshot.
    }

    @Override
    public void close() {
        closed = true;
        context.close();
    }
}
