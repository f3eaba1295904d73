package fr.nogentech.events.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.http.HttpApi;
import fr.nogentech.events.http.HttpResponse;
import fr.nogentech.events.http.HttpResponses;
import io.micronaut.context.ApplicationContextBuilder;

import java.util.List;
import java.util.Map;

/**
 * A function behind API Gateway: the event becomes an {@link fr.nogentech.events.http.HttpRequest}, the function's
 * {@link HttpApi} answers it, and every failure becomes its problem response here, in one place.
 */
public abstract class ApiHandler<A extends HttpApi> extends FunctionHandler<A> {

    protected ApiHandler(Class<A> api) {
        super(api);
    }

    protected ApiHandler(Class<A> api, ApplicationContextBuilder context) {
        super(api, context);
    }

    @Override
    protected final JsonNode handle(A api, JsonNode event, Context lambda) {
        return ApiGatewayHttp.response(HttpResponses.serve(api, ApiGatewayHttp.request(event)));
    }

    /** Runs the function on an API Gateway event, as {@link #invoke} does, and reads its answer as a response. */
    public final HttpResponse serve(JsonNode event) {
        return ApiGatewayHttp.readResponse(invoke(event, null));
    }

    /** Rehearses with these requests, read-only ones that a visitor could send. */
    @Override
    protected final void rehearse(A api) {
        for (JsonNode event : primingRequests()) {
            rehearseWith(event);
        }
        rehearseBeyondRequests(api);
    }

    /**
     * Rehearses the requests that write ({@link #dryRunRequests}, then {@link #dryRunRequestsFinding} with
     * {@link #dryRunAnswersInTurn}) through the whole handler, in priming's dry run: marshalled, signed, answered with
     * canned successes, never sent.
     */
    @Override
    protected final void dryRun(A api) {
        for (JsonNode event : dryRunRequests()) {
            rehearseWith(event);
        }
        List<JsonNode> finding = dryRunRequestsFinding();
        if (!finding.isEmpty()) {
            DryRun.answeringInTurn(dryRunAnswersInTurn(), () -> {
                for (JsonNode event : finding) {
                    rehearseWith(event);
                }
            });
        }
    }

    /**
     * The function's common writing requests, as API Gateway events, for its dry run ({@link DryRun}), where every
     * read of the store finds nothing: a creation, a subscription. None by default.
     */
    protected List<JsonNode> dryRunRequests() {
        return List.of();
    }

    /**
     * Requests for the dry run that must find something to take their path (a change of an event, a registration to
     * one, a month with events): the store answers them with {@link #dryRunAnswers}. None by default.
     */
    protected List<JsonNode> dryRunRequestsFinding() {
        return List.of();
    }

    /**
     * What the store answers {@link #dryRunRequestsFinding} in the dry run, by operation ({@code GetItem},
     * {@code Query}): DynamoDB's JSON, such as {@code EventStore.dryRunAnswer}.
     */
    protected Map<String, String> dryRunAnswers() {
        return Map.of();
    }

    /**
     * As {@link #dryRunAnswers}, with several answers for an operation, given in the order of its calls across
     * {@link #dryRunRequestsFinding} (the last one again once the others are used): for requests whose calls of one
     * operation must end differently, such as a first request accepted and the same request refused. By default,
     * {@link #dryRunAnswers}, one answer each.
     */
    protected Map<String, List<String>> dryRunAnswersInTurn() {
        return DryRun.oneEach(dryRunAnswers());
    }

    /** What the read-only requests cannot reach (a client only writes use), primed by a read; nothing by default. */
    protected void rehearseBeyondRequests(A api) {}

    /** Requests that read and never write, as API Gateway events ({@link ApiGatewayHttp#event}). */
    protected abstract List<JsonNode> primingRequests();

    /** A {@code GET} as a visitor sends it. */
    protected static JsonNode get(
            String routeKey,
            String path,
            Map<String, String> pathParameters,
            Map<String, String> query,
            String accept) {
        return ApiGatewayHttp.event(routeKey, path, pathParameters, query, Map.of("accept", accept), null, null);
    }
}
